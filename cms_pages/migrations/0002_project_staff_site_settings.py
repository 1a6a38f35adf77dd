"""Project staff edit the footer settings (contact details, accessibility statement link)."""

from django.db import migrations

from portal.accounts.permissions import grant_app_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("cms_pages", "0001_initial"),
    ]

    operations = [
        grant_app_permissions_operation(
            "cms_pages", models=["sitesettings"], actions=["change", "view"]
        ),
    ]
