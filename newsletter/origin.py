"""Same-origin check for forms that carry no CSRF token.

Pages with the subscribe form are served from the anonymous page cache, which refuses any
response that sets a cookie; Django's CSRF protection needs a cookie. The subscribe endpoint
is therefore csrf_exempt and protected instead by:

1. this check: browsers send `Sec-Fetch-Site` (all current ones) and `Origin` on every POST,
   so a form posted from another site is recognised and refused; without either header the
   `Referer` must name this site, and a request carrying none of them is refused;
2. double opt-in: a forged subscription changes nothing until the address's owner follows
   the link in the confirmation email;
3. rate limits per client address and per email address (newsletter.ratelimit).

What a CSRF token would add over this (a secret the attacker cannot read) matters for
actions that take effect at once; a subscription request takes effect only by email.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def trusted_origins(request) -> set[str]:
    origins = {f"{request.scheme}://{request.get_host()}".lower()}
    for url in [settings.BASE_URL, *settings.CSRF_TRUSTED_ORIGINS]:
        origin = _origin(url)
        if origin:
            origins.add(origin)
    return origins


def is_same_origin(request) -> bool:
    """True when the browser says the request comes from a page of this site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() in trusted_origins(request)
    referer = request.headers.get("Referer")
    if referer:
        return _origin(referer) in trusted_origins(request)
    return False
