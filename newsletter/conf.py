"""The newsletter's tunables, each overridable by a Django setting of the same name."""

from datetime import timedelta

from django.conf import settings

DEFAULTS = {
    # How long the link in a confirmation email stays valid.
    "NEWSLETTER_CONFIRM_MAX_AGE": timedelta(days=3),
    # Subscribe attempts per client IP address and per email address.
    "NEWSLETTER_RATE_PER_IP": (10, 3600),
    "NEWSLETTER_RATE_PER_ADDRESS": (3, 3600),
    # A second identical request within this time sends no second confirmation email.
    "NEWSLETTER_DUPLICATE_WINDOW": timedelta(minutes=10),
    # Deliveries per batch; one SMTP connection per batch.
    "NEWSLETTER_BATCH_SIZE": 200,
    # A sending worker that has not reported for this long is taken to be dead.
    "NEWSLETTER_LEASE": timedelta(minutes=10),
    # Local folder for the sending journal (see newsletter.services.journal); None means
    # var/newsletter-journal in the project folder. A resuming worker must see the same one.
    "NEWSLETTER_JOURNAL_DIR": None,
    # Largest subscriber CSV accepted for import.
    "NEWSLETTER_IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    # Pending (never confirmed) subscribers are removed after this long.
    "NEWSLETTER_PENDING_RETENTION": timedelta(days=14),
}


def get(name: str):
    """The setting `name`, or its default."""
    return getattr(settings, name, DEFAULTS[name])
