"""Language helpers for the register's fi/sv/en fields (Finnish is the fallback)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

CONTENT_LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
FALLBACK_LANGUAGE = "fi"


def active_language() -> str:
    """The active language as one of fi/sv/en; anything else falls back to Finnish."""
    code = (get_language() or FALLBACK_LANGUAGE).split("-")[0].lower()
    return code if code in CONTENT_LANGUAGES else FALLBACK_LANGUAGE


def localized(obj: Any, field: str, language: str | None = None) -> str:
    """The value of `<field>_<language>` on obj (a model instance or a dict), Finnish if empty.

    `localized(service, "name")` gives `service.name_sv` when Swedish is active and the
    Swedish name is filled in, otherwise `service.name_fi`.
    """
    language = language or active_language()

    def read(code: str) -> str:
        key = f"{field}_{code}"
        value = obj.get(key) if isinstance(obj, dict) else getattr(obj, key, "")
        return value or ""

    return read(language) or read(FALLBACK_LANGUAGE)


def localized_short_name(obj: Any, language: str | None = None) -> str:
    """An organisation's short name in the language (`short_name_sv`, `short_name_en`), the
    Finnish `short_name` when that translation is missing; obj is a model instance or a dict."""
    language = language or active_language()

    def read(key: str) -> str:
        value = obj.get(key) if isinstance(obj, dict) else getattr(obj, key, "")
        return value or ""

    if language != FALLBACK_LANGUAGE and read(f"short_name_{language}"):
        return read(f"short_name_{language}")
    return read("short_name")


class LocalizedMixin:
    """`localized_name` / `localized_description` for models with name_fi/sv/en fields."""

    @property
    def localized_name(self) -> str:
        """The name in the active language, Finnish when that translation is missing."""
        return localized(self, "name")

    @property
    def localized_description(self) -> str:
        """The description in the active language, Finnish when that translation is missing."""
        return localized(self, "description")

    @property
    def localized_short_name(self) -> str:
        """The short name in the active language (organisations), Finnish when missing."""
        return localized_short_name(self)

    def __str__(self) -> str:
        return self.localized_name
