"""Publish and unpublish scheduled pages every minute, so go-live and expiry dates take effect
without anyone running a command (scripts/run starts this beside the task worker)."""

import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connections

from ecosystem.stewardship.tasks import enqueue_check_reminders
from portal.outage import is_outage

logger = logging.getLogger(__name__)


def run_due_jobs() -> None:
    """Publish the pages whose go-live time has come and unpublish the expired ones; enqueue
    the stewards' check reminders (at most once an hour; the task sends only what is due)."""
    call_command("publish_scheduled", verbosity=0)
    enqueue_check_reminders()


class Command(BaseCommand):
    help = "Run Wagtail's scheduled publishing every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--once", action="store_true", help="Run the jobs once and exit.")

    def handle(self, *args, interval, once, **options):
        self._running = True

        def stop(signum, frame):
            self._running = False

        if not once:
            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
        failures = 0
        while True:
            if not once:
                # A long-running loop drops connections the database closed meanwhile; a single
                # pass (--once, as in tests) keeps the caller's connection and transaction.
                close_old_connections()
            pause = interval
            try:
                run_due_jobs()
                if failures:
                    logger.info("Scheduled publishing runs again after %d failures", failures)
                failures = 0
            except Exception as error:  # a database hiccup must not stop publishing for good
                if once:
                    raise
                failures += 1
                if is_outage(error):
                    # The database is away: one line, no traceback, and a retry sooner than
                    # the next minute (5, 10, 20 … seconds, never longer than the interval).
                    pause = min(interval, 5.0 * 2 ** (failures - 1))
                    logger.warning(
                        "Database unavailable (%s); scheduled publishing tries again in %.0f s",
                        type(error).__name__,
                        pause,
                    )
                    for connection in connections.all(initialized_only=True):
                        try:
                            connection.close()
                        except Exception:
                            connection.connection = None
                else:
                    logger.exception("Scheduled publishing failed; trying again later")
            if once:
                return
            deadline = time.monotonic() + pause
            while self._running and time.monotonic() < deadline:
                time.sleep(min(1.0, interval))
            if not self._running:
                return
