"""Check reminders: a service not checked within the check period (KEKO_CHECK_PERIOD_DAYS,
default 365) gets its stewards an email listing their overdue services, each with a signed
"still correct" link (no sign-in; valid KEKO_CHECK_LINK_DAYS, default 30) and a link to
propose a change.

At most one reminder per steward per period, and never the same one twice: the reminder row
is committed before its email is sent (a worker that dies between the two has used that
period's reminder rather than risk a duplicate); a send the mail server refuses is deleted
again so the next run retries it.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ecosystem.models import CheckReminder, Service
from ecosystem.stewardship.selectors import check_period_days, overdue_q
from portal.accounts.access import stewarded_organisation_ids
from portal.accounts.models import Invitation, Stewardship
from portal.accounts.roles import NETWORK_PARTNERS
from portal.kernel.failures import error_fields, log_failure

TOKEN_SALT = "keko.stewardship.still-correct"
DEFAULT_LINK_DAYS = 30
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def link_days() -> int:
    return int(getattr(settings, "KEKO_CHECK_LINK_DAYS", DEFAULT_LINK_DAYS))


def check_token(*, service: Service, steward: Any) -> str:
    """A signed token naming the service and the steward (no expiry inside: max_age on read)."""
    return signing.dumps({"s": str(service.pk), "u": steward.pk}, salt=TOKEN_SALT, compress=True)


def read_check_token(token: str) -> tuple[Service, Any] | None:
    """(service, steward) of a valid, unexpired token whose steward still stewards one of the
    service's organisations; None otherwise."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=dt.timedelta(days=link_days()))
    except (signing.BadSignature, ValueError):
        return None
    steward = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    service = Service.objects.filter(pk=data.get("s")).first()
    if steward is None or service is None:
        return None
    organisations = set(service.organisation_roles.values_list("organisation_id", flat=True))
    if not stewarded_organisation_ids(steward) & organisations:
        return None
    return service, steward


def steward_language(user: Any) -> str:
    """The language of the steward's invitation (the portal's default without one)."""
    invitation = Invitation.objects.filter(accepted_user=user).order_by("-created").first()
    return invitation.language if invitation else settings.LANGUAGE_CODE


def overdue_by_steward(today: dt.date | None = None) -> dict[Any, list[Service]]:
    """Each active network-partner steward → their services overdue for a check."""
    links = Stewardship.objects.filter(
        user__is_active=True, user__groups__name=NETWORK_PARTNERS
    ).select_related("user")
    by_organisation: dict[Any, list] = defaultdict(list)
    for link in links:
        by_organisation[link.organisation_id].append(link.user)
    if not by_organisation:
        return {}
    services = (
        Service.objects.filter(overdue_q(today))
        .filter(organisation_roles__organisation_id__in=list(by_organisation))
        .prefetch_related("organisation_roles")
        .distinct()
        .order_by("name_fi")
    )
    result: dict[Any, list[Service]] = defaultdict(list)
    for service in services:
        stewards = {
            user.pk: user
            for role in service.organisation_roles.all()
            for user in by_organisation.get(role.organisation_id, [])
        }
        for user in stewards.values():
            result[user].append(service)
    return dict(result)


def _claim(user: Any, services: list[Service], now: dt.datetime) -> CheckReminder | None:
    """Write this period's reminder for the user, unless one exists (row lock on the user, so
    two workers cannot both claim)."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        since = now - dt.timedelta(days=check_period_days())
        if CheckReminder.objects.filter(steward=user, created_at__gte=since).exists():
            return None
        return CheckReminder.objects.create(
            steward=user, services=[str(service.pk) for service in services]
        )


def _send(user: Any, services: list[Service]) -> None:
    language = steward_language(user)
    with translation.override(language):
        items = [
            {
                "service": service,
                "name": service.localized_name,
                "last_checked": service.last_reviewed,
                "confirm_url": settings.BASE_URL
                + reverse(
                    "ecosystem_stewardship:still_correct",
                    args=[check_token(service=service, steward=user)],
                ),
                "propose_url": settings.BASE_URL
                + reverse("ecosystem_stewardship:propose", args=["service", service.pk]),
            }
            for service in services
        ]
        context = {
            "user": user,
            "items": items,
            "link_days": link_days(),
            "period_days": check_period_days(),
            "list_url": settings.BASE_URL + reverse("ecosystem_stewardship:organisations"),
        }
        subject = render_to_string("ecosystem/stewardship/email/reminder_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        body = render_to_string("ecosystem/stewardship/email/reminder_message.txt", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()


def send_check_reminders(today: dt.date | None = None) -> int:
    """Send every steward with overdue services their reminder, once per period. Returns the
    number of emails sent."""
    now = timezone.now()
    sent = 0
    for user, services in overdue_by_steward(today).items():
        if not user.email:
            continue
        reminder = _claim(user, services, now)
        if reminder is None:
            continue
        try:
            _send(user, services)
        except MAIL_ERRORS as error:
            log_failure(
                "send",
                "Check reminder email failed",
                email="check-reminder",
                user_id=user.pk,
                **error_fields(error),
            )
            reminder.delete()  # refused for sure: the next run tries again
            continue
        CheckReminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
        sent += 1
    return sent
