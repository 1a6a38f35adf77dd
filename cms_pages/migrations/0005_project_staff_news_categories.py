"""Project staff manage the news categories (a snippet)."""

from django.db import migrations

from portal.accounts.permissions import grant_app_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("cms_pages", "0004_guest_blog_workflow"),
    ]

    operations = [
        grant_app_permissions_operation(
            "cms_pages", models=["newscategory"], actions=["add", "change", "delete", "view"]
        ),
    ]
