"""Who may see what: the one rule, used by the map, the register's pages and APIs, the
steering area and the dashboard.

- Partner-only register content (records, relations, path steps marked "network partners"):
  signed-in network partners, steering-group members, project staff and superusers.
- The steering group's private area and its dashboard: steering-group members, project staff
  and superusers (the same groups the area's Wagtail view restriction names).
- Stewardship of an organisation (proposing changes to its records, confirming they are still
  correct): an active network partner whom staff linked to the organisation
  (portal.accounts.models.Stewardship). Staff edit the register in the admin instead; a
  superuser or staff member is no steward by role alone.

A user counts only while active; a role is membership of its group (portal.accounts.roles).
The user's groups are read once and kept on the user object, so a request asks at most once.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.models import Stewardship
from portal.accounts.roles import NETWORK_PARTNERS, PROJECT_STAFF, ROLES, STEERING_GROUP

PARTNER_CONTENT_GROUPS = frozenset({NETWORK_PARTNERS, STEERING_GROUP, PROJECT_STAFF})
STEERING_AREA_GROUPS = (STEERING_GROUP, PROJECT_STAFF)


def _groups(user: Any) -> tuple[tuple[int, str], ...]:
    """(id, name) of every group of the user, sorted; read once per user object."""
    cached = getattr(user, "_portal_groups", None)
    if cached is None:
        cached = tuple(sorted(user.groups.values_list("id", "name")))
        user._portal_groups = cached
    return cached


def user_roles(user: Any) -> frozenset[str]:
    """The portal role groups of an active, signed-in user (empty for anyone else)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return frozenset(name for _id, name in _groups(user) if name in ROLES)


def _active_superuser(user: Any) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_superuser
    )


def sees_partner_content(user: Any) -> bool:
    """True when the user may see partner-only register content."""
    return _active_superuser(user) or bool(user_roles(user) & PARTNER_CONTENT_GROUPS)


def stewarded_organisation_ids(user: Any) -> frozenset:
    """The ids (UUIDs) of the organisations the user is a steward of; empty for anyone who is
    not an active network partner. Read once per user object, like the roles."""
    if NETWORK_PARTNERS not in user_roles(user):
        return frozenset()
    cached = getattr(user, "_portal_stewarded", None)
    if cached is None:
        cached = frozenset(
            Stewardship.objects.filter(user=user)
            .order_by()
            .values_list("organisation_id", flat=True)
        )
        user._portal_stewarded = cached
    return cached


def is_steward(user: Any) -> bool:
    """True when the user is the steward of at least one organisation."""
    return bool(stewarded_organisation_ids(user))


def stewards_any(user: Any, organisation_ids: Any) -> bool:
    """True when the user is a steward of at least one of the given organisations (the
    organisations responsible for or producing a service, or one organisation)."""
    return bool(stewarded_organisation_ids(user) & set(organisation_ids))


def sees_steering_area(user: Any) -> bool:
    """True when the user may open the steering group's private area and its dashboard."""
    return _active_superuser(user) or bool(user_roles(user) & set(STEERING_AREA_GROUPS))


def audience_key(user: Any) -> str | None:
    """What everything a page shared by audience may depend on comes down to for this user
    (portal.page_cache.AudiencePageCacheMiddleware): the user's groups (the roles and any
    group a page's view restriction names) and the organisations the user is a steward of.
    Two users with the same key see such a page alike.

    None for whom pages are personal: superusers and users with permissions of their own
    (the Wagtail user bar, edit links), anyone inactive or not signed in. Two queries (the
    groups, the user's own permissions), a third for stewards' organisations; the groups are
    read once per user object, for `user_roles` too."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser or user.user_permissions.exists():
        return None
    key = "g" + ".".join(str(group_id) for group_id, _name in _groups(user))
    stewarded = stewarded_organisation_ids(user)
    if stewarded:
        key += ":s" + ".".join(sorted(str(organisation) for organisation in stewarded))
    return key
