"""The newsletter in the Wagtail admin, used by signed-in project staff (with MFA)."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsletter.models import Delivery, Send, Subscriber, Subscription
from tests.newsletter.conftest import make_subscriber


@pytest.fixture
def staff(client, staff_user, sign_in):
    sign_in(client, staff_user)
    return client


def test_issue_editor_offers_preview_test_and_send(staff, issue):
    html = staff.get(reverse("wagtailadmin_pages:edit", args=[issue.pk])).content.decode()
    assert reverse("newsletter_sends:preview", args=[issue.pk]) in html
    assert reverse("newsletter_sends:test", args=[issue.pk]) in html
    assert reverse("newsletter_sends:send", args=[issue.pk]) in html


def test_preview_as_email(staff, issue, english_issue):
    page = staff.get(reverse("newsletter_sends:preview", args=[issue.pk]) + "?language=en")
    assert page.status_code == 200
    assert "KEKO gets going" in page.content.decode()
    html = staff.get(reverse("newsletter_sends:preview_html", args=[issue.pk]) + "?language=fi")
    assert html.status_code == 200
    body = html.content.decode()
    assert "Tilannekuva 1 etenee" in body and "<style" not in body and 'style="' in body


def test_preview_shows_the_latest_draft(staff, issue):
    issue.title = "Luonnos: uusi otsikko"
    issue.save_revision()
    page = staff.get(reverse("newsletter_sends:preview", args=[issue.pk]))
    assert "Luonnos: uusi otsikko" in page.content.decode()


def test_send_a_test_to_myself(staff, staff_user, smtp_sink, issue):
    response = staff.post(reverse("newsletter_sends:test", args=[issue.pk]), {"language": "fi"})
    assert response.status_code == 302
    [received] = smtp_sink.to(staff_user.email)
    assert received.message["Subject"].endswith("KEKO käynnistyy")
    assert received.message["Subject"] != "KEKO käynnistyy"  # marked as a test
    assert not Send.objects.exists() and not Subscriber.objects.exists()


def test_send_to_a_list_runs_in_the_background_and_shows_progress(
    staff, smtp_sink, lists, issue, django_capture_on_commit_callbacks
):
    for n in range(3):
        make_subscriber(f"r{n}@example.fi", lists["general"])
    make_subscriber("partner@example.fi", lists["partners"])
    url = reverse("newsletter_sends:send", args=[issue.pk])
    form = staff.get(url)
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, {"mailing_list": lists["general"].pk, "confirm": "on"})
    send = Send.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter_sends:progress", args=[send.pk])
    assert sorted(smtp_sink.recipients()) == ["r0@example.fi", "r1@example.fi", "r2@example.fi"]

    progress = staff.get(response["Location"])
    assert progress.status_code == 200
    html = progress.content.decode()
    assert "js/newsletter-progress.js" in html and "<script>" not in html
    # Done already (the worker ran at once): the page says so (its script also takes the
    # "has started" message away when a send it follows ends), and the bar is styled wide
    # (the browser's default is about 135 px).
    assert 'data-field="finished">' in html and "css/newsletter-admin.css" in html
    data = staff.get(reverse("newsletter_sends:progress_json", args=[send.pk])).json()
    assert data["finished"] and data["counts"]["sent"] == 3 and data["total"] == 3

    with django_capture_on_commit_callbacks(execute=True):
        again = staff.post(url, {"mailing_list": lists["general"].pk, "confirm": "on"})
    assert again.status_code == 302 and Send.objects.count() == 1
    assert len(smtp_sink.messages) == 3


def test_send_needs_confirmation(staff, smtp_sink, lists, issue):
    make_subscriber("r@example.fi", lists["general"])
    response = staff.post(
        reverse("newsletter_sends:send", args=[issue.pk]), {"mailing_list": lists["general"].pk}
    )
    assert response.status_code == 400
    assert not Send.objects.exists() and smtp_sink.messages == []


def test_resume_an_interrupted_send(
    staff, smtp_sink, lists, issue, django_capture_on_commit_callbacks
):
    from newsletter.services.sending import send_run, send_start

    for n in range(4):
        make_subscriber(f"r{n}@example.fi", lists["general"])
    send, _ = send_start(issue=issue, mailing_list=lists["general"])
    send_run(send, batch_size=2, max_batches=1)
    data = staff.get(reverse("newsletter_sends:progress_json", args=[send.pk])).json()
    assert data["resumable"] and data["counts"]["pending"] == 2
    staff.post(reverse("newsletter_sends:resume", args=[send.pk]))
    assert Delivery.objects.filter(send=send, status="sent").count() == 4
    assert len(smtp_sink.messages) == 4


def test_sends_listing(staff, smtp_sink, lists, issue):
    from newsletter.services.sending import send_run, send_start

    make_subscriber("r@example.fi", lists["general"])
    send_run(send_start(issue=issue, mailing_list=lists["general"])[0])
    html = staff.get(reverse("newsletter_sends:index")).content.decode()
    assert "KEKO käynnistyy" in html


def test_subscribers_listing_and_no_add_or_delete(staff, lists):
    make_subscriber("anna@example.fi", lists["general"])
    listing = staff.get(reverse("newsletter_subscribers:index"))
    assert listing.status_code == 200
    assert "anna@example.fi" in listing.content.decode()
    assert staff.get(reverse("newsletter_subscribers:add")).status_code == 302
    assert Subscriber.objects.count() == 1


def test_import_and_export(staff, lists):
    url = reverse("newsletter_import:import")
    upload = SimpleUploadedFile("s.csv", b"email,lists\nanna@example.fi,general\n")
    response = staff.post(url, {"file": upload, "consent_basis": "Workshop 12.5.2026"})
    assert response.status_code == 302
    assert Subscription.objects.get().status == "confirmed"
    export = staff.get(reverse("newsletter_import:export"))
    assert export["Content-Type"].startswith("text/csv")
    assert "anna@example.fi" in b"".join(export.streaming_content).decode()


def test_import_errors_are_listed_and_nothing_is_imported(staff, lists):
    upload = SimpleUploadedFile("s.csv", b"email,lists\nok@example.fi,general\nbroken,general\n")
    response = staff.post(
        reverse("newsletter_import:import"), {"file": upload, "consent_basis": "x"}
    )
    assert response.status_code == 400
    [error] = response.context["errors"]
    assert re.match(r"\w+ 3: .*broken", error)
    assert not Subscriber.objects.exists()


def test_oversized_upload_is_refused_with_a_message(staff, lists, settings):
    settings.NEWSLETTER_IMPORT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.csv", b"email,lists\n" + b"a@example.fi,general\n" * 20)
    response = staff.post(
        reverse("newsletter_import:import"), {"file": upload, "consent_basis": "x"}
    )
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert not Subscriber.objects.exists()


def test_personal_data_export_and_erasure(staff, lists):
    make_subscriber("anna@example.fi", lists["general"])
    url = reverse("newsletter_personal_data:index")
    export = staff.post(url, {"email": "Anna@example.fi", "action": "export"})
    assert json.loads(export.content)["subscriptions"][0]["list"] == "general"
    unconfirmed = staff.post(url, {"email": "anna@example.fi", "action": "erase"})
    assert unconfirmed.status_code == 400 and Subscriber.objects.exists()
    erased = staff.post(
        url, {"email": "anna@example.fi", "action": "erase", "confirm_erase": "yes"}
    )
    assert erased.status_code == 302 and not Subscriber.objects.exists()
    bad = staff.post(url, {"email": "anna@example.fi\nBcc: x@y.fi", "action": "export"})
    assert bad.status_code == 400


def test_network_partners_cannot_reach_newsletter_admin(client, partner_user, sign_in, issue):
    sign_in(client, partner_user)
    for url in (
        reverse("newsletter_sends:index"),
        reverse("newsletter_sends:send", args=[issue.pk]),
        reverse("newsletter_import:export"),
        reverse("newsletter_personal_data:index"),
    ):
        assert client.get(url).status_code == 403


def test_staff_can_add_the_archive_under_the_home_page_and_issues_under_it(staff, issue):
    from cms_pages.models import HomePage
    from newsletter.models import NewsletterIndexPage

    assert NewsletterIndexPage in HomePage.allowed_subpage_models()
    assert NewsletterIndexPage.allowed_parent_page_models() == [HomePage]
    archive = issue.get_parent()
    url = reverse("wagtailadmin_pages:add", args=["newsletter", "newsletterissuepage", archive.pk])
    assert staff.get(url).status_code == 200
