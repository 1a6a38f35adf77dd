"""Cleaning what a visitor typed into the search box before any search backend sees it.

SQLite's full-text search (FTS5) fails on an unbalanced double quote and PostgreSQL refuses
a NUL byte in any string; other control characters and invisible formatting characters
(bidirectional overrides) have no place in a query either. `clean_query` returns the query
the search runs with and, when nothing searchable is left, a translated sentence to show
instead. The site search and the register's record search (ecosystem.pages.search) share it.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

MAX_QUERY_LENGTH = 200


def _visible(character: str) -> bool:
    # Categories C*: control (NUL…), format (bidi overrides), surrogates, private, unassigned.
    return not unicodedata.category(character).startswith("C")


def clean_query(raw: str, max_length: int = MAX_QUERY_LENGTH) -> tuple[str, str]:
    """(query to search for, message for the visitor or "")."""
    text = "".join(ch if _visible(ch) else " " for ch in raw[: max_length * 4])
    text = " ".join(text.split())[:max_length]
    if text.count('"') % 2:  # an unbalanced quote: search for the words, without phrases
        text = " ".join(text.replace('"', " ").split())
    if not text:
        return "", (_("Type one or more words to search.") if raw.strip() else "")
    if not any(ch.isalnum() for ch in text):
        return text, _("Type one or more words to search.")
    return text, ""
