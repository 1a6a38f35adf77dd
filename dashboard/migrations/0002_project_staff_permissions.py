from django.db import migrations

from portal.accounts.permissions import grant_app_permissions_operation


class Migration(migrations.Migration):
    """Project staff keep the progress items up to date and take (and remove) snapshots."""

    dependencies = [
        ("accounts", "0002_roles"),
        ("dashboard", "0001_initial"),
    ]

    operations = [
        grant_app_permissions_operation("dashboard", models=["progressitem", "ecosystemsnapshot"]),
    ]
