"""Project staff edit the ecosystem register: add/change/delete/view on every ecosystem model.

The "Project staff" group is created by portal.accounts; if this migration runs first it
creates the group by name (get_or_create), so the order of the two apps does not matter.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROJECT_STAFF = "Project staff"
MODELS = (
    "municipality",
    "targetgroup",
    "organisation",
    "service",
    "serviceorganisation",
    "servicechannel",
    "relation",
    "servicepath",
    "servicepathstep",
)
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now.
    app_config = apps.get_app_config("ecosystem")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=PROJECT_STAFF)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="ecosystem", codename__in=codenames
    )
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=PROJECT_STAFF).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="ecosystem")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ecosystem", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
