"""The client's IP address, as django-allauth determines it for its own rate limits.

Behind a reverse proxy, TRUSTED_PROXY_COUNT or TRUSTED_PROXIES (portal/client_address.py)
makes REMOTE_ADDR the visitor's own address for every request, so sign-in and subscribe
limits agree.
"""

from django.core.exceptions import ImproperlyConfigured

try:  # allauth keeps this helper in an internal module; fall back if it ever moves
    from allauth.core.internal.httpkit import get_client_ip
except ImportError:  # pragma: no cover
    get_client_ip = None


def client_ip(request) -> str:
    """The address rate limits count against (REMOTE_ADDR unless a trusted proxy says)."""
    if get_client_ip is not None:
        try:
            ip = get_client_ip(request)
        except ImproperlyConfigured:  # a forwarding header that does not match the setup
            ip = None
        if ip:
            return ip
    return request.META.get("REMOTE_ADDR") or "unknown"
