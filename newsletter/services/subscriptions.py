"""Subscribing, confirming, changing preferences and unsubscribing.

Rules that hold whatever the path:
- Nobody is confirmed on a list without their own action (the double opt-in link, or the
  preferences page reached by a link sent to their address), except by a staff import that
  records its basis.
- An unsubscribe is final for imports and restores: it writes a suppression entry (a hash of
  the address) that only the person's own new double opt-in lifts.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from newsletter import conf
from newsletter.addresses import email_hash
from newsletter.models import ConsentRecord, MailingList, Subscriber, Subscription, Suppression

Status = Subscription.Status


def subscriber_by_key(key: str) -> Subscriber | None:
    """The subscriber a signed link names, or None (erased, or a malformed key)."""
    try:
        key_uuid = uuid.UUID(hex=key)
    except (TypeError, ValueError):
        return None
    return Subscriber.objects.filter(key=key_uuid).first()


def subscription_request(
    *, email: str, language: str, lists, consent_text: str, consent_language: str
) -> ConsentRecord | None:
    """Record a subscribe-form request and queue the confirmation email.

    Returns the consent record waiting for confirmation, or None when the same request was
    already made moments ago (a double submission: no second email). Known and unknown
    addresses are treated alike; nothing here reveals which one it was.
    """
    from newsletter.tasks import deliver_confirmation

    slugs = sorted(mailing_list.slug for mailing_list in lists)
    now = timezone.now()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(
            email=email, defaults={"language": language}
        )
        recent = subscriber.consents.filter(
            source=ConsentRecord.Source.FORM,
            confirmed_at=None,
            requested_at__gte=now - conf.get("NEWSLETTER_DUPLICATE_WINDOW"),
        )
        for earlier in recent:
            if earlier.list_slugs == slugs and earlier.newsletter_language == language:
                return None
        existing = set(subscriber.subscriptions.values_list("mailing_list_id", flat=True))
        Subscription.objects.bulk_create(
            [
                Subscription(subscriber=subscriber, mailing_list=mailing_list, created=now)
                for mailing_list in lists
                if mailing_list.pk not in existing
            ]
        )
        consent = ConsentRecord.objects.create(
            subscriber=subscriber,
            source=ConsentRecord.Source.FORM,
            list_slugs=slugs,
            consent_text=consent_text,
            language=consent_language,
            newsletter_language=language,
            requested_at=now,
        )
        transaction.on_commit(lambda: deliver_confirmation.enqueue(consent.pk))
    return consent


@dataclass(frozen=True)
class ConfirmResult:
    subscriber: Subscriber | None
    lists: list
    already: bool = False

    @property
    def valid(self) -> bool:
        return self.subscriber is not None


def _lift_suppressions(subscriber: Subscriber, lists) -> None:
    """The person subscribed again themselves: their earlier unsubscribe no longer binds
    these lists (it still binds every other list)."""
    hashed = email_hash(subscriber.email)
    list_ids = {mailing_list.pk for mailing_list in lists}
    entries = Suppression.objects.filter(email_hash=hashed)
    if entries.filter(mailing_list=None).exists():
        entries.filter(mailing_list=None).delete()
        Suppression.objects.bulk_create(
            [
                Suppression(
                    email_hash=hashed, mailing_list=other, reason=Suppression.Reason.UNSUBSCRIBED
                )
                for other in MailingList.objects.exclude(pk__in=list_ids)
            ],
            ignore_conflicts=True,
        )
    entries.filter(mailing_list_id__in=list_ids).delete()


def _confirm_lists(subscriber: Subscriber, lists, now) -> None:
    for mailing_list in lists:
        Subscription.objects.update_or_create(
            subscriber=subscriber,
            mailing_list=mailing_list,
            defaults={"status": Status.CONFIRMED, "confirmed_at": now, "unsubscribed_at": None},
        )
    _lift_suppressions(subscriber, lists)


def confirm_subscription(*, subscriber_key: str, consent_id: int) -> ConfirmResult:
    """Follow a confirmation link. Confirming twice changes nothing the second time."""
    with transaction.atomic():
        subscriber = subscriber_by_key(subscriber_key)
        if subscriber is None:
            return ConfirmResult(subscriber=None, lists=[])
        consent = subscriber.consents.select_for_update().filter(pk=consent_id).first()
        if consent is None:
            return ConfirmResult(subscriber=None, lists=[])
        lists = list(MailingList.objects.filter(slug__in=consent.list_slugs))
        if consent.confirmed_at is not None:
            return ConfirmResult(subscriber=subscriber, lists=lists, already=True)
        now = timezone.now()
        _confirm_lists(subscriber, lists, now)
        consent.confirmed_at = now
        consent.save(update_fields=["confirmed_at"])
        if consent.newsletter_language and subscriber.language != consent.newsletter_language:
            subscriber.language = consent.newsletter_language
            subscriber.save(update_fields=["language"])
    return ConfirmResult(subscriber=subscriber, lists=lists)


def unsubscribe(*, subscriber: Subscriber | None, list_slug: str | None) -> None:
    """Leave one list (list_slug) or every list (None), at once and for good.

    Safe to repeat; an unknown subscriber (erased already) is a no-op.
    """
    if subscriber is None:
        return
    now = timezone.now()
    hashed = email_hash(subscriber.email)
    with transaction.atomic():
        subscriptions = subscriber.subscriptions.exclude(status=Status.UNSUBSCRIBED)
        if list_slug is None:
            subscriptions.update(status=Status.UNSUBSCRIBED, unsubscribed_at=now)
            Suppression.objects.filter(email_hash=hashed).exclude(mailing_list=None).delete()
            Suppression.objects.get_or_create(
                email_hash=hashed,
                mailing_list=None,
                defaults={"reason": Suppression.Reason.UNSUBSCRIBED, "created": now},
            )
            return
        mailing_list = MailingList.objects.filter(slug=list_slug).first()
        if mailing_list is None:
            return
        subscriptions.filter(mailing_list=mailing_list).update(
            status=Status.UNSUBSCRIBED, unsubscribed_at=now
        )
        if not Suppression.objects.filter(email_hash=hashed, mailing_list=None).exists():
            Suppression.objects.get_or_create(
                email_hash=hashed,
                mailing_list=mailing_list,
                defaults={"reason": Suppression.Reason.UNSUBSCRIBED, "created": now},
            )


def confirmed_slugs(subscriber: Subscriber) -> set[str]:
    return set(
        subscriber.subscriptions.filter(status=Status.CONFIRMED).values_list(
            "mailing_list__slug", flat=True
        )
    )


def update_preferences(
    *, subscriber: Subscriber, language: str, lists, consent_text: str, consent_language: str
) -> None:
    """Apply the preferences page: the lists ticked are the lists the person is on.

    Lists added here need no second confirmation: the page is reached only through a link
    sent to the address. Each addition is recorded with the consent text shown.
    """
    wanted = {mailing_list.slug: mailing_list for mailing_list in lists}
    now = timezone.now()
    with transaction.atomic():
        current = confirmed_slugs(subscriber)
        added = [wanted[slug] for slug in sorted(set(wanted) - current)]
        for slug in sorted(current - set(wanted)):
            unsubscribe(subscriber=subscriber, list_slug=slug)
        if added:
            _confirm_lists(subscriber, added, now)
            ConsentRecord.objects.create(
                subscriber=subscriber,
                source=ConsentRecord.Source.PREFERENCES,
                list_slugs=[mailing_list.slug for mailing_list in added],
                consent_text=consent_text,
                language=consent_language,
                newsletter_language=language,
                requested_at=now,
                confirmed_at=now,
            )
        if subscriber.language != language:
            subscriber.language = language
            subscriber.save(update_fields=["language"])


def purge_unconfirmed() -> int:
    """Remove subscribers who never confirmed anything within the retention time."""
    cutoff = timezone.now() - conf.get("NEWSLETTER_PENDING_RETENTION")
    stale = Subscriber.objects.filter(created__lt=cutoff).exclude(
        subscriptions__status__in=[Status.CONFIRMED, Status.UNSUBSCRIBED]
    )
    _, per_model = stale.delete()
    return per_model.get(Subscriber._meta.label, 0)
