"""Security headers on every response, cached or not."""

from django.conf import settings
from django.utils.cache import patch_cache_control

PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The Wagtail admin sets style attributes in its markup, and its editor widgets (date, image
# and page choosers, InlinePanels, go-live scheduling) start from inline <script> elements
# that carry no nonce: with script-src 'self' alone they silently do nothing (shown by
# tests/browser/test_editor_flow.py). The admin is open only to staff signed in with a second
# factor, and it escapes what they type, so it allows inline scripts; the public site, where
# visitors' and partners' text appears, never does.
ADMIN_CSP = PUBLIC_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
)

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Content-Security-Policy (no inline script outside the admin), Permissions-Policy.

    Django's SecurityMiddleware adds HSTS (production), nosniff, Referrer-Policy and COOP;
    XFrameOptionsMiddleware denies framing. This middleware sits outside the page cache so
    cached responses get the same headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith("/admin/")
            response["Content-Security-Policy"] = ADMIN_CSP if admin else PUBLIC_CSP
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.setdefault("X-Frame-Options", "DENY")
        if _depends_on_viewer(request):
            _mark_private(response)
        return response


def _depends_on_viewer(request) -> bool:
    """A signed-in user (or any session) may see what others do not: partner-only map data,
    the steering area, their own menu. `Vary: Cookie` alone lets a shared cache keep such an
    answer under the same cookie; `private` forbids shared caches to keep it at all."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _mark_private(response) -> None:
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return
    if "public" in cache_control:
        directives = [d.strip() for d in cache_control.split(",") if d.strip() != "public"]
        response["Cache-Control"] = ", ".join(d for d in directives if d)
    patch_cache_control(response, private=True)


MAX_URL_LENGTH = 4000


class UrlLengthMiddleware:
    """Over-long addresses get the site's translated 414 page (after LocaleMiddleware, so in
    the visitor's language). gunicorn itself refuses request lines over its
    `limit_request_line` (8190 in gunicorn.conf.py) with a bare page before the site sees
    them; between MAX_URL_LENGTH and that the site answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "KEKO_MAX_URL_LENGTH", MAX_URL_LENGTH)
        if (
            len(request.META.get("PATH_INFO", "")) + len(request.META.get("QUERY_STRING", ""))
            > limit
        ):
            from django.template.response import TemplateResponse

            response = TemplateResponse(request, "414.html", status=414)
            response.render()
            return response
        return self.get_response(request)
