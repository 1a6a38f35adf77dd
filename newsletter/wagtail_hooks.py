"""Admin wiring: the Newsletter menu, and on each issue page "Preview as email", "Send a
test to myself", "Send to subscribers" (header buttons and the editor's action menu)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets.button import Button

from newsletter.models import NewsletterIssuePage
from newsletter.viewsets import NewsletterViewSetGroup


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()


@hooks.register("register_page_header_buttons")
def newsletter_issue_buttons(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, NewsletterIssuePage):
        return
    permissions = page.permissions_for_user(user)
    if not permissions.can_edit():
        return
    yield Button(
        _("Preview as email"),
        reverse("newsletter_sends:preview", args=[page.pk]),
        icon_name="view",
        priority=90,
    )
    yield Button(
        _("Send a test to myself"),
        reverse("newsletter_sends:test", args=[page.pk]),
        icon_name="mail",
        priority=91,
    )
    if user.has_perm("newsletter.add_send") and permissions.can_publish() and page.live:
        yield Button(
            _("Send to subscribers"),
            reverse("newsletter_sends:send", args=[page.pk]),
            icon_name="mail",
            priority=92,
        )


class SendToSubscribersMenuItem(ActionMenuItem):
    label = _("Send to subscribers…")
    name = "action-newsletter-send"
    icon_name = "mail"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        if context["view"] != "edit" or not isinstance(page, NewsletterIssuePage):
            return False
        user = context["request"].user
        return (
            page.live  # an unpublished issue cannot be sent: its web version must exist
            and user.has_perm("newsletter.add_send")
            and page.permissions_for_user(user).can_publish()
        )

    def get_url(self, parent_context):
        return reverse("newsletter_sends:send", args=[parent_context["page"].pk])


class PreviewAsEmailMenuItem(ActionMenuItem):
    label = _("Preview as email")
    name = "action-newsletter-preview"
    icon_name = "view"
    order = 61

    def is_shown(self, context):
        page = context.get("page")
        return context["view"] == "edit" and isinstance(page, NewsletterIssuePage)

    def get_url(self, parent_context):
        return reverse("newsletter_sends:preview", args=[parent_context["page"].pk])


class SendTestMenuItem(PreviewAsEmailMenuItem):
    label = _("Send a test to myself")
    name = "action-newsletter-test"
    icon_name = "mail"
    order = 62

    def get_url(self, parent_context):
        return reverse("newsletter_sends:test", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_test_menu_item():
    return SendTestMenuItem()


@hooks.register("register_page_action_menu_item")
def register_send_menu_item():
    return SendToSubscribersMenuItem()


@hooks.register("register_page_action_menu_item")
def register_preview_menu_item():
    return PreviewAsEmailMenuItem()
