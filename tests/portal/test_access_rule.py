"""One rule decides who sees partner-only content and the steering area
(portal.accounts.access); the map, the steering area and the dashboard answer with it for
every role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from dashboard.context import may_view
from portal.accounts.access import sees_partner_content, sees_steering_area
from steering.privacy import user_may_view_area
from tests.ecosystem.map.conftest import register  # noqa: F401, F811  (the map test register)

ROLES = {
    # role: (sees partner-only content, opens the steering area and dashboard)
    "anonymous": (False, False),
    "signed_in_without_role": (False, False),
    "partner": (True, False),
    "steering": (True, True),
    "staff": (True, True),
    "superuser": (True, True),
    "inactive_steering": (False, False),
}


@pytest.fixture
def role_user(request, make_account):
    from portal.accounts.roles import NETWORK_PARTNERS, PROJECT_STAFF, STEERING_GROUP

    role = request.param
    if role == "anonymous":
        return AnonymousUser()
    groups = {
        "partner": [NETWORK_PARTNERS],
        "steering": [STEERING_GROUP],
        "inactive_steering": [STEERING_GROUP],
        "staff": [PROJECT_STAFF],
    }.get(role, [])
    user = make_account(f"{role}@example.org", groups=groups, superuser=role == "superuser")
    if role == "inactive_steering":
        user.is_active = False
        user.save()
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("role_user", list(ROLES), indirect=True)
def test_the_three_areas_agree_with_the_one_rule(role_user, register):  # noqa: F811
    role = role_user.email.split("@")[0] if role_user.is_authenticated else "anonymous"
    partner_content, steering_area = ROLES[role]
    assert sees_partner_content(role_user) is partner_content
    assert sees_steering_area(role_user) is steering_area
    # The steering area's privacy and the dashboard's gate ask the same rule.
    assert user_may_view_area(role_user) is steering_area
    request = RequestFactory().get("/")
    request.user = role_user
    assert may_view(request) is steering_area
    # The map's API shows a partner-only service exactly to those the rule lets see it.
    client = Client()
    if role_user.is_authenticated and role_user.is_active:
        client.force_login(role_user)
    response = client.get(f"/api/ecosystem/nodes/svc:{register.secret.pk}.json")
    assert response.status_code == (200 if partner_content else 404)
