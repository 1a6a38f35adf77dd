"""The portal's three roles as groups, and what project staff may do in the Wagtail admin.

Project staff are Wagtail editors and moderators: admin access, every page permission on the
root page, image and document permissions on the root collection, a place in the default
"Moderators approval" workflow task, and the management of invitations. Network partners and
the steering group get no admin permission at all. Other apps grant project staff their own
models' permissions with portal.accounts.permissions.grant_app_permissions_operation.
"""

from django.db import migrations

# Copied rather than imported: a migration must keep working when the code around it changes.
PROJECT_STAFF = "Project staff"
NETWORK_PARTNERS = "Network partners"
STEERING_GROUP = "Steering group"

PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
}
INVITATION_PERMISSIONS = ("add_invitation", "change_invitation", "view_invitation")
DEFAULT_MODERATION_TASK = "Moderators approval"


def _ensure_permissions(apps, *app_labels):
    from portal.accounts.permissions import ensure_permissions

    for app_label in app_labels:
        ensure_permissions(apps, app_label)


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    _ensure_permissions(
        apps, "wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs", "accounts"
    )
    staff, _ = Group.objects.get_or_create(name=PROJECT_STAFF)
    Group.objects.get_or_create(name=NETWORK_PARTNERS)
    Group.objects.get_or_create(name=STEERING_GROUP)

    staff.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="accounts", codename__in=INVITATION_PERMISSIONS
        ),
    )

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for action in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=staff,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=f"{action}_page"
                ),
            )

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=staff,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )

    for task in GroupApprovalTask.objects.filter(name=DEFAULT_MODERATION_TASK):
        task.groups.add(staff)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=(PROJECT_STAFF, NETWORK_PARTNERS, STEERING_GROUP)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_invitation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0003_admin_managed"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
