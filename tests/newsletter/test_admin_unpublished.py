"""An issue not yet published: no send form (it cannot be sent before its web version
exists), a test to oneself beside preview, and a preview that says why "read online"
does not work yet."""

import pytest
from django.urls import reverse

from newsletter.models import Send


@pytest.fixture
def staff(client, staff_user, sign_in):
    sign_in(client, staff_user)
    return client


@pytest.fixture
def draft_issue(issue):
    issue.unpublish()
    issue.refresh_from_db()
    return issue


def test_an_unpublished_issue_is_not_offered_for_sending(staff, draft_issue, lists):
    edit = staff.get(reverse("wagtailadmin_pages:edit", args=[draft_issue.pk])).content.decode()
    send_url = reverse("newsletter_sends:send", args=[draft_issue.pk])
    test_url = reverse("newsletter_sends:test", args=[draft_issue.pk])

    assert send_url not in edit
    assert test_url in edit

    page = staff.get(send_url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="mailing_list"' not in html
    assert "Julkaise se ensin" in html or "Publish it first" in html

    stale = staff.post(send_url, {"mailing_list": lists["general"].pk, "confirm": "on"})
    assert stale.status_code == 302 and not Send.objects.exists()


def test_preview_offers_a_test_and_says_why_read_online_waits(staff, draft_issue):
    html = staff.get(reverse("newsletter_sends:preview", args=[draft_issue.pk])).content.decode()

    assert reverse("newsletter_sends:test", args=[draft_issue.pk]) in html
    assert reverse("newsletter_sends:send", args=[draft_issue.pk]) not in html
    assert "Lue tämä uutiskirje verkossa" in html


def test_a_published_issue_offers_test_and_send_beside_preview(staff, issue):
    html = staff.get(reverse("newsletter_sends:preview", args=[issue.pk])).content.decode()

    assert reverse("newsletter_sends:test", args=[issue.pk]) in html
    assert reverse("newsletter_sends:send", args=[issue.pk]) in html
