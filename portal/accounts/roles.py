"""The portal's roles. The groups are created by a data migration of this app (0002_roles).

A role is a Django group. The group names below are stable identifiers stored in the database;
what people see is the translated label from ROLE_LABELS.
"""

from django.utils.translation import gettext_lazy as _

PROJECT_STAFF = "Project staff"
NETWORK_PARTNERS = "Network partners"
STEERING_GROUP = "Steering group"
ROLES = (PROJECT_STAFF, NETWORK_PARTNERS, STEERING_GROUP)

# Short keys stored on invitations, one per role.
ROLE_STAFF = "staff"
ROLE_PARTNER = "partner"
ROLE_STEERING = "steering"

ROLE_GROUPS = {
    ROLE_STAFF: PROJECT_STAFF,
    ROLE_PARTNER: NETWORK_PARTNERS,
    ROLE_STEERING: STEERING_GROUP,
}
ROLE_CHOICES = [
    (ROLE_PARTNER, _("Network partner")),
    (ROLE_STEERING, _("Steering group member")),
    (ROLE_STAFF, _("Project staff")),
]
GROUP_LABELS = {
    PROJECT_STAFF: _("Project staff"),
    NETWORK_PARTNERS: _("Network partners"),
    STEERING_GROUP: _("Steering group"),
}


def role_labels(user) -> list[str]:
    """The translated names of the portal roles the user has."""
    names = user.groups.filter(name__in=ROLES).values_list("name", flat=True)
    return [str(GROUP_LABELS[name]) for name in sorted(names, key=ROLES.index)]


def user_has_role(user, group_name: str) -> bool:
    """True when the (authenticated) user belongs to the role's group."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.groups.filter(name=group_name).exists()


def user_has_admin_access(user) -> bool:
    """True when the user may open the Wagtail admin (project staff and superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("wagtailadmin.access_admin")
