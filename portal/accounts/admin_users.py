"""The Wagtail users list as staff need it: each person's portal role beside the name, and
yes/no filters that say "Kyllä"/"Ei" rather than Python's True/False."""

import django_filters
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.ui.tables import Column
from wagtail.users.views.users import IndexView, UserViewSet

from portal.accounts.roles import GROUP_LABELS, ROLES


class BooleanFilterAdapter(BaseFilterAdapter):
    """An active yes/no filter shows "Aktiivinen: Kyllä", not "Aktiivinen True"."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            _("Yes") if self.value else _("No"),
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)


def user_roles(user) -> str:
    """The translated portal roles of a user whose groups are prefetched ("" for none)."""
    names = sorted((g.name for g in user.groups.all() if g.name in ROLES), key=ROLES.index)
    return ", ".join(str(GROUP_LABELS[name]) for name in names)


class KekoUserIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("groups")

    @cached_property
    def columns(self):
        columns = list(super().columns)
        role = Column("roles", accessor=user_roles, label=gettext_lazy("Role"), width="20%")
        position = next(
            (i + 1 for i, column in enumerate(columns) if column.name == "name"), len(columns)
        )
        columns.insert(position, role)
        return columns


class KekoUserViewSet(UserViewSet):
    index_view_class = KekoUserIndexView
