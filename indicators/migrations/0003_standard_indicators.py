"""The bulletin's standard indicators, population groups and the employment area, so that a
fresh installation can import a bulletin at once (municipality areas follow the register's
municipalities: see indicators.reference and the importer)."""

from django.db import migrations

EMPLOYMENT_AREA = {
    "code": "keski-uusimaa",
    "level": "employment_area",
    "name_fi": "Keski-Uudenmaan työllisyysalue",
    "name_sv": "Mellersta Nylands sysselsättningsområde",
    "name_en": "Central Uusimaa employment area",
    "aliases": "Keski-Uusimaa\nKeski-Uudenmaan TE-palvelut",
    "sort_order": 0,
}


def create(apps, schema_editor):
    # The lists of indicators.reference (plain tuples; get_or_create keeps edited rows).
    from indicators.reference import GROUPS, INDICATORS

    Area = apps.get_model("indicators", "Area")
    Indicator = apps.get_model("indicators", "Indicator")
    Group = apps.get_model("indicators", "Group")
    Area.objects.get_or_create(
        code=EMPLOYMENT_AREA["code"],
        defaults={key: value for key, value in EMPLOYMENT_AREA.items() if key != "code"},
    )
    for order, (code, parent, fi, sv, en, aliases) in enumerate(INDICATORS):
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "parent": Indicator.objects.get(code=parent) if parent else None,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "aliases": aliases,
                "sort_order": order,
            },
        )
    for order, (code, fi, sv, en, aliases) in enumerate(GROUPS):
        Group.objects.get_or_create(
            code=code,
            defaults={
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "aliases": aliases,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_project_staff_permissions")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
