"""Staff tools for subscribers: CSV import and export, a person's data export and erasure."""

import json
import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from newsletter.addresses import email_hash
from newsletter.admin_views.base import NewsletterAdminView
from newsletter.forms import DataRequestForm, SubscriberImportForm
from newsletter.models import Subscriber
from newsletter.services.personal_data import erase_subscriber, subscriber_data
from newsletter.services.subscriber_csv import ImportFailed, export_csv_lines, import_csv
from newsletter.services.subscriptions import unsubscribe

logger = logging.getLogger(__name__)


class SubscriberImportView(NewsletterAdminView):
    """Import (all or nothing) and a link to the export."""

    permission = "newsletter.add_subscriber"
    page_title = gettext_lazy("Import and export subscribers")
    template_name = "newsletter/admin/import.html"

    def get_context_data(self, form=None, errors=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or SubscriberImportForm(),
            errors=errors or [],
            subscriber_count=Subscriber.objects.count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SubscriberImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data["file"].read()
        try:
            result = import_csv(
                data,
                basis=form.cleaned_data["consent_basis"],
                language=(get_language() or "fi")[:2],
            )
        except ImportFailed as failure:
            return self.render_to_response(
                self.get_context_data(form=form, errors=failure.errors), status=400
            )
        logger.info("Newsletter import by user %s: %s rows", request.user.pk, result.rows)
        messages.success(
            request,
            _(
                "Imported %(rows)s rows: %(new)s new subscribers, %(added)s subscriptions "
                "added, %(already)s already subscribed, %(left)s left off because the person "
                "had unsubscribed."
            )
            % {
                "rows": result.rows,
                "new": result.new_subscribers,
                "added": result.subscriptions_added,
                "already": result.already_subscribed,
                "left": result.left_off_unsubscribed,
            },
        )
        return redirect(request.path)


class SubscriberExportView(View):
    def get(self, request):
        if not request.user.has_perm("newsletter.view_subscriber"):
            raise PermissionDenied
        logger.info("Newsletter subscriber export by user %s", request.user.pk)
        response = StreamingHttpResponse(export_csv_lines(), content_type="text/csv; charset=utf-8")
        filename = f"keko-newsletter-subscribers-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PersonalDataView(NewsletterAdminView):
    """One person's request: export their data as JSON, unsubscribe them, or erase them."""

    permission = "newsletter.view_subscriber"
    page_title = gettext_lazy("A person's data")
    template_name = "newsletter/admin/personal_data.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or DataRequestForm()
        context["can_erase"] = self.request.user.has_perm("newsletter.delete_subscriber")
        return context

    def post(self, request, *args, **kwargs):
        form = DataRequestForm(request.POST)
        action = request.POST.get("action")
        if not form.is_valid() or action not in ("export", "unsubscribe", "erase"):
            return self.render_to_response(self.get_context_data(form=form), status=400)
        email = form.cleaned_data["email"]
        audit = (request.user.pk, action, email_hash(email)[:12])
        if action == "export":
            data = subscriber_data(email)
            if data is None:
                return self._nothing(form, email)
            logger.info("Newsletter data request by user %s: %s %s", *audit)
            response = HttpResponse(
                json.dumps(data, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="newsletter-data.json"'
            return response
        if action == "unsubscribe":
            subscriber = Subscriber.objects.filter(email=email).first()
            if subscriber is None:
                return self._nothing(form, email)
            unsubscribe(subscriber=subscriber, list_slug=None)
            logger.info("Newsletter data request by user %s: %s %s", *audit)
            messages.success(
                request, _("%(email)s was unsubscribed from every list.") % {"email": email}
            )
            return redirect(request.path)
        if not request.user.has_perm("newsletter.delete_subscriber"):
            raise PermissionDenied
        if request.POST.get("confirm_erase") != "yes":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if not erase_subscriber(email):
            return self._nothing(form, email)
        logger.info("Newsletter data request by user %s: %s %s", *audit)
        messages.success(
            request,
            _(
                "The newsletter data of %(email)s was erased. A hash of the address is kept "
                "so that no import adds it back."
            )
            % {"email": email},
        )
        return redirect(request.path)

    def _nothing(self, form, email):
        messages.warning(
            self.request, _("The newsletter holds no data about %(email)s.") % {"email": email}
        )
        return self.render_to_response(self.get_context_data(form=form))
