"""The record pages in sitemap.xml: every public organisation and service, in every language.
Partner-only records are never listed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import translation

from ecosystem.models import Organisation, Service
from ecosystem.models.choices import Visibility
from ecosystem.register.permalinks import record_page_url


class RecordPagesSitemap(Sitemap):
    """(kind, id, Finnish name, updated, language) for every public record and language; the
    rows are read as tuples (the national register has tens of thousands)."""

    limit = 50000  # the protocol's maximum per sitemap

    def items(self) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = []
        for kind, model in (("org", Organisation), ("svc", Service)):
            records = (
                model.objects.filter(visibility=Visibility.PUBLIC)
                .order_by("name_fi", "pk")
                .values_list("pk", "name_fi", "updated_at")
            )
            for pk, name_fi, updated in records:
                for code, _name in settings.LANGUAGES:
                    rows.append((kind, pk, name_fi, updated, code))
        return rows

    def location(self, item: tuple[Any, ...]) -> str:
        kind, pk, name_fi, _updated, code = item
        with translation.override(code):
            return record_page_url(kind, pk, name_fi)

    def lastmod(self, item: tuple[Any, ...]):
        return item[3]
