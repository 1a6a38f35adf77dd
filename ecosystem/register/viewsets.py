"""Wagtail admin for the ecosystem register: one "Ecosystem" menu with a snippet viewset per
model — listing with search and filters, edit forms with inline children, revisions and
history (Organisation, Service, Relation and ServicePath keep revisions)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.views.snippets import (
    DeleteView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from ecosystem.models import (
    Municipality,
    Organisation,
    Relation,
    Service,
    ServicePath,
    ServicePathStep,
    TargetGroup,
)
from ecosystem.register.panels import RecordLinksPanel
from portal.admin_choosers import SafeSnippetChooserViewSet


class ProtectedDeleteView(DeleteView):
    """Deleting a record others depend on (a service that is a step of a service path, a
    target group of a path) is refused with a message naming them, not a server error."""

    def form_valid(self, form: forms.Form) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError as error:
            users = sorted(
                {
                    str(item.path) if isinstance(item, ServicePathStep) else str(item)
                    for item in error.protected_objects
                }
            )
            messages.error(
                self.request,
                gettext("“%(object)s” cannot be deleted because it is used by: %(users)s.")
                % {"object": self.object, "users": ", ".join(users)},
            )
            return HttpResponseRedirect(self.request.path)


class DistinctIndexView(IndexView):
    """A listing that shows each record once, with the right count, under any search and
    filter: searching a related field (a service's organisations) or filtering by a
    many-to-many (municipalities) joins one row per match, so both keep the records whose id
    is among the matches instead."""

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        filtered = super().filter_queryset(queryset)
        return queryset if filtered is queryset else queryset.filter(pk__in=filtered.values("pk"))

    def search_queryset(self, queryset: QuerySet) -> QuerySet:
        searched = super().search_queryset(queryset)
        return queryset if searched is queryset else queryset.filter(pk__in=searched.values("pk"))


class EcosystemViewSet(SnippetViewSet):
    delete_view_class = ProtectedDeleteView
    chooser_viewset_class = SafeSnippetChooserViewSet  # a non-UUID id: 404, not 500
    index_view_class = DistinctIndexView


def _names(*, with_short_name: bool = False) -> MultiFieldPanel:
    fields = [FieldPanel("name_fi"), FieldPanel("name_sv"), FieldPanel("name_en")]
    if with_short_name:
        fields += [
            FieldPanel("short_name"),
            FieldPanel("short_name_sv"),
            FieldPanel("short_name_en"),
        ]
    return MultiFieldPanel(fields, heading=_("Name"))


def _descriptions() -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel("description_fi"), FieldPanel("description_sv"), FieldPanel("description_en")],
        heading=_("Description"),
    )


def _service_organisations(service: Service) -> str:
    return ", ".join(
        f"{role.organisation.short_name or role.organisation} ({role.get_role_display()})"
        for role in service.organisation_roles.all()
    )


class MunicipalityViewSet(EcosystemViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    list_display = ["name_fi", "code", "employment_area", UpdatedAtColumn()]
    list_filter = ["employment_area"]
    search_fields = ["name_fi", "name_sv", "name_en", "code", "employment_area"]
    search_backend_name = None
    panels = [
        FieldPanel("code"),
        _names(),
        FieldPanel("employment_area"),
    ]


class TargetGroupViewSet(EcosystemViewSet):
    model = TargetGroup
    icon = "tag"
    menu_label = _("Target groups")
    list_display = ["name_fi", "code", "sort_order", UpdatedAtColumn()]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    search_backend_name = None
    panels = [FieldPanel("code"), _names(), _descriptions(), FieldPanel("sort_order")]


class OrganisationViewSet(EcosystemViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    inspect_view_enabled = True
    list_display = [
        "name_fi",
        "short_name",
        "organisation_type",
        "is_consortium_member",
        "visibility",
        UpdatedAtColumn(),
    ]
    list_filter = ["organisation_type", "is_consortium_member", "visibility", "municipalities"]
    search_fields = [
        "name_fi",
        "name_sv",
        "name_en",
        "short_name",
        "short_name_sv",
        "short_name_en",
        "business_id",
    ]
    search_backend_name = None
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    RecordLinksPanel(heading=_("On the site")),
                    _names(with_short_name=True),
                    FieldRowPanel([FieldPanel("organisation_type"), FieldPanel("visibility")]),
                    FieldPanel("parent"),
                    FieldPanel("is_consortium_member"),
                    _descriptions(),
                ],
                heading=_("Organisation"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("website"),
                            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
                        ],
                        heading=_("Contact details"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("business_id"), FieldPanel("ptv_id")],
                        heading=_("Identifiers"),
                    ),
                    FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Contacts and area"),
            ),
        ]
    )


class ServiceViewSet(EcosystemViewSet):
    model = Service
    # A copy form would carry the original's inline children with their ids: no copying.
    copy_view_enabled = False
    icon = "cogs"
    menu_label = _("Services")
    inspect_view_enabled = True
    list_display = [
        "name_fi",
        Column("organisations", label=_("Organisations"), accessor=_service_organisations),
        "service_class",
        "status",
        "last_reviewed",
        UpdatedAtColumn(),
    ]  # statutory/complementary and visibility are filters: the names need the room
    list_filter = [
        "status",
        "obligation",
        "service_class",
        "visibility",
        "target_groups",
        "municipalities",
    ]
    search_fields = [
        "name_fi",
        "name_sv",
        "name_en",
        "description_fi",
        "organisation_roles__organisation__name_fi",
        "organisation_roles__organisation__short_name",
    ]
    search_backend_name = None
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    RecordLinksPanel(heading=_("On the site")),
                    _names(),
                    FieldRowPanel(
                        [FieldPanel("status"), FieldPanel("ends_on"), FieldPanel("visibility")]
                    ),
                    FieldRowPanel([FieldPanel("obligation"), FieldPanel("service_class")]),
                    _descriptions(),
                    FieldRowPanel(
                        [
                            FieldPanel("last_reviewed"),
                            FieldPanel("last_reviewed_by", read_only=True),
                        ]
                    ),
                ],
                heading=_("Service"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "organisation_roles",
                        heading=_("Organisations"),
                        label=_("Organisation"),
                        min_num=1,
                        panels=[
                            FieldPanel("organisation"),
                            FieldRowPanel([FieldPanel("role"), FieldPanel("provision_type")]),
                        ],
                    ),
                    InlinePanel(
                        "channels",
                        heading=_("Service channels"),
                        label=_("Channel"),
                        panels=[
                            FieldRowPanel([FieldPanel("channel_type"), FieldPanel("name")]),
                            FieldPanel("street_address"),
                            FieldRowPanel(
                                [
                                    FieldPanel("postal_code"),
                                    FieldPanel("post_office"),
                                    FieldPanel("municipality"),
                                ]
                            ),
                            FieldRowPanel(
                                [FieldPanel("phone"), FieldPanel("email"), FieldPanel("url")]
                            ),
                            FieldPanel("opening_hours"),
                            FieldPanel("description"),
                        ],
                    ),
                ],
                heading=_("Organisations and channels"),
            ),
            ObjectList(
                [
                    FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("eligibility_description"),
                    FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")]),
                    FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_description")]),
                    FieldPanel("legal_basis"),
                    FieldPanel("ptv_id"),
                ],
                heading=_("Customers, area and basis"),
            ),
        ]
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Service]:
        return Service.objects.prefetch_related("organisation_roles__organisation")


class RelationViewSet(EcosystemViewSet):
    model = Relation
    icon = "link"
    menu_label = _("Relations")
    inspect_view_enabled = True
    list_display = [
        Column("__str__", label=_("Relation")),
        "relation_type",
        "direction",
        "valid_from",
        "valid_to",
        "visibility",
        UpdatedAtColumn(),
    ]
    list_filter = ["relation_type", "direction", "visibility", "target_groups"]
    search_fields = [
        "source_organisation__name_fi",
        "source_organisation__short_name",
        "source_service__name_fi",
        "target_organisation__name_fi",
        "target_organisation__short_name",
        "target_service__name_fi",
        "evidence",
    ]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("relation_type"), FieldPanel("direction")]),
        MultiFieldPanel(
            [FieldPanel("source_organisation"), FieldPanel("source_service")],
            heading=_("Source: an organisation or a service"),
        ),
        MultiFieldPanel(
            [FieldPanel("target_organisation"), FieldPanel("target_service")],
            heading=_("Target: an organisation or a service"),
        ),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        FieldPanel("evidence"),
        FieldPanel("visibility"),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Relation]:
        return Relation.objects.select_related(
            "source_organisation", "source_service", "target_organisation", "target_service"
        )


class ServicePathViewSet(EcosystemViewSet):
    model = ServicePath
    # A copy form would carry the original's inline children with their ids: no copying.
    copy_view_enabled = False
    icon = "list-ol"
    menu_label = _("Service paths")
    inspect_view_enabled = True
    list_display = ["name_fi", "target_group", "visibility", UpdatedAtColumn()]
    list_filter = ["target_group", "visibility", "municipalities"]
    search_fields = ["name_fi", "name_sv", "name_en", "description_fi"]
    search_backend_name = None
    panels = [
        _names(),
        FieldRowPanel([FieldPanel("target_group"), FieldPanel("visibility")]),
        FieldPanel("municipalities", widget=forms.CheckboxSelectMultiple),
        _descriptions(),
        InlinePanel(
            "steps",
            heading=_("Steps"),
            label=_("Step"),
            min_num=1,
            help_text=_("Steps with the same position are alternatives to each other."),
            panels=[
                FieldRowPanel([FieldPanel("position"), FieldPanel("service")]),
                FieldPanel("handoff_note"),
            ],
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ServicePath]:
        return ServicePath.objects.select_related("target_group")


class EcosystemViewSetGroup(SnippetViewSetGroup):
    """The "Ecosystem" menu of the Wagtail admin."""

    menu_label = _("Ecosystem")
    menu_icon = "globe"
    menu_order = 250
    items = (
        OrganisationViewSet,
        ServiceViewSet,
        RelationViewSet,
        ServicePathViewSet,
        TargetGroupViewSet,
        MunicipalityViewSet,
    )
