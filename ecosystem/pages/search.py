"""Site search over the register: public organisations and services (partner-only ones too
for those who may see them), in the viewer's language.

On PostgreSQL the name and description are searched as text of their language (Finnish,
Swedish or English text-search configuration: stemming, so "palvelut" finds "palvelu"), with
GIN expression indexes (migration 0004) that keep the national register fast; a name that
merely contains the words also matches (short names like "Kela", the start of a word). On
SQLite every word must occur in the name, short name or description. Exact name matches come
first, then name matches, then the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from ecosystem.models import Organisation, Service
from ecosystem.models.choices import Visibility
from ecosystem.register.permalinks import record_page_url
from portal.kernel.localization import localized
from portal.kernel.search_query import clean_query

MAX_RESULTS = 100
SNIPPET_LENGTH = 240
# Text-search configurations of the content languages (PostgreSQL's built-in ones).
TEXT_SEARCH_CONFIG = {"fi": "finnish", "sv": "swedish", "en": "english"}


@dataclass(frozen=True)
class RecordHit:
    kind: str  # "organisation" or "service"
    title: str
    url: str
    snippet: str
    exact: bool
    in_name: bool


def document_sql(table: str, language: str) -> str:
    """The text-search document of a record in a language: the name and description in that
    language, Finnish where missing. The migration indexes exactly this expression."""
    config = TEXT_SEARCH_CONFIG[language]
    if language == "fi":
        name, description = f'"{table}"."name_fi"', f'"{table}"."description_fi"'
    else:
        name = f"""coalesce(nullif("{table}"."name_{language}", ''), "{table}"."name_fi")"""
        description = (
            f"""coalesce(nullif("{table}"."description_{language}", ''), """
            f'''"{table}"."description_fi")'''
        )
    return (
        f"to_tsvector('{config}'::regconfig, coalesce({name}, '') || ' ' || "
        f"coalesce({description}, ''))"
    )


def _name_filter(words: list[str], language: str) -> Q:
    condition = Q()
    for word in words:
        condition &= Q(**{f"name_{language}__icontains": word}) | Q(name_fi__icontains=word)
    return condition


def _matching(
    queryset: QuerySet, words: list[str], query: str, language: str, *, short_name: bool
) -> QuerySet:
    if connection.vendor == "postgresql":
        # One WHERE clause (text match OR name match): subqueries joined by OR made the
        # planner re-run the text search per row (21 s for a word in 20 000 names).
        table = queryset.model._meta.db_table
        names = []
        params: list[str] = [TEXT_SEARCH_CONFIG[language], query]
        for word in words:
            names.append(f'("{table}"."name_{language}" ILIKE %s OR "{table}"."name_fi" ILIKE %s)')
            params += [f"%{_like_escape(word)}%"] * 2
        name_match = " AND ".join(names)
        if short_name:
            for column in _short_name_columns(language):
                name_match = f'({name_match}) OR "{table}"."{column}" ILIKE %s'
                params.append(_like_escape(query))
        text_match = f"{document_sql(table, language)} @@ websearch_to_tsquery(%s::regconfig, %s)"
        return queryset.extra(  # noqa: S610 (no user text in the SQL, only parameters)
            where=[f"({text_match}) OR ({name_match})"], params=params
        )
    condition = Q()
    for word in words:
        part = (
            Q(**{f"name_{language}__icontains": word})
            | Q(name_fi__icontains=word)
            | Q(**{f"description_{language}__icontains": word})
            | Q(description_fi__icontains=word)
        )
        if short_name:
            for column in _short_name_columns(language):
                part |= Q(**{f"{column}__icontains": word})
        condition &= part
    return queryset.filter(condition)


def _short_name_columns(language: str) -> tuple[str, ...]:
    """The Finnish short name, and the language's own when it is not Finnish (FPA is Kela)."""
    return ("short_name",) if language == "fi" else ("short_name", f"short_name_{language}")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    return text[:SNIPPET_LENGTH].rsplit(" ", 1)[0] + "…"


def search_records(query: str, *, language: str, public_only: bool) -> list[RecordHit]:
    """Organisations and services matching the query (at most MAX_RESULTS, best first);
    two queries whatever the size of the register."""
    query, _problem = clean_query(query)  # the site search's cleaning (portal.kernel)
    words = query.split()
    if not words:
        return []
    folded = query.casefold()
    hits: list[RecordHit] = []
    for kind, model, short_name in (
        ("organisation", Organisation, True),
        ("service", Service, False),
    ):
        queryset = model.objects.all()
        if public_only:
            queryset = queryset.filter(visibility=Visibility.PUBLIC)
        fields = ["pk", "name_fi", f"name_{language}", "description_fi", f"description_{language}"]
        if short_name:
            fields += _short_name_columns(language)
        rows = _matching(queryset, words, query, language, short_name=short_name)
        # No ORDER BY: with it a common word sorted every matching row of a national
        # register before the LIMIT; the hits are ordered below instead.
        for row in rows.order_by().values(*set(fields))[: MAX_RESULTS * 2]:
            title = localized(row, "name", language)
            names = {title.casefold(), row["name_fi"].casefold()}
            if short_name:
                names |= {
                    row[column].casefold()
                    for column in _short_name_columns(language)
                    if row.get(column)
                }
            hits.append(
                RecordHit(
                    kind=kind,
                    title=title,
                    url=record_page_url(
                        "svc" if kind == "service" else "org", row["pk"], row["name_fi"]
                    ),
                    snippet=_snippet(localized(row, "description", language)),
                    exact=folded in names,
                    in_name=all(w.casefold() in " ".join(names) for w in words),
                )
            )
    hits.sort(key=lambda hit: (not hit.exact, not hit.in_name, hit.kind, hit.title.casefold()))
    return hits[:MAX_RESULTS]
