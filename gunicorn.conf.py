"""gunicorn's settings for the portal, read from the environment (portal.config).

gunicorn loads this file by itself when it starts in the repository's directory (`make run`,
the systemd unit in the README); command-line flags still override it.

- Workers recycle after GUNICORN_MAX_REQUESTS requests plus up to GUNICORN_MAX_REQUESTS_JITTER
  more (so they do not all restart at once): memory cannot creep. A recycling worker finishes
  the request in hand first.
- Connections wait in the listening socket, which the master holds: a worker that dies (even
  by SIGKILL) loses only the request it was serving; the ones not yet started are served by
  the other workers and the one the master starts in its place.
- SIGTERM lets requests in progress finish for GUNICORN_GRACEFUL_TIMEOUT seconds.
- gunicorn names itself in a `Server` header on every answer; the portal does not advertise
  the software it runs on, so that line is left out.
- Longer request lines than gunicorn's default (4094) reach the portal, which answers
  addresses over 4000 characters with its own translated 414 page (portal.security).
"""

from gunicorn.http import wsgi

from portal import config as _portal_config

_values = _portal_config.gunicorn()

wsgi_app = "portal.wsgi:application"
bind = [f"127.0.0.1:{_portal_config.env('PORT')}"]
workers = _values["workers"]
timeout = _values["timeout"]
graceful_timeout = _values["graceful_timeout"]
max_requests = _values["max_requests"]
max_requests_jitter = _values["max_requests_jitter"]
# The application is loaded once in the master and forked: a recycled or replacement worker
# serves at once instead of importing Django again (seconds on a busy machine), and the
# workers share the loaded code's memory. Code changes need a restart (not SIGHUP).
preload_app = True
# Enough room for a burst while a worker is being replaced.
backlog = 2048
accesslog = "-"
# Several portals (and test servers) may run side by side on one machine: no shared control
# socket in the home directory.
control_socket_disable = True
limit_request_line = 8190

_default_headers = wsgi.Response.default_headers


def _default_headers_without_server(self):
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


wsgi.Response.default_headers = _default_headers_without_server


def when_ready(server):
    """In the master, once the application is loaded and before any worker is forked: warm
    the application up so that every worker, the first ones and each recycled one, starts
    with its URL patterns, catalogues and templates ready (portal.prefork)."""
    application = server.app.wsgi()  # loaded (preload_app): Django is set up from here on
    # Imported here, not above: this file is read before Django's settings are configured,
    # and the warm-up reaches models (through portal.metrics).
    from portal import prefork

    prefork.warm_up(application)
    prefork.freeze_for_workers()


def worker_exit(server, worker):
    """In a worker that is leaving: flush its counts and logs and skip Python's slow shutdown
    (portal.prefork.leave_quickly; a worker leaving with an error exits as before)."""
    from portal import prefork

    prefork.leave_quickly(worker)
