"""Finnish names for the workflows and tasks editors see ("Lähetä työnkulkuun …"): Wagtail's
default "Moderators approval" and the portal's guest blog review. A name an editor has
changed already is left alone."""

from django.db import migrations

WORKFLOWS = {
    "Moderators approval": "Moderaattorien hyväksyntä",
    "Guest blog review": "Vierasblogin tarkastus",
}
TASKS = {
    "Moderators approval": "Moderaattorien hyväksyntä",
    "Project staff approval": "Hankehenkilöstön hyväksyntä",
}


def _rename(model, names):
    for old, new in names.items():
        model.objects.filter(name=old).update(name=new)


def to_finnish(apps, schema_editor):
    _rename(apps.get_model("wagtailcore", "Workflow"), WORKFLOWS)
    _rename(apps.get_model("wagtailcore", "Task"), TASKS)


def to_english(apps, schema_editor):
    _rename(apps.get_model("wagtailcore", "Workflow"), {v: k for k, v in WORKFLOWS.items()})
    _rename(apps.get_model("wagtailcore", "Task"), {v: k for k, v in TASKS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0006_service_map_block_in_page_bodies"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(to_finnish, to_english)]
