"""Check reminders: overdue services get their stewards one email per period with signed
"still correct" links; the scheduler enqueues them; the map panel shows the last check."""

import datetime as dt
import logging
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecosystem.map.details import node_details
from ecosystem.models import CheckReminder, Service
from ecosystem.stewardship import reminders
from ecosystem.stewardship.tasks import enqueue_check_reminders
from portal.accounts.models import Invitation
from portal.logs import JsonFormatter
from tests.ecosystem.stewardship.conftest import make_steward
from tests.newsletter.smtp_sink import start_sink

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _sink():
    controller, handler = start_sink()
    yield controller, handler
    controller.stop()


@pytest.fixture
def smtp(_sink, settings):
    controller, handler = _sink
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    handler.messages.clear()
    handler.refuse.clear()
    return handler


def links(body):
    return re.findall(r"https?://\S+", body)


def test_a_steward_gets_one_reminder_listing_their_overdue_services(smtp, steward, register):
    today = timezone.localdate()
    Service.objects.filter(pk=register["hidden"].pk).update(last_reviewed=today)  # fresh
    Service.objects.filter(pk=register["service"].pk).update(
        last_reviewed=today - dt.timedelta(days=400)
    )
    assert reminders.send_check_reminders() == 1
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail.rcpt_tos == ["steward@example.org"]
    body = mail.part("text/plain")
    assert "Työvalmennus" in body
    assert "Kumppanien palvelu" not in body  # checked today
    assert "Toisen palvelu" not in body  # another organisation's
    assert "Ovatko palvelunne yhä oikein" in mail.message["Subject"]  # no invitation: Finnish
    # Run again (a restarted worker, the next scheduler tick): nothing more is sent.
    assert reminders.send_check_reminders() == 0
    assert len(smtp.messages) == 1
    assert CheckReminder.objects.get().sent_at is not None


def test_the_reminder_is_in_the_language_of_the_invitation(smtp, make_account, register):
    user = make_steward(make_account, "sv-steward@example.org", register["theirs"])
    Invitation.objects.create(
        email=user.email,
        language="sv",
        expires_at=timezone.now(),
        accepted_user=user,
        accepted_at=timezone.now(),
        token_hash="x" * 64,
    )
    reminders.send_check_reminders()
    mail = next(m for m in smtp.messages if m.rcpt_tos == [user.email])
    assert "Stämmer era tjänster" in mail.message["Subject"]


def test_a_refused_send_is_retried_next_time(smtp, steward, register):
    smtp.refuse.add("steward@example.org")
    assert reminders.send_check_reminders() == 0
    assert CheckReminder.objects.count() == 0
    smtp.refuse.clear()
    assert reminders.send_check_reminders() == 1


def test_the_next_period_gets_a_new_reminder(smtp, steward, register, settings):
    reminders.send_check_reminders()
    CheckReminder.objects.update(created_at=timezone.now() - dt.timedelta(days=366))
    assert reminders.send_check_reminders() == 1


def test_still_correct_marks_checked_without_sign_in_and_expires(
    client, smtp, steward, register, settings
):
    Service.objects.filter(pk=register["hidden"].pk).update(last_reviewed=timezone.localdate())
    reminders.send_check_reminders()
    body = smtp.messages[0].part("text/plain")
    confirm = next(link for link in links(body) if "/checked/" in link)
    propose = next(link for link in links(body) if "/propose/service/" in link)
    assert str(register["service"].pk) in propose
    path = confirm.replace(settings.BASE_URL, "")
    # Opening the link (as a mail scanner or a link preview does) only asks.
    browser = Client(enforce_csrf_checks=True)
    response = browser.get(path)
    assert response.status_code == 200
    assert "Onko palvelu yhä ajan tasalla?" in response.content.decode()
    assert Service.objects.get(pk=register["service"].pk).last_reviewed is None
    # The button on the page confirms, with the page's CSRF token (no sign-in).
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert browser.post(path).status_code == 403
    response = browser.post(path, {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 200
    assert "Kiitos: merkitty tarkistetuksi" in response.content.decode()
    service = Service.objects.get(pk=register["service"].pk)
    assert service.last_reviewed == timezone.localdate()
    assert service.last_reviewed_by == steward
    # Tampered or expired links do nothing.
    assert client.get(path[:-3] + "xyz/").status_code == 410
    assert client.post(path[:-3] + "xyz/").status_code == 410
    Service.objects.filter(pk=service.pk).update(last_reviewed=None)
    settings.KEKO_CHECK_LINK_DAYS = 0
    assert client.get(path).status_code == 410
    assert client.post(path).status_code == 410
    assert Service.objects.get(pk=service.pk).last_reviewed is None


def test_a_link_stops_working_when_the_person_is_no_longer_a_steward(client, steward, register):
    token = reminders.check_token(service=register["service"], steward=steward)
    steward.stewardships.all().delete()
    url = reverse("ecosystem_stewardship:still_correct", args=[token])
    assert client.get(url).status_code == 410
    assert client.post(url).status_code == 410
    assert Service.objects.get(pk=register["service"].pk).last_reviewed is None


def test_the_scheduler_enqueues_the_reminders_once_an_hour(smtp, steward, register, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    call_command("run_scheduler", "--once")
    assert len(smtp.messages) == 1
    assert enqueue_check_reminders() is False  # within the hour
    assert len(smtp.messages) == 1


def test_the_map_panel_shows_when_and_by_whom_a_service_was_checked(steward, register):
    from ecosystem.stewardship.services import service_mark_checked

    steward.first_name, steward.last_name = "Maija", "Meikäläinen"
    steward.save()
    service_mark_checked(service=register["service"], user=steward)
    node = f"svc:{register['service'].pk}"
    details = node_details(node, public_only=False, language="fi")
    facts = {fact["label"]: fact["value"] for fact in details["facts"]}
    today = timezone.localdate()
    expected = f"{today.day}.{today.month}.{today.year}, Maija Meikäläinen"
    assert facts["Tarkistettu viimeksi"] == expected
    public = node_details(node, public_only=True, language="fi")
    assert "Tarkistettu viimeksi" not in {fact["label"] for fact in public["facts"]}


def test_a_refused_reminder_is_logged_once_without_the_stewards_name_or_address(
    smtp, make_account, register, caplog
):
    steward = make_steward(make_account, "matti.meikalainen@example.org", register["ours"])
    steward.first_name, steward.last_name = "Matti", "Meikäläinen"
    steward.save()
    Service.objects.filter(pk=register["service"].pk).update(
        last_reviewed=timezone.localdate() - dt.timedelta(days=400)
    )
    smtp.refuse.add("matti.meikalainen@example.org")
    caplog.set_level(logging.INFO)

    assert reminders.send_check_reminders() == 0

    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.failure["kind"] == "send" and record.failure["email"] == "check-reminder"
    assert record.failure["user_id"] == steward.pk
    assert record.failure["error"] == "SMTPRecipientsRefused"
    for text in (record.getMessage(), JsonFormatter().format(record)):
        for word in ("@", "matti", "meikäläinen", "meikalainen"):
            assert word not in text.lower(), (word, text)
    assert not CheckReminder.objects.exists()  # the next run tries again
