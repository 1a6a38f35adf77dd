"""Security headers on every response, cached or not."""

from django.conf import settings

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
        return response
