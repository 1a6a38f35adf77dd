"""gunicorn settings read from the project folder (`make run`, the README's commands).

gunicorn names itself in a `Server` header on every answer; the portal does not advertise
the software it runs on, so that line is left out.
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _default_headers_without_server

# Longer request lines than gunicorn's default (4094) reach the portal, which answers
# addresses over 4000 characters with its own translated 414 page (portal.security).
limit_request_line = 8190
