"""A steward proposes changes on the public site; nobody else can."""

import pytest
from django.urls import reverse

from ecosystem.models import Municipality, Proposal, ProposalKind, ProposalStatus, Relation
from tests.ecosystem.factories import ServiceFactory
from tests.ecosystem.stewardship.conftest import service_post_data

pytestmark = pytest.mark.django_db


def propose_url(kind, pk, language=None):
    from django.utils import translation

    with translation.override(language or "fi"):
        return reverse("ecosystem_stewardship:propose", args=[kind, pk])


def test_my_organisations_lists_services_partner_only_ones_included(client, steward, register):
    client.force_login(steward)
    response = client.get(reverse("ecosystem_stewardship:organisations"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Oma järjestö" in page
    assert "Työvalmennus" in page
    assert "Kumppanien palvelu" in page
    assert "Toisen palvelu" not in page
    assert propose_url("service", register["service"].pk) in page


def test_the_form_shows_the_record_in_three_languages(client, steward, register):
    client.force_login(steward)
    for language, heading in (("fi", "Ehdota muutosta"), ("sv", "Föreslå"), ("en", "Propose")):
        response = client.get(propose_url("service", register["service"].pk, language))
        assert response.status_code == 200
        page = response.content.decode()
        assert heading in page, language
        assert 'value="Työvalmennus"' in page
        assert 'value="09 123 456"' in page


def test_a_proposal_keeps_only_what_changed_with_the_values_before(client, steward, register):
    service = register["service"]
    client.force_login(steward)
    data = service_post_data(
        service,
        name_sv="Arbetscoachning",
        target_groups=[register["youth"].pk],
        municipalities=[register["tuusula"].pk],
        referrals_to=[register["other"].pk],
        note="Uusi nimi ruotsiksi",
    )
    response = client.post(propose_url("service", service.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal = Proposal.objects.get()
    assert proposal.kind == ProposalKind.SERVICE_CHANGE
    assert proposal.status == ProposalStatus.OPEN
    assert proposal.proposed_by == steward
    assert proposal.values == {
        "name_sv": "Arbetscoachning",
        "target_groups": [str(register["youth"].pk)],
        "municipalities": [str(register["tuusula"].pk)],
        "referrals_to": [str(register["other"].pk)],
    }
    assert proposal.base_values == {
        "name_sv": "",
        "target_groups": [],
        "municipalities": [],
        "referrals_to": [],
    }
    assert proposal.base_updated_at == service.updated_at
    assert proposal.note == "Uusi nimi ruotsiksi"
    service.refresh_from_db()
    assert service.name_sv == ""  # nothing is written before review
    page = client.get(reverse("ecosystem_stewardship:organisations")).content.decode()
    assert "Arbetscoachning" in page


def test_an_error_keeps_what_was_typed_and_says_what_is_wrong(client, steward, register):
    service = register["service"]
    client.force_login(steward)
    data = service_post_data(
        service,
        name_en="Job coaching typed here",
        minimum_age="30",
        maximum_age="18",
        state="ending",
        **{"channels-0-phone": ""},
    )
    response = client.post(propose_url("service", service.pk), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Job coaching typed here"' in page
    assert "Yläikäraja ei voi olla pienempi kuin alaikäraja." in page  # Service.clean()
    assert "Puhelinpalvelulla on oltava puhelinnumero." in page  # ServiceChannel.clean()
    assert "Anna päivä, jona palvelu päättyy." in page
    assert Proposal.objects.count() == 0
    assert 'role="alert"' in page


def test_nothing_changed_is_refused_with_a_message(client, steward, register):
    client.force_login(steward)
    response = client.post(
        propose_url("service", register["service"].pk), service_post_data(register["service"])
    )
    assert response.status_code == 400
    assert Proposal.objects.count() == 0


def test_a_new_service_and_an_ending_can_be_proposed(client, steward, register):
    client.force_login(steward)
    data = service_post_data(register["service"], name_fi="Uusi palvelu", description_fi="")
    data.update({"channels-TOTAL_FORMS": "1", "channels-INITIAL_FORMS": "0"})
    data.update({"channels-0-channel_type": "web_page", "channels-0-url": "https://example.org/"})
    response = client.post(propose_url("new", register["ours"].pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    new = Proposal.objects.get(kind=ProposalKind.NEW_SERVICE)
    assert new.values["name_fi"] == "Uusi palvelu"
    assert new.values["channels"][0]["url"] == "https://example.org/"
    assert new.organisation == register["ours"]

    data = service_post_data(register["service"], state="ending", ends_on="2027-06-30")
    response = client.post(propose_url("service", register["service"].pk), data)
    assert response.status_code == 302
    ending = Proposal.objects.get(kind=ProposalKind.SERVICE_CHANGE)
    assert ending.values == {"ends_on": "2027-06-30"}


def test_organisation_change(client, steward, register):
    client.force_login(steward)
    organisation = register["ours"]
    data = {
        "name_fi": organisation.name_fi,
        "name_sv": "Egen förening",
        "name_en": "",
        "description_fi": "",
        "description_sv": "",
        "description_en": "",
        "website": "not a url",
        "email": "",
        "phone": "",
    }
    response = client.post(propose_url("organisation", organisation.pk), data)
    assert response.status_code == 400
    assert 'value="Egen förening"' in response.content.decode()
    data["website"] = "https://example.org/"
    response = client.post(propose_url("organisation", organisation.pk), data)
    assert response.status_code == 302
    assert Proposal.objects.get().values == {
        "name_sv": "Egen förening",
        "website": "https://example.org/",
    }


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "no role",
        "partner, not steward",
        "steward of another",
        "steering",
        "staff",
    ],
)
def test_everyone_else_gets_403_and_a_visitor_is_sent_to_sign_in(client, roles, register, role):
    user = roles[role]
    if user is not None:
        client.force_login(user)
    service = register["service"]
    urls = [
        propose_url("service", service.pk),
        propose_url("organisation", register["ours"].pk),
        propose_url("new", register["ours"].pk),
    ]
    for url in urls:
        response = client.get(url)
        if user is None:  # sent to sign in first, and back here after it
            assert response.status_code == 302, url
            assert response["Location"] == f"{reverse('account_login')}?next={url}"
        else:
            assert response.status_code == 403, (role, url)
        post = client.post(url, service_post_data(service, name_sv="X"))
        assert post.status_code == 403, (role, url)
    response = client.get(reverse("ecosystem_stewardship:organisations"))
    expected = {"anonymous": 302, "steward of another": 200}.get(role, 403)
    assert response.status_code == expected
    assert Proposal.objects.count() == 0


def test_a_steward_cannot_propose_for_another_organisations_records(client, steward, register):
    client.force_login(steward)
    for kind, pk in (
        ("service", register["other"].pk),
        ("organisation", register["theirs"].pk),
        ("new", register["theirs"].pk),
        ("service", "00000000-0000-4000-8000-000000000000"),
    ):
        assert client.get(propose_url(kind, pk)).status_code == 403
        data = service_post_data(register["service"], name_sv="X")
        assert client.post(propose_url(kind, pk), data).status_code == 403
    assert Proposal.objects.count() == 0


def test_a_steward_who_is_no_longer_a_partner_is_no_steward(client, steward, register):
    steward.groups.clear()
    client.force_login(steward)
    assert client.get(propose_url("service", register["service"].pk)).status_code == 403


def test_proposals_are_rate_limited(client, steward, register, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "stewardship_proposal": "2/h/user",
    }
    client.force_login(steward)
    url = propose_url("service", register["service"].pk)
    for name in ("A", "B"):
        data = service_post_data(register["service"], name_sv=name)
        assert client.post(url, data).status_code == 302
    data = service_post_data(register["service"], name_sv="C")
    assert client.post(url, data).status_code == 429
    assert Proposal.objects.count() == 2


def test_typed_text_reaches_the_pages_as_text(client, steward, register):
    client.force_login(steward)
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = service_post_data(register["service"], name_sv=attack, description_en=attack)
    assert client.post(propose_url("service", register["service"].pk), data).status_code == 302
    page = client.get(reverse("ecosystem_stewardship:organisations")).content.decode()
    assert attack not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    data = service_post_data(register["service"], name_en=attack, minimum_age="x")
    page = client.post(propose_url("service", register["service"].pk), data).content.decode()
    assert attack not in page


def test_referral_choices_are_the_services_own_employment_area(client, steward, register):
    """In a national register the choice lists hold one employment area's services (plus those
    serving everywhere and those already linked), not every service in Finland."""
    area = Municipality.objects.create(code="186", name_fi="Järvenpää", employment_area="Keski")
    register["tuusula"].employment_area = "Keski"
    register["tuusula"].save()
    far_town = Municipality.objects.create(code="091", name_fi="Helsinki", employment_area="Hki")
    service = register["service"]
    service.municipalities.set([register["tuusula"]])
    service.save()  # a ParentalManyToManyField writes on save
    neighbour = ServiceFactory(name_fi="Naapurin palvelu")
    neighbour.municipalities.set([area])
    neighbour.save()  # a ParentalManyToManyField writes on save
    far = ServiceFactory(name_fi="Kaukainen palvelu")
    far.municipalities.set([far_town])
    far.save()  # a ParentalManyToManyField writes on save
    linked_far = ServiceFactory(name_fi="Kaukainen kumppani")
    linked_far.municipalities.set([far_town])
    linked_far.save()  # a ParentalManyToManyField writes on save
    Relation.objects.create(
        source_service=service, target_service=linked_far, relation_type="referral"
    )
    client.force_login(steward)
    page = client.get(propose_url("service", service.pk)).content.decode()
    assert "Naapurin palvelu" in page
    assert "Toisen palvelu" in page  # no municipality: serves everywhere
    assert "Kaukainen kumppani" in page  # already linked
    assert "Kaukainen palvelu" not in page
    assert 'data-filters="id_referrals_to_list"' in page
    # A service outside the choices cannot be posted either.
    data = service_post_data(service, referrals_to=[far.pk])
    response = client.post(propose_url("service", service.pk), data)
    assert response.status_code == 400
    assert f"{far.pk} ei ole vaihtoehtojen joukossa" in response.content.decode()
    assert not Proposal.objects.exists()
