"""Invitations are no longer in Wagtail's reference index (Invitation.wagtail_reference_index_ignore):
remove the rows indexed before, whose listing on a user's "usage" page failed."""

from django.db import migrations


def drop_invitation_references(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    invitation = ContentType.objects.filter(app_label="accounts", model="invitation").first()
    if invitation is not None:
        ReferenceIndex.objects.filter(base_content_type=invitation).delete()
        ReferenceIndex.objects.filter(content_type=invitation).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0078_referenceindex"),
    ]

    operations = [migrations.RunPython(drop_invitation_references, migrations.RunPython.noop)]
