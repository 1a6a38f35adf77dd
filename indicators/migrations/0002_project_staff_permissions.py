"""Project staff manage the indicators: add/change/delete/view on every model of the app."""

from django.db import migrations

from portal.accounts.permissions import grant_app_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("indicators", "0001_initial"),
    ]

    operations = [
        grant_app_permissions_operation(
            "indicators", models=["area", "indicator", "group", "observation"]
        )
    ]
