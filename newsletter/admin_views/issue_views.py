"""Per-issue admin views: preview as email, send a test to oneself, send to a list."""

import smtplib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsletter.admin_views.base import NewsletterAdminView, issue_or_404, latest_draft
from newsletter.emails import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    issue_message,
    render_issue,
)
from newsletter.forms import SendForm
from newsletter.models import MailingList, Send, Subscriber, Subscription
from newsletter.services.sending import SendError, canonical_issue, send_start
from newsletter.tasks import send_issue
from portal.kernel.failures import error_fields, log_failure

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _language(request, issue) -> str:
    language = request.GET.get("language") or request.POST.get("language")
    return language if language in LANGUAGE_CODES else issue.locale.language_code


def _rendered_draft(issue, language):
    """The email of the latest draft: the draft itself in its own language, else the
    translation subscribers of that language would get."""
    draft = latest_draft(issue)
    return render_issue(draft if draft.locale.language_code == language else issue, language)


class IssueViewMixin:
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.issue = issue_or_404(kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        if not self.issue.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.issue.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.issue.pk]),
                "label": self.issue.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]


class EmailPreviewView(IssueViewMixin, NewsletterAdminView):
    """The issue as email: subject, links to the HTML email, and the text part."""

    page_title = gettext_lazy("Preview as email")
    template_name = "newsletter/admin/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = _language(self.request, self.issue)
        rendered = _rendered_draft(self.issue, language)
        context.update(
            issue=self.issue,
            language=language,
            languages=settings.LANGUAGES,
            subject=rendered.subject,
            text=rendered.text.replace(UNSUBSCRIBE_PLACEHOLDER, "…").replace(
                PREFERENCES_PLACEHOLDER, "…"
            ),
            html_url=reverse("newsletter_sends:preview_html", args=[self.issue.pk])
            + f"?language={language}",
            test_url=reverse("newsletter_sends:test", args=[self.issue.pk]),
            send_url=reverse("newsletter_sends:send", args=[self.issue.pk]),
            can_send=self.request.user.has_perm("newsletter.add_send")
            and self.issue.permissions_for_user(self.request.user).can_publish(),
        )
        return context


class EmailPreviewHtmlView(IssueViewMixin, NewsletterAdminView):
    """The HTML part alone, opened in its own tab (the admin may not be framed)."""

    def get(self, request, *args, **kwargs):
        rendered = _rendered_draft(self.issue, _language(request, self.issue))
        html = rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, "#").replace(
            PREFERENCES_PLACEHOLDER, "#"
        )
        return HttpResponse(html)


class SendTestView(IssueViewMixin, NewsletterAdminView):
    """Send the latest draft, in a chosen language, to the signed-in user's own address."""

    page_title = gettext_lazy("Send a test to myself")
    template_name = "newsletter/admin/send_test.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            issue=self.issue,
            languages=settings.LANGUAGES,
            language=_language(self.request, self.issue),
            recipient=self.request.user.email,
        )
        return context

    def post(self, request, *args, **kwargs):
        email = request.user.email
        if not email:
            messages.error(request, _("Your account has no email address to send the test to."))
            return redirect(request.path)
        language = _language(request, self.issue)
        rendered = _rendered_draft(self.issue, language)
        stand_in = Subscriber(email=email, language=language)  # not saved: links lead nowhere
        message = issue_message(
            rendered, subscriber=stand_in, mailing_list=None, subject_prefix=_("[TEST] ")
        )
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            log_failure(
                "send",
                "Newsletter test email failed",
                email="newsletter-test",
                **error_fields(error),
            )
            messages.error(
                request, _("The test could not be sent: the mail server did not answer.")
            )
            return redirect(request.path)
        messages.success(request, _("A test was sent to %(email)s.") % {"email": email})
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.issue.pk]))


class SendToListView(IssueViewMixin, NewsletterAdminView):
    """Choose a list, confirm, and the send starts in the background."""

    page_title = gettext_lazy("Send to subscribers")
    template_name = "newsletter/admin/send.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("newsletter.add_send"):
            raise PermissionDenied
        if not self.issue.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        original = canonical_issue(self.issue)
        confirmed = Count(
            "subscriptions", filter=Q(subscriptions__status=Subscription.Status.CONFIRMED)
        )
        context.update(
            issue=self.issue,
            form=form or SendForm(),
            lists=MailingList.objects.annotate(confirmed=confirmed),
            sends=Send.objects.filter(issue=original).select_related("mailing_list"),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.issue.live:
            # The page offers no form then; a stale one says why, not a bare 400.
            messages.warning(
                request,
                _("The issue is not published. Publish it first: every issue is also on the web."),
            )
            return redirect(reverse("newsletter_sends:send", args=[self.issue.pk]))
        form = SendForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        mailing_list = form.cleaned_data["mailing_list"]
        try:
            with transaction.atomic():
                send, created = send_start(
                    issue=self.issue, mailing_list=mailing_list, user=request.user
                )
                if created:
                    transaction.on_commit(lambda: _enqueue(send_issue, send))
        except SendError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if created:
            send.refresh_from_db(fields=["status"])
            # A quick worker (or the immediate backend) may be done already: then "has
            # started" would be untrue on the progress page.
            text = (
                _("The issue has been sent to the %(count)s subscribers of “%(list)s”.")
                if send.status == Send.Status.DONE
                else _("Sending to %(count)s subscribers of “%(list)s” has started.")
            )
            messages.success(request, text % {"count": send.total, "list": mailing_list.name})
        else:
            messages.warning(
                request,
                _("This issue has already been sent to “%(list)s”; nothing new is sent.")
                % {"list": mailing_list.name},
            )
        return redirect(reverse("newsletter_sends:progress", args=[send.pk]))


def _enqueue(task, send) -> None:
    result = task.enqueue(send.pk)
    Send.objects.filter(pk=send.pk).update(task_result_id=str(result.id))
