"""Project staff manage the newsletter: add/change/delete/view on every newsletter model
(lists, subscribers, subscriptions, consent records, suppressions, sends, deliveries)."""

from django.db import migrations

from portal.accounts.permissions import grant_app_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("newsletter", "0001_initial"),
    ]

    operations = [grant_app_permissions_operation("newsletter")]
