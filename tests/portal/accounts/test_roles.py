"""The roles migration and the permission-grant helper for other apps' migrations."""

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from portal.accounts.permissions import grant_app_permissions, revoke_app_permissions
from portal.accounts.roles import (
    NETWORK_PARTNERS,
    PROJECT_STAFF,
    ROLES,
    STEERING_GROUP,
    user_has_admin_access,
)

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_the_three_roles_exist():
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))


def test_project_staff_edit_and_moderate_from_the_root_page():
    root = Page.objects.get(depth=1)
    page_permissions = set(
        GroupPagePermission.objects.filter(group__name=PROJECT_STAFF, page=root).values_list(
            "permission__codename", flat=True
        )
    )
    assert page_permissions == {
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    }
    assert {"access_admin", "add_invitation", "change_invitation", "view_invitation"} <= codenames(
        PROJECT_STAFF
    )


def test_project_staff_manage_images_and_documents_in_the_root_collection():
    root = Collection.get_first_root_node()
    collection_permissions = set(
        GroupCollectionPermission.objects.filter(
            group__name=PROJECT_STAFF, collection=root
        ).values_list("permission__codename", flat=True)
    )
    for action in ("add", "change", "delete", "choose"):
        assert f"{action}_image" in collection_permissions
        assert f"{action}_document" in collection_permissions


def test_project_staff_moderate_in_the_default_workflow():
    task = GroupApprovalTask.objects.get(name="Moderaattorien hyväksyntä")
    assert task.groups.filter(name=PROJECT_STAFF).exists()


@pytest.mark.parametrize("group_name", [NETWORK_PARTNERS, STEERING_GROUP])
def test_partners_and_steering_group_have_no_admin_permission(group_name, make_account):
    assert codenames(group_name) == set()
    assert not GroupPagePermission.objects.filter(group__name=group_name).exists()
    assert not GroupCollectionPermission.objects.filter(group__name=group_name).exists()
    user = make_account(f"{group_name.split()[0].lower()}@example.org", groups=[group_name])
    assert not user_has_admin_access(user)


def test_staff_and_superusers_have_admin_access(staff_user, admin_user, make_account):
    assert user_has_admin_access(staff_user)
    assert user_has_admin_access(admin_user)
    assert not user_has_admin_access(make_account("plain@example.org"))


def test_the_grant_helper_gives_and_takes_an_apps_model_permissions():
    """Run the helper as a migration would (it also works on the live app registry)."""
    grant_app_permissions(
        global_apps, "accounts", group_name=STEERING_GROUP, models=["Invitation"], actions=["view"]
    )
    assert codenames(STEERING_GROUP) == {"view_invitation"}
    grant_app_permissions(global_apps, "accounts", group_name=STEERING_GROUP)
    assert codenames(STEERING_GROUP) == {
        "add_invitation",
        "change_invitation",
        "delete_invitation",
        "view_invitation",
        "add_stewardship",
        "change_stewardship",
        "delete_stewardship",
        "view_stewardship",
    }
    revoke_app_permissions(global_apps, "accounts", group_name=STEERING_GROUP)
    assert codenames(STEERING_GROUP) == set()


def test_the_grant_helper_runs_in_a_real_migration_state():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    state = MigrationExecutor(connection).loader.project_state()
    grant_app_permissions(state.apps, "accounts", group_name=NETWORK_PARTNERS, actions=["view"])
    assert codenames(NETWORK_PARTNERS) == {"view_invitation", "view_stewardship"}
