"""Background work of stewardship (django-tasks): the check reminders. The scheduler
(`manage.py run_scheduler`) enqueues the task at most once an hour; the task itself sends at
most one reminder per steward per check period, so running it more often is harmless."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django_tasks import task

from ecosystem.stewardship.reminders import send_check_reminders

logger = logging.getLogger(__name__)
ENQUEUED_KEY = "keko:stewardship:reminders-enqueued"
ENQUEUE_EVERY_SECONDS = 3600


@task()
def send_check_reminders_task() -> int:
    """Send the check reminders that are due; returns how many were sent."""
    return send_check_reminders()


def enqueue_check_reminders() -> bool:
    """Enqueue the reminder task unless it was enqueued within the hour (the scheduler calls
    this every minute). True when enqueued."""
    if not cache.add(ENQUEUED_KEY, True, ENQUEUE_EVERY_SECONDS):
        return False
    try:
        send_check_reminders_task.enqueue()
    except Exception:
        cache.delete(ENQUEUED_KEY)
        logger.exception("Could not enqueue the check reminders")
        return False
    return True
