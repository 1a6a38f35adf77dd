"""Pages shared by audience (portal.page_cache.AudiencePageCacheMiddleware): signed-in users of
one audience get the page stored for it, with a CSRF token of their own; nobody gets what
another audience, another steward or a password holder sees."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from cms_pages.models import StandardPage
from ecosystem.models import Service
from portal.accounts.models import Stewardship
from portal.accounts.roles import NETWORK_PARTNERS, STEERING_GROUP

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def portal_site(site_and_steering_demo, demo_register):
    """The demo site with its steering area, the service map page and the demo register."""
    from ecosystem.demo import map_page as map_demo

    map_demo.load()
    from ecosystem.models.map_page import EcosystemMapPage

    return EcosystemMapPage.objects.get(locale__language_code="fi").url


def signed_in(user) -> Client:
    """A browser of the user's own, signed in, that checks CSRF tokens as a real one is
    checked."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def token_of(response) -> str:
    return TOKEN.search(response.content.decode()).group(1)


def without_token(response) -> str:
    return TOKEN.sub("", response.content.decode())


def test_a_second_member_of_the_audience_gets_the_stored_page_with_a_token_of_their_own(
    portal_site, make_account
):
    first = signed_in(make_account("ohry-1@example.org", groups=[STEERING_GROUP]))
    second_user = make_account("ohry-2@example.org", groups=[STEERING_GROUP])
    second = signed_in(second_user)

    stored = first.get(portal_site)
    assert stored.status_code == 200 and stored["X-Page-Cache"] == "audience-miss"
    served = second.get(portal_site)
    assert served.status_code == 200 and served["X-Page-Cache"] == "audience-hit"
    assert without_token(served) == without_token(stored)
    assert "Content-Security-Policy" in served and "Cookie" in served["Vary"]

    # The sign-out form of the stored page carries the second user's own token: it works.
    response = second.post(reverse("account_logout"), {"csrfmiddlewaretoken": token_of(served)})
    assert response.status_code == 302
    assert "_auth_user_id" not in second.session
    # The first user's token would not have done it for the second.
    third = signed_in(second_user)
    refused = third.post(reverse("account_logout"), {"csrfmiddlewaretoken": token_of(stored)})
    assert refused.status_code == 403
    assert third.session.get("_auth_user_id") == str(second_user.pk)


def test_each_audience_gets_its_own_page(portal_site, make_account):
    steering = signed_in(make_account("ohry@example.org", groups=[STEERING_GROUP]))
    partner = signed_in(make_account("kumppani@example.org", groups=[NETWORK_PARTNERS]))

    assert steering.get(portal_site)["X-Page-Cache"] == "audience-miss"
    page = partner.get(portal_site)
    assert page["X-Page-Cache"] == "audience-miss"
    steering_page = steering.get(portal_site)
    assert steering_page["X-Page-Cache"] == "audience-hit"
    # The steering group's area is linked in the steering member's header only.
    assert "Ohjausryhmä" in steering_page.content.decode()
    assert "Ohjausryhmä" not in page.content.decode()


def test_a_waiting_message_is_shown_on_a_page_rendered_for_it(
    client, portal_site, make_account, sign_in
):
    user = make_account("viesti@example.org", groups=[STEERING_GROUP])
    sign_in(client, user)  # leaves "Signed in as …" for the next page
    shown = client.get(portal_site)
    assert "X-Page-Cache" not in shown
    assert "viesti@example.org" in shown.content.decode()
    after = client.get(portal_site)
    assert after["X-Page-Cache"] == "audience-miss"  # the page with the message was not kept
    assert "viesti@example.org" not in after.content.decode()
    assert client.get(portal_site)["X-Page-Cache"] == "audience-hit"


def test_editors_pages_are_rendered_for_them_and_never_kept(portal_site, staff_user):
    """The Wagtail user bar carries the editor's own admin theme."""
    editor = signed_in(staff_user)
    for _ in range(2):
        response = editor.get("/")
        assert response.status_code == 200
        assert "wagtail-userbar-template" in response.content.decode()
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "audience-miss"


def test_a_page_behind_a_password_is_never_kept(portal_site, make_account, settings):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    secret = home.add_child(instance=StandardPage(title="Salainen sivu", slug="salainen"))
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="avaa-2026"
    )
    holder = signed_in(make_account("avain@example.org", groups=[NETWORK_PARTNERS]))
    other = signed_in(make_account("ei-avainta@example.org", groups=[NETWORK_PARTNERS]))

    form = holder.get(secret.url)
    assert "Salainen sivu" not in form.content.decode() or "password" in form.content.decode()
    restriction = PageViewRestriction.objects.get(page=secret)
    opened = holder.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.id, secret.id]),
        {"password": "avaa-2026", "return_url": secret.url, "csrfmiddlewaretoken": token_of(form)},
    )
    assert opened.status_code == 302
    assert holder.get(secret.url).status_code == 200
    assert holder.get(secret.url).get("X-Page-Cache") != "audience-hit"
    asked = other.get(secret.url)
    assert asked.get("X-Page-Cache") != "audience-hit"
    assert 'name="password"' in asked.content.decode()


def test_a_page_for_a_group_is_not_served_to_someone_outside_it(portal_site, make_account):
    home = Page.objects.get(depth=2, locale__language_code="fi")
    page = home.add_child(instance=StandardPage(title="Kelan työryhmän sivu", slug="kela-ryhma"))
    group = Group.objects.create(name="Kelan työryhmä")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    member_user = make_account("kela@example.org", groups=[NETWORK_PARTNERS])
    member_user.groups.add(group)
    member = signed_in(member_user)
    outsider = signed_in(make_account("muu@example.org", groups=[NETWORK_PARTNERS]))

    assert member.get(page.url).status_code == 200
    assert member.get(page.url)["X-Page-Cache"] == "audience-hit"
    refused = outsider.get(page.url)
    assert refused.status_code in (302, 403)
    assert "Kelan työryhmän sivu" not in refused.content.decode()


def test_a_change_makes_every_kept_page_stale(portal_site, make_account):
    reader = signed_in(make_account("lukija@example.org", groups=[NETWORK_PARTNERS]))
    reader.get("/")
    assert reader.get("/")["X-Page-Cache"] == "audience-hit"
    home = Page.objects.get(depth=2, locale__language_code="fi").specific
    home.title = "Uusi etusivun otsikko"
    home.save_revision().publish()
    response = reader.get("/")
    assert response["X-Page-Cache"] == "audience-miss"
    assert "Uusi etusivun otsikko" in response.content.decode()


def test_a_steward_gets_the_proposal_link_and_a_fellow_partner_does_not(portal_site, make_account):
    service = Service.objects.filter(organisation_roles__isnull=False, visibility="public")[0]
    organisation = service.organisation_roles.first().organisation
    steward_user = make_account("hoitaja@example.org", groups=[NETWORK_PARTNERS])
    Stewardship.objects.create(user=steward_user, organisation=organisation)
    steward = signed_in(steward_user)
    fellow = signed_in(make_account("kollega@example.org", groups=[NETWORK_PARTNERS]))
    url = f"/api/ecosystem/nodes/svc:{service.pk}.json"

    assert steward.get(url).json()["propose_url"]
    assert steward.get(url)["X-Page-Cache"] == "audience-hit"
    answer = fellow.get(url)
    assert answer["X-Page-Cache"] == "audience-miss"
    assert answer.json()["propose_url"] == ""


def test_a_kept_page_costs_four_queries(portal_site, make_account, django_assert_num_queries):
    """The session, the user, the user's groups and whether the user has permissions of their
    own: the page itself (31 queries rendered) costs none."""
    reader = signed_in(make_account("laskuri@example.org", groups=[STEERING_GROUP]))
    reader.get(portal_site)
    reader.get(portal_site)  # the sign-in's activity was recorded on the first
    with django_assert_num_queries(4):
        assert reader.get(portal_site)["X-Page-Cache"] == "audience-hit"
