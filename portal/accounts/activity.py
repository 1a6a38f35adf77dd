"""Where a user is signed in, and when each session was last seen, without a database write
on every request.

allauth's own middleware (allauth.usersessions) records a signed-in request's session, address
and browser in a write transaction on every request. On SQLite every such write takes the
database's single write lock, so under load the signed-in requests queued behind each other
for it. This middleware records the same through allauth, but at most once per
ACTIVITY_INTERVAL seconds for the same session, address and browser: a change of address or
browser is recorded at once (allauth's `session_client_changed` signal still fires), and the
sessions list (`/accounts/sessions/`) shows the last activity to within that interval.
When the cache raises it records every request, as allauth does; Redis away answers add()
with False (portal.config ignores its errors), so activity goes unrecorded until it returns.
"""

from __future__ import annotations

import hashlib

from allauth.usersessions.internal import usersessionkit
from django.core.cache import cache

from portal.client_address import client_ip

ACTIVITY_INTERVAL = 60
KEY_PREFIX = "keko:session-seen:"


def _seen_key(request) -> str:
    parts = (
        request.session.session_key or "",
        client_ip(request),
        request.META.get("HTTP_USER_AGENT", ""),
    )
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _due(request) -> bool:
    """True when this session, address and browser were not recorded in the interval."""
    user = getattr(request, "user", None)
    session = getattr(request, "session", None)
    if user is None or session is None or not session.session_key or not user.is_authenticated:
        return False
    try:
        return cache.add(_seen_key(request), 1, ACTIVITY_INTERVAL)
    except Exception:  # the cache is away: record, as allauth would
        return True


class UserActivityMiddleware:
    """In place of allauth.usersessions.middleware.UserSessionsMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _due(request):
            usersessionkit.track_activity(request, user=request.user, session=request.session)
        return self.get_response(request)
