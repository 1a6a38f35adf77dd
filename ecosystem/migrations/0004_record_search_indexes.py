"""Text-search indexes of the register's names and descriptions, one per content language, on
PostgreSQL only (SQLite searches without them). The expressions are exactly those that
`ecosystem.pages.search.document_sql` writes into the search's WHERE clause (without the
table name), so the planner uses them."""

from django.db import migrations

CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
TABLES = {"ecosystem_organisation": "eco_org", "ecosystem_service": "eco_svc"}


def _document(language: str) -> str:
    config = CONFIGS[language]
    if language == "fi":
        name, description = '"name_fi"', '"description_fi"'
    else:
        name = f"""coalesce(nullif("name_{language}", ''), "name_fi")"""
        description = f"""coalesce(nullif("description_{language}", ''), "description_fi")"""
    return (
        f"to_tsvector('{config}'::regconfig, coalesce({name}, '') || ' ' || "
        f"coalesce({description}, ''))"
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, prefix in TABLES.items():
        for language in CONFIGS:
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{prefix}_search_{language}" ON "{table}" '
                f"USING gin (({_document(language)}))"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for prefix in TABLES.values():
        for language in CONFIGS:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{prefix}_search_{language}"')


class Migration(migrations.Migration):
    dependencies = [("ecosystem", "0003_ecosystem_map_page")]

    operations = [migrations.RunPython(create, drop)]
