"""The visitor's own address behind trusted reverse proxies (every rate limit keys on it).

Behind a TLS proxy every request arrives from the proxy's address; keyed on that, ten
failed sign-ins from anyone would block everybody's sign-ins and the newsletter's
per-address limit would cap the whole site. The proxy appends the address it saw to
`X-Forwarded-For`; the header's other entries are whatever the client sent, so only as many
entries (from the right) as there are proxies of our own can be trusted:

- `TRUSTED_PROXIES` (addresses or networks, e.g. `10.0.0.5,10.1.0.0/16`): a request whose
  connecting address is one of them has its X-Forwarded-For read from the right, skipping
  our proxies' addresses; the first other address is the visitor. A request from anywhere
  else is taken as it is (a forged header from outside changes nothing).
- `TRUSTED_PROXY_COUNT` (N, when the proxies' addresses are not fixed): the visitor is the
  N-th entry from the right. Use it only when the application is reachable through the
  proxies alone (gunicorn bound to 127.0.0.1 or a private network), as the README shows.
- Neither (the default): the connecting address, X-Forwarded-For ignored.

`ClientAddressMiddleware` (first in MIDDLEWARE) puts the result in `REMOTE_ADDR`, so
django-allauth's sign-in limits, the newsletter's subscribe limits and allauth's session
list all see the visitor; the proxy's address stays in `META["KEKO_PROXY_ADDR"]`.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

try:  # allauth keeps this helper in an internal module; fall back if it ever moves
    from allauth.core.internal.httpkit import get_client_ip
except ImportError:  # pragma: no cover
    get_client_ip = None


def _address(text: str) -> str | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def _networks() -> list:
    return [ipaddress.ip_network(value, strict=False) for value in settings.TRUSTED_PROXIES]


def _trusted(address: str, networks: list) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def client_address(meta: dict) -> str:
    """The visitor's address for a request's META (REMOTE_ADDR when nothing is trusted)."""
    remote = _address(meta.get("REMOTE_ADDR", "")) or meta.get("REMOTE_ADDR", "")
    forwarded = [part for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    proxies = settings.TRUSTED_PROXIES
    count = settings.TRUSTED_PROXY_COUNT
    if proxies:
        networks = _networks()
        if not remote or not _address(remote) or not _trusted(remote, networks):
            return remote
        for entry in reversed(forwarded):
            address = _address(entry)
            if address is None:  # garbage left of our proxies: the last good one is it
                break
            if not _trusted(address, networks):
                return address
            remote = address
        return remote
    if count > 0 and len(forwarded) >= count:
        return _address(forwarded[-count]) or remote
    return remote


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TRUSTED_PROXIES or settings.TRUSTED_PROXY_COUNT:
            address = client_address(request.META)
            if address != request.META.get("REMOTE_ADDR"):
                request.META["KEKO_PROXY_ADDR"] = request.META.get("REMOTE_ADDR", "")
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)


def client_ip(request) -> str:
    """The address a rate limit counts against, as django-allauth determines it for its own
    limits (REMOTE_ADDR, which the middleware above set to the visitor's own address)."""
    if get_client_ip is not None:
        try:
            ip = get_client_ip(request)
        except Exception:  # a forwarding header that does not match the setup
            ip = None
        if ip:
            return ip
    return request.META.get("REMOTE_ADDR") or "unknown"
