"""Granting a role the model permissions of an app, from that app's own data migration.

Later apps (ecosystem, newsletters, ...) hand their models to project staff like this::

    from django.db import migrations

    from portal.accounts.permissions import grant_app_permissions_operation


    class Migration(migrations.Migration):
        dependencies = [
            ("accounts", "0002_roles"),          # the groups exist from here on
            ("ecosystem", "0004_whatever_came_before"),
        ]
        operations = [
            # add/change/delete/view on every model of the app, for "Project staff"
            grant_app_permissions_operation("ecosystem"),
            # or only some models / actions, or another role:
            # grant_app_permissions_operation(
            #     "ecosystem", models=["actor"], actions=["view"], group_name=NETWORK_PARTNERS
            # ),
        ]

Running the migration backwards takes the permissions away again. Permissions of models added
to the app later need a new migration calling the helper again (it is idempotent). Model
permissions are what Wagtail's ModelViewSet and snippets check, so a model registered there
becomes manageable in the admin by project staff.
"""

from collections.abc import Iterable

from django.contrib.auth.management import create_permissions
from django.db import migrations

from portal.accounts.roles import PROJECT_STAFF

DEFAULT_ACTIONS = ("add", "change", "delete", "view")


def ensure_permissions(apps, app_label: str) -> None:
    """Create the content types and permissions of an app now, inside a migration.

    Django creates them only after the whole `migrate` run (post_migrate), so a data migration
    running in the same run as the app's first migration would not find them otherwise.
    """
    app_config = apps.get_app_config(app_label)
    # Historical app configs have no models module, which create_permissions would take
    # for "this app has no models" (the same trick as Wagtail's own migrations).
    previous = getattr(app_config, "models_module", None)
    app_config.models_module = True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = previous


def _app_permissions(apps, app_label, models, actions):
    Permission = apps.get_model("auth", "Permission")
    ensure_permissions(apps, app_label)
    app_config = apps.get_app_config(app_label)
    model_names = (
        [name.lower() for name in models]
        if models is not None
        else [model._meta.model_name for model in app_config.get_models()]
    )
    codenames = [f"{action}_{name}" for name in model_names for action in actions]
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def grant_app_permissions(
    apps,
    app_label: str,
    *,
    group_name: str = PROJECT_STAFF,
    models: Iterable[str] | None = None,
    actions: Iterable[str] = DEFAULT_ACTIONS,
) -> None:
    """Give the group the model permissions of `app_label` (all its models by default).

    `apps` is the historical app registry a RunPython function receives. `models` are model
    names ("actor" or "Actor"), `actions` Django's permission actions plus any custom ones
    whose codename is "<action>_<model>". The group must exist (depend on accounts 0002_roles).
    """
    Group = apps.get_model("auth", "Group")
    group = Group.objects.get(name=group_name)
    group.permissions.add(*_app_permissions(apps, app_label, models, tuple(actions)))


def revoke_app_permissions(
    apps,
    app_label: str,
    *,
    group_name: str = PROJECT_STAFF,
    models: Iterable[str] | None = None,
    actions: Iterable[str] = DEFAULT_ACTIONS,
) -> None:
    """Undo grant_app_permissions (same arguments)."""
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=group_name).first()
    if group is not None:
        group.permissions.remove(*_app_permissions(apps, app_label, models, tuple(actions)))


def grant_app_permissions_operation(
    app_label: str,
    *,
    group_name: str = PROJECT_STAFF,
    models: Iterable[str] | None = None,
    actions: Iterable[str] = DEFAULT_ACTIONS,
) -> migrations.RunPython:
    """A reversible migration operation granting the group the app's model permissions."""
    models = list(models) if models is not None else None
    actions = tuple(actions)
    options = {"group_name": group_name, "models": models, "actions": actions}

    def forward(apps, schema_editor):
        grant_app_permissions(apps, app_label, **options)

    def backward(apps, schema_editor):
        revoke_app_permissions(apps, app_label, **options)

    return migrations.RunPython(forward, backward)
