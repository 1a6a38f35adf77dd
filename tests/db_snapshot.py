"""What a loader did to the database, recorded once and replayed cheaply in later tests.

`record(load)` runs `load()` in a transaction that is rolled back and returns the change it
made, table by table: the rows it inserted, updated and deleted, keyed by primary key.
`replay(change)` makes the same change inside the current test's transaction with a few raw
statements per table, instead of running the loader again (Wagtail pages: treebeard paths,
revisions, publishing, search index; hundreds of queries each).

Rows keep their primary keys, so references between them hold. That is safe because the
tables the change touches must be as they were when it was recorded (`applies()` checks the
row count and highest key of each; the caller falls back to the real loader otherwise), and
PostgreSQL's sequences are not rolled back, so later inserts get higher keys. Foreign keys are
deferred to the end of the test transaction (Django creates them DEFERRABLE INITIALLY
DEFERRED), so the order of the statements does not matter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction

# Tables the database keeps in step by triggers of their own (Wagtail's SQLite full-text index
# follows wagtailsearch_indexentry): replaying the source table replays them.
TRIGGER_MAINTAINED = {"wagtailsearch_indexentry_fts"}


@dataclass
class TableChange:
    table: str
    pk_column: str
    pk: object
    columns: list[str]
    fields: list
    before: tuple[int, object]  # (row count, highest key) when recorded
    inserted: list[tuple] = field(default_factory=list)
    updated: list[tuple] = field(default_factory=list)
    deleted: list = field(default_factory=list)


def _tables() -> list[tuple[str, object, list]]:
    """(table, primary key field, concrete fields of that table) of every model with a table."""
    existing = set(connection.introspection.table_names())
    seen, tables = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.db_table in seen or meta.db_table not in existing:
            continue
        if meta.db_table in TRIGGER_MAINTAINED:
            continue
        seen.add(meta.db_table)
        fields = list(meta.local_concrete_fields)
        tables.append((model, meta.pk, fields))
    return tables


def _rows(model, fields) -> dict:
    names = [f.attname for f in fields]
    pk_index = names.index(model._meta.pk.attname)
    return {
        row[pk_index]: row
        for row in model._base_manager.using(connection.alias).values_list(*names).order_by()
    }


def state() -> dict:
    return {model._meta.db_table: _rows(model, fields) for model, _pk, fields in _tables()}


def record(load: Callable[[], object]) -> list[TableChange]:
    """The change `load()` makes to the current database (rolled back afterwards)."""
    changes = []
    with transaction.atomic():
        start = state()
        with connection.cursor() as cursor:
            signatures = {
                model._meta.db_table: _signature(cursor, model._meta.db_table, pk)
                for model, pk, _fields in _tables()
            }
        load()
        for model, pk, fields in _tables():
            table = model._meta.db_table
            old, new = start.get(table, {}), _rows(model, fields)
            if old == new:
                continue
            change = TableChange(
                table=table,
                pk_column=pk.column,
                pk=pk,
                columns=[f.column for f in fields],
                fields=fields,
                before=signatures[table],
                inserted=[row for key, row in new.items() if key not in old],
                updated=[row for key, row in new.items() if key in old and old[key] != row],
                deleted=[key for key in old if key not in new],
            )
            changes.append(change)
        transaction.set_rollback(True)
    return changes


def _signature(cursor, table: str, pk) -> tuple:
    """(row count, highest key) of a table; UUID keys compared as text (PostgreSQL has no
    MAX of uuid)."""
    qn = connection.ops.quote_name
    column = qn(pk.column)
    if pk.get_internal_type() == "UUIDField":
        column = f"CAST({column} AS TEXT)"
    cursor.execute(f"SELECT COUNT(*), MAX({column}) FROM {qn(table)}")
    return tuple(cursor.fetchone())


def _only_adds_random_keys(change: TableChange) -> bool:
    """A change that only inserts rows keyed by UUIDs (queued tasks): the rows a test stored
    first cannot take those keys, so the change needs no particular state of the table."""
    return change.pk.get_internal_type() == "UUIDField" and not (change.updated or change.deleted)


def _keys_free(cursor, change: TableChange) -> bool:
    qn = connection.ops.quote_name
    position = change.columns.index(change.pk_column)
    keys = [change.pk.get_db_prep_value(row[position], connection) for row in change.inserted]
    marks = ", ".join(["%s"] * len(keys))
    cursor.execute(
        f"SELECT COUNT(*) FROM {qn(change.table)} WHERE {qn(change.pk_column)} IN ({marks})",
        keys,
    )
    return cursor.fetchone()[0] == 0


def applies(changes: list[TableChange]) -> bool:
    """Whether every table the change touches is as it was when the change was recorded, but
    for tables it only adds UUID-keyed rows to (those need only that the keys are free: a
    test that made register records first has queued tasks of its own)."""
    with connection.cursor() as cursor:
        return all(
            _keys_free(cursor, change)
            if _only_adds_random_keys(change)
            else _signature(cursor, change.table, change.pk) == change.before
            for change in changes
        )


def _prepared(change: TableChange, row: tuple) -> list:
    pairs = zip(change.fields, row, strict=True)
    return [model_field.get_db_prep_save(value, connection) for model_field, value in pairs]


def replay(changes: list[TableChange]) -> None:
    """Make the recorded change in the current transaction."""
    qn = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for change in changes:
            table, pk = qn(change.table), qn(change.pk_column)
            columns = [qn(column) for column in change.columns]
            if change.deleted:
                marks = ", ".join(["%s"] * len(change.deleted))
                cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({marks})", change.deleted)
            if change.inserted:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                    [_prepared(change, row) for row in change.inserted],
                )
            if change.updated:
                index = change.columns.index(change.pk_column)
                assignments = ", ".join(f"{column} = %s" for column in columns)
                cursor.executemany(
                    f"UPDATE {table} SET {assignments} WHERE {pk} = %s",
                    [[*_prepared(change, row), row[index]] for row in change.updated],
                )
