"""Staff review proposals in the admin: diff, accept all / some, reject, conflicts, email,
history."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from ecosystem.models import Proposal, ProposalKind, ProposalStatus, Relation, Service
from ecosystem.register.versioning import data_version
from ecosystem.stewardship.fields import service_values
from ecosystem.stewardship.services import proposal_create
from tests.newsletter.smtp_sink import start_sink

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _sink():
    controller, handler = start_sink()
    yield controller, handler
    controller.stop()


@pytest.fixture
def smtp(_sink, settings):
    """Mail goes over real SMTP to an aiosmtpd server on 127.0.0.1."""
    controller, handler = _sink
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    handler.messages.clear()
    return handler


@pytest.fixture
def reviewer(staff_user):
    return staff_user


@pytest.fixture
def admin_client(client, staff_user, sign_in):
    """Project staff signed in through allauth (password and TOTP), admin in English."""
    profile = UserProfile.get_for_user(staff_user)
    profile.preferred_language = "en"
    profile.save()
    sign_in(client, staff_user)
    return client


def propose(steward, service, language="sv", **changes):
    values = {**service_values(service), **changes}
    return proposal_create(
        user=steward,
        organisation=service.organisation_roles.first().organisation,
        service=service,
        values=values,
        language=language,
    )


def review_url(proposal):
    return reverse("ecosystem_proposal_review", args=[proposal.pk])


def test_the_queue_and_the_diff_show_old_and_new_per_language(admin_client, steward, register):
    service = register["service"]
    proposal = propose(
        steward, service, name_sv="Arbetscoachning", referrals_to=[str(register["other"].pk)]
    )
    queue = admin_client.get(reverse("ecosystem_proposals")).content.decode()
    assert review_url(proposal) in queue
    page = admin_client.get(review_url(proposal)).content.decode()
    assert "Name in Swedish" in page or "Nimi ruotsiksi" in page
    assert "Arbetscoachning" in page
    assert "Toisen palvelu" in page  # a referral added, by name
    assert "steward@example.org" in page


def test_accept_all_writes_through_the_register(
    admin_client, reviewer, steward, register, smtp, django_capture_on_commit_callbacks
):
    service = register["service"]
    proposal = propose(
        steward,
        service,
        name_sv="Arbetscoachning",
        minimum_age=16,
        maximum_age=29,
        target_groups=[str(register["youth"].pk)],
        channels=[
            {
                "channel_type": "web_page",
                "name": "Verkkosivu",
                "street_address": "",
                "postal_code": "",
                "post_office": "",
                "municipality": "",
                "phone": "",
                "email": "",
                "url": "https://example.org/",
                "opening_hours": "",
            }
        ],
        referrals_to=[str(register["other"].pk)],
    )
    version = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(review_url(proposal), {"action": "accept_all"})
    assert response.status_code == 302
    service = Service.objects.get(pk=service.pk)
    assert service.name_sv == "Arbetscoachning"
    assert (service.minimum_age, service.maximum_age) == (16, 29)
    assert list(service.target_groups.all()) == [register["youth"]]
    assert [c.url for c in service.channels.all()] == ["https://example.org/"]
    assert Relation.objects.filter(
        relation_type="referral", source_service=service, target_service=register["other"]
    ).exists()
    assert service.last_reviewed_by == steward
    assert data_version() != version
    assert service.latest_revision is not None
    assert service.latest_revision.user == reviewer
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(service.pk)).values_list("action", flat=True)
    )
    assert {"keko.proposal_made", "keko.proposal_accepted", "wagtail.edit"} <= actions
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.reviewed_by == reviewer
    # The steward is told, in the language they proposed in, over SMTP.
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail.rcpt_tos == ["steward@example.org"]
    assert "Arbetscoachning" not in mail.message["Subject"]
    assert "Työvalmennus" in mail.message["Subject"]
    # History page of the service shows who proposed and who accepted.
    history = admin_client.get(
        reverse("wagtailsnippets_ecosystem_service:history", args=[service.pk])
    ).content.decode()
    assert "Change proposed" in history  # by the steward
    assert "Proposal accepted" in history  # by the reviewer
    assert "Steward" in history and "Staff" in history  # their names (first names here)


def test_accept_some_fields(admin_client, steward, register, smtp):
    service = register["service"]
    proposal = propose(steward, service, name_sv="Arbetscoachning", name_en="Job coaching")
    response = admin_client.post(
        review_url(proposal), {"action": "accept_selected", "fields": ["name_en"]}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.name_sv, service.name_en) == ("", "Job coaching")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PARTLY_ACCEPTED
    assert proposal.accepted_fields == ["name_en"]


def test_reject_needs_a_reason_and_writes_nothing(admin_client, steward, register, smtp):
    service = register["service"]
    proposal = propose(steward, service, language="en", name_en="Nonsense")
    response = admin_client.post(review_url(proposal), {"action": "reject", "reason": ""})
    assert response.status_code == 400
    response = admin_client.post(
        review_url(proposal), {"action": "reject", "reason": "We already have an English name."}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name_en == ""
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    body = smtp.messages[-1].part("text/plain")
    assert "We already have an English name." in body
    assert "Rejected" in body


def test_a_record_changed_since_shows_the_conflict_instead_of_overwriting(
    admin_client, steward, register, smtp
):
    service = register["service"]
    proposal = propose(steward, service, name_sv="Arbetscoachning", name_en="Job coaching")
    Service.objects.filter(pk=service.pk).update(name_sv="Arbetsträning")  # an editor's change
    page = admin_client.get(review_url(proposal)).content.decode()
    assert "Arbetsträning" in page and "Arbetscoachning" in page
    assert 'value="name_sv"' not in page  # a conflicting field cannot be ticked
    response = admin_client.post(review_url(proposal), {"action": "accept_all"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name_sv == "Arbetsträning"
    assert service.name_en == "Job coaching"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PARTLY_ACCEPTED


def test_an_invalid_result_is_refused_and_nothing_is_written(admin_client, steward, register):
    service = register["service"]
    proposal = propose(steward, service, minimum_age=30)
    Service.objects.filter(pk=service.pk).update(maximum_age=20)
    proposal.base_values["maximum_age"] = 20  # not a conflict: the proposal leaves it alone
    response = admin_client.post(review_url(proposal), {"action": "accept_all"})
    assert response.status_code == 400
    service.refresh_from_db()
    assert service.minimum_age is None
    assert Proposal.objects.get().status == ProposalStatus.OPEN


def test_a_new_service_is_created_for_the_organisation(admin_client, steward, register, smtp):
    proposal = proposal_create(
        user=steward,
        organisation=register["ours"],
        kind=ProposalKind.NEW_SERVICE,
        values={
            "name_fi": "Uusi palvelu",
            "service_class": "coaching",
            "status": "active",
            "referrals_from": [str(register["service"].pk)],
        },
    )
    assert admin_client.post(review_url(proposal), {"action": "accept_all"}).status_code == 302
    created = Service.objects.get(name_fi="Uusi palvelu")
    assert [r.organisation for r in created.organisation_roles.all()] == [register["ours"]]
    assert Relation.objects.filter(
        source_service=register["service"], target_service=created
    ).exists()


def test_the_review_diff_shows_text_as_text(admin_client, steward, register):
    attack = '<script>alert("x")</script>'
    proposal = propose(steward, register["service"], name_sv=attack)
    proposal.note = attack
    proposal.save()
    page = admin_client.get(review_url(proposal)).content.decode()
    assert attack not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("role", ["anonymous", "no role", "partner, not steward", "steering"])
def test_only_staff_review(client, roles, steward, register, role):
    proposal = propose(steward, register["service"], name_sv="X")
    if roles[role] is not None:
        client.force_login(roles[role])
    for url in (reverse("ecosystem_proposals"), review_url(proposal)):
        response = client.get(url)
        assert response.status_code in (302, 403), (role, url)
    client.post(review_url(proposal), {"action": "accept_all"})
    assert Proposal.objects.get().status == ProposalStatus.OPEN
