"""A random key per send for its Message-IDs; each existing send gets its own."""

import uuid

from django.db import migrations, models


def give_each_send_its_own_key(apps, schema_editor):
    Send = apps.get_model("newsletter", "Send")
    for send in Send.objects.only("pk").iterator():
        Send.objects.filter(pk=send.pk).update(message_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0002_project_staff_permissions")]

    operations = [
        migrations.AddField(
            model_name="send",
            name="message_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.RunPython(give_each_send_its_own_key, migrations.RunPython.noop),
    ]
