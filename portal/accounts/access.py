"""Who may see what: the one rule, used by the map, the register's pages and APIs, the
steering area and the dashboard.

- Partner-only register content (records, relations, path steps marked "network partners"):
  signed-in network partners, steering-group members, project staff and superusers.
- The steering group's private area and its dashboard: steering-group members, project staff
  and superusers (the same groups the area's Wagtail view restriction names).

A user counts only while active; a role is membership of its group (portal.accounts.roles).
The user's groups are read once and kept on the user object, so a request asks at most once.
"""

from __future__ import annotations

from typing import Any

from portal.accounts.roles import NETWORK_PARTNERS, PROJECT_STAFF, ROLES, STEERING_GROUP

PARTNER_CONTENT_GROUPS = frozenset({NETWORK_PARTNERS, STEERING_GROUP, PROJECT_STAFF})
STEERING_AREA_GROUPS = (STEERING_GROUP, PROJECT_STAFF)


def user_roles(user: Any) -> frozenset[str]:
    """The portal role groups of an active, signed-in user (empty for anyone else)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._portal_roles = cached
    return cached


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


def sees_steering_area(user: Any) -> bool:
    """True when the user may open the steering group's private area and its dashboard."""
    return _active_superuser(user) or bool(user_roles(user) & set(STEERING_AREA_GROUPS))
