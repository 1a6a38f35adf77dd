"""The site's public address: settings.BASE_URL is the one source of truth.

Canonical links, hreflang alternates, the sitemap, robots.txt, feeds, calendars, Open Graph
tags and email links are all made absolute here, never from the request's Host header or from
Wagtail's Site record (whose default is http://localhost:80).
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    """The configured address without a trailing slash, e.g. "https://keko.example.fi".

    Where the site is served over https only (production mode redirects every http
    request), an http BASE_URL is written as https: links in emails, such as the RFC 8058
    one-click unsubscribe link, must not go out over plain http.
    """
    url = settings.BASE_URL.rstrip("/")
    if getattr(settings, "SECURE_SSL_REDIRECT", False) and url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    return url


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
    return urlsplit(base_url()).scheme == "https"
