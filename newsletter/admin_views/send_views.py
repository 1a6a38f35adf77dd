"""Sends in the admin: the list of sends, the progress of one (updating), resume."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from newsletter import conf
from newsletter.admin_views.base import NewsletterAdminView
from newsletter.models import Delivery, Send
from newsletter.tasks import send_issue

Status = Delivery.Status


def progress_data(send: Send) -> dict:
    """What the progress page shows (and its script fetches): counts and state."""
    counts = send.counts()
    done = counts[Status.SENT] + counts[Status.FAILED] + counts[Status.SKIPPED]
    done += counts[Status.UNCERTAIN]
    stale_before = timezone.now() - conf.get("NEWSLETTER_LEASE")
    stalled = send.status == Send.Status.SENDING and (
        send.heartbeat_at is None or send.heartbeat_at < stale_before
    )
    return {
        "status": send.status,
        "status_label": str(send.get_status_display()),
        "total": send.total,
        "done": done,
        "counts": counts,
        "finished": send.status == Send.Status.DONE,
        "resumable": send.status == Send.Status.INTERRUPTED or stalled,
        "stalled": stalled,
        "last_error": send.last_error,
    }


class SendIndexView(NewsletterAdminView):
    permission = "newsletter.view_send"
    page_title = gettext_lazy("Newsletter sends")
    template_name = "newsletter/admin/send_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_status = {
            status: Count("deliveries", filter=Q(deliveries__status=status))
            for status in (Status.SENT, Status.FAILED, Status.UNCERTAIN)
        }
        context["sends"] = (
            Send.objects.select_related("mailing_list", "created_by")
            .annotate(**by_status)
            .order_by("-created_at")[:100]
        )
        return context


class SendProgressView(NewsletterAdminView):
    permission = "newsletter.view_send"
    page_title = gettext_lazy("Sending progress")
    template_name = "newsletter/admin/send_progress.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.send = get_object_or_404(Send.objects.select_related("mailing_list"), pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.send)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("newsletter_sends:index"), "label": _("Newsletter sends")},
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.send)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        progress = progress_data(self.send)
        context.update(
            send=self.send,
            progress=progress,
            status_rows=[
                (value, label, progress["counts"][value]) for value, label in Status.choices
            ],
            progress_url=reverse("newsletter_sends:progress_json", args=[self.send.pk]),
            resume_url=reverse("newsletter_sends:resume", args=[self.send.pk]),
            can_resume=self.request.user.has_perm("newsletter.add_send"),
        )
        return context


class SendProgressJsonView(View):
    def get(self, request, pk):
        if not request.user.has_perm("newsletter.view_send"):
            return JsonResponse({"error": "forbidden"}, status=403)
        send = get_object_or_404(Send, pk=pk)
        response = JsonResponse(progress_data(send))
        response["Cache-Control"] = "no-store"
        return response


class SendResumeView(View):
    """Queue the send again; the worker goes on from what is still pending."""

    def post(self, request, pk):
        if not request.user.has_perm("newsletter.add_send"):
            messages.error(request, _("You may not send newsletters."))
            return redirect(reverse("newsletter_sends:progress", args=[pk]))
        send = get_object_or_404(Send, pk=pk)
        if not progress_data(send)["resumable"]:
            messages.warning(request, _("This send is not interrupted; nothing to resume."))
        else:
            result = send_issue.enqueue(send.pk)
            Send.objects.filter(pk=send.pk).update(task_result_id=str(result.id))
            messages.success(request, _("The send will go on in the background."))
        return redirect(reverse("newsletter_sends:progress", args=[pk]))
