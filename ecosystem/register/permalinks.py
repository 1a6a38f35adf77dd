"""The permanent addresses of the register's public pages (one per organisation and service).

An address is `<prefix>/<slug>-<uuid>/` under the language prefix: the slug is ASCII from the
Finnish name, for people to read; the UUID is what finds the record, so a renamed record keeps
its address (the page redirects an old or missing slug to the current one). The views live in
`ecosystem.pages`; this module only names the addresses, so the map and the text view (lower
layers) can link to them without importing the views.
"""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils.text import slugify

ORGANISATION_PAGE = "ecosystem_pages:organisation"
SERVICE_PAGE = "ecosystem_pages:service"
MAX_SLUG = 80
FALLBACK_SLUG = {"org": "toimija", "svc": "palvelu"}


def record_slug(name_fi: str, kind: str = "svc") -> str:
    """ASCII slug of a Finnish name ("Työkyvyn arviointi" → "tyokyvyn-arviointi")."""
    slug = slugify(name_fi or "")[:MAX_SLUG].strip("-")
    return slug or FALLBACK_SLUG.get(kind, "palvelu")


def record_page_url(kind: str, pk: uuid.UUID | str, name_fi: str) -> str:
    """The page of `org`/`svc` record `pk` in the active language."""
    name = ORGANISATION_PAGE if kind == "org" else SERVICE_PAGE
    return reverse(name, kwargs={"slug": record_slug(name_fi, kind), "pk": str(pk)})


def node_page_url(node: str, name_fi: str) -> str:
    """The page of a map node (`org:<uuid>` / `svc:<uuid>`)."""
    kind, _sep, raw = node.partition(":")
    return record_page_url(kind, raw, name_fi)
