"""The "Newsletter" menu of the Wagtail admin: lists, subscribers, sends, import/export,
a person's data. Per-issue views (preview, test, send) hang off the page editor."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from newsletter.admin_views import issue_views, send_views, subscriber_views
from newsletter.models import MailingList, Subscriber


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Subscribers are not added or deleted one by one in the admin: they subscribe
    themselves (double opt-in) or come in by import, and leave by erasure, which keeps the
    suppression entry a plain delete would lose."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


def _perm_menu_item(permission):
    class PermissionMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm(permission)

    return PermissionMenuItem


class MailingListViewSet(ModelViewSet):
    model = MailingList
    name = "newsletter_lists"
    icon = "list-ul"
    menu_label = _("Mailing lists")
    list_display = ["name_fi", "slug", "public", "sort_order"]
    search_fields = ["slug", "name_fi", "name_sv", "name_en"]
    copy_view_enabled = False
    panels = [
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("name_en")],
            heading=_("Name"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("description_fi"),
                FieldPanel("description_sv"),
                FieldPanel("description_en"),
            ],
            heading=_("Description"),
        ),
        FieldRowPanel([FieldPanel("public"), FieldPanel("sort_order")]),
    ]


def _subscription_summary(subscriber) -> str:
    return ", ".join(
        f"{s.mailing_list.slug} ({s.get_status_display()})" for s in subscriber.subscriptions.all()
    )


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscribers"
    icon = "user"
    menu_label = _("Subscribers")
    list_display = [
        "email",
        "language",
        Column("subscriptions", label=_("Lists"), accessor=_subscription_summary),
        "created",
    ]
    list_filter = ["language"]
    search_fields = ["email"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = ["email", "language", "created"]
    copy_view_enabled = False
    form_fields = ["language"]

    def get_queryset(self, request):
        return Subscriber.objects.prefetch_related("subscriptions__mailing_list")


class SendsViewSet(ViewSet):
    """Sends of issues: the list, progress, resume; and the per-issue views."""

    name = "newsletter_sends"
    icon = "mail"
    menu_label = _("Sends")

    @cached_property
    def menu_item_class(self):
        return _perm_menu_item("newsletter.view_send")

    def get_urlpatterns(self):
        return [
            path("", send_views.SendIndexView.as_view(), name="index"),
            path("<int:pk>/", send_views.SendProgressView.as_view(), name="progress"),
            path(
                "<int:pk>/progress.json",
                send_views.SendProgressJsonView.as_view(),
                name="progress_json",
            ),
            path("<int:pk>/resume/", send_views.SendResumeView.as_view(), name="resume"),
            path(
                "issue/<int:page_id>/preview/",
                issue_views.EmailPreviewView.as_view(),
                name="preview",
            ),
            path(
                "issue/<int:page_id>/preview/email.html",
                issue_views.EmailPreviewHtmlView.as_view(),
                name="preview_html",
            ),
            path("issue/<int:page_id>/test/", issue_views.SendTestView.as_view(), name="test"),
            path("issue/<int:page_id>/send/", issue_views.SendToListView.as_view(), name="send"),
        ]


class ImportExportViewSet(ViewSet):
    name = "newsletter_import"
    icon = "download"
    menu_label = _("Import and export")

    @cached_property
    def menu_item_class(self):
        return _perm_menu_item("newsletter.add_subscriber")

    def get_urlpatterns(self):
        return [
            path("", subscriber_views.SubscriberImportView.as_view(), name="import"),
            path("export.csv", subscriber_views.SubscriberExportView.as_view(), name="export"),
        ]


class PersonalDataViewSet(ViewSet):
    name = "newsletter_personal_data"
    icon = "lock"
    menu_label = _("A person's data")

    @cached_property
    def menu_item_class(self):
        return _perm_menu_item("newsletter.view_subscriber")

    def get_urlpatterns(self):
        return [path("", subscriber_views.PersonalDataView.as_view(), name="index")]


class NewsletterViewSetGroup(ViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 300
    items = (
        SendsViewSet,
        SubscriberViewSet,
        MailingListViewSet,
        ImportExportViewSet,
        PersonalDataViewSet,
    )
