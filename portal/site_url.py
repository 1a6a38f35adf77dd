"""The site's public address: settings.BASE_URL is the one source of truth.

Canonical links, hreflang alternates, the sitemap, robots.txt, feeds, calendars, Open Graph
tags and email links are all made absolute here, never from the request's Host header or from
Wagtail's Site record (whose default is http://localhost:80).
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    """The configured address without a trailing slash, e.g. "https://keko.example.fi"."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """A path of this site (or an address on any host of it) as an absolute address on
    BASE_URL: "/sv/" → "https://keko.example.fi/sv/". Empty stays empty."""
    if not url:
        return ""
    parts = urlsplit(url)
    address = base_url() + (parts.path or "/")
    if parts.query:
        address += f"?{parts.query}"
    if parts.fragment:
        address += f"#{parts.fragment}"
    return address


def is_https() -> bool:
    """Whether the site is served over https (by its configured address)."""
    return urlsplit(settings.BASE_URL).scheme == "https"
