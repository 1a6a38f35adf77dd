"""A person's data on request: export (JSON-ready) and erasure."""

from django.db import transaction
from django.utils import timezone

from newsletter.addresses import email_hash
from newsletter.models import Delivery, Subscriber, Suppression


def _time(value):
    return value.isoformat(timespec="seconds") if value else None


def subscriber_data(email: str) -> dict | None:
    """Everything the newsletter holds about `email` (normalised), or None."""
    subscriber = Subscriber.objects.filter(email=email).first()
    suppressed = list(
        Suppression.objects.filter(email_hash=email_hash(email)).select_related("mailing_list")
    )
    if subscriber is None and not suppressed:
        return None
    data = {
        "email": email,
        "exported_at": _time(timezone.now()),
        "subscriber": None,
        "subscriptions": [],
        "consents": [],
        "deliveries": [],
        "suppressions": [
            {
                "list": entry.mailing_list.slug if entry.mailing_list else None,
                "reason": entry.reason,
                "created": _time(entry.created),
            }
            for entry in suppressed
        ],
    }
    if subscriber is None:
        return data
    data["subscriber"] = {
        "email": subscriber.email,
        "language": subscriber.language,
        "created": _time(subscriber.created),
    }
    data["subscriptions"] = [
        {
            "list": subscription.mailing_list.slug,
            "status": subscription.status,
            "created": _time(subscription.created),
            "confirmed_at": _time(subscription.confirmed_at),
            "unsubscribed_at": _time(subscription.unsubscribed_at),
        }
        for subscription in subscriber.subscriptions.select_related("mailing_list")
    ]
    data["consents"] = [
        {
            "source": consent.source,
            "lists": consent.list_slugs,
            "consent_text": consent.consent_text,
            "language": consent.language,
            "newsletter_language": consent.newsletter_language,
            "requested_at": _time(consent.requested_at),
            "confirmed_at": _time(consent.confirmed_at),
        }
        for consent in subscriber.consents.all()
    ]
    data["deliveries"] = [
        {
            "issue": delivery.send.issue_title,
            "list": delivery.send.mailing_list.slug if delivery.send.mailing_list else None,
            "status": delivery.status,
            "sent_at": _time(delivery.sent_at),
        }
        for delivery in Delivery.objects.filter(subscriber=subscriber)
        .select_related("send__mailing_list")
        .order_by("pk")
    ]
    return data


def erase_subscriber(email: str) -> bool:
    """Erase every record of `email`; keep only a hashed entry so it is never re-added.

    Deliveries stay as anonymous counts of their send. Returns False if there was nothing.
    """
    with transaction.atomic():
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is None:
            return False
        hashed = email_hash(email)
        Suppression.objects.filter(email_hash=hashed).exclude(mailing_list=None).delete()
        Suppression.objects.update_or_create(
            email_hash=hashed,
            mailing_list=None,
            defaults={"reason": Suppression.Reason.ERASED, "created": timezone.now()},
        )
        Delivery.objects.filter(subscriber=subscriber).update(subscriber=None, error="")
        subscriber.delete()
    return True
