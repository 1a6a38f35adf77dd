"""The site search finds the register's organisations and services in the viewer's language,
puts exact name matches first, labels every result with its kind and shows snippets as text."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ecosystem.models import Organisation, Service, ServiceOrganisation
from ecosystem.register.permalinks import record_page_url


@pytest.fixture(autouse=True)
def _finnish_and_no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0
    with translation.override("fi"):
        yield


@pytest.fixture
def register(db):
    kela = Organisation.objects.create(
        name_fi="Kansaneläkelaitos",
        name_sv="Folkpensionsanstalten",
        short_name="Kela",
        short_name_sv="FPA",
        organisation_type="state_agency",
        description_fi="Kelan etuudet ja <b>kuntoutus</b>.",
    )
    ohjaamo = Service.objects.create(
        name_fi="Ohjaamo",
        name_sv="Ohjaamo – vägledning för unga",
        description_fi="Matalan kynnyksen palvelu nuorille.",
        description_sv="Lågtröskeltjänst för unga.",
        service_class="guidance",
    )
    ServiceOrganisation.objects.create(service=ohjaamo, organisation=kela)
    Service.objects.create(
        name_fi="Ohjaamon Duuniviikko",
        description_fi="Rekrytapahtuma, jonka järjestää Ohjaamo.",
        service_class="employment",
    )
    Service.objects.create(
        name_fi="Kehittämisen pilotti (Ohjaamo)",
        service_class="coaching",
        visibility="partners",
    )
    return {"kela": kela, "ohjaamo": ohjaamo}


def _results(response):
    body = response.content.decode()
    items = re.findall(r'<li class="search-results__item[^"]*">(.*?)</li>', body, re.S)
    found = []
    for item in items:
        kind = re.search(r'search-results__kind">([^<]*)<', item).group(1)
        link = re.search(r'<a href="([^"]+)">([^<]*)</a>', item)
        snippet = re.search(r'search-results__snippet">([^<]*)<', item)
        found.append(
            {
                "kind": kind,
                "url": link.group(1),
                "title": html.unescape(link.group(2)),
                "snippet": html.unescape(snippet.group(1)) if snippet else "",
            }
        )
    return found


def test_kela_finds_the_organisation_by_its_short_name(client, register):
    results = _results(client.get("/search/", {"q": "kela"}))
    assert results[0]["title"] == "Kansaneläkelaitos"
    assert results[0]["kind"] == "Organisaatio"
    kela = register["kela"]
    assert results[0]["url"] == record_page_url("org", kela.pk, kela.name_fi)
    # The snippet is text: the description's markup is shown as typed, never a tag.
    assert results[0]["snippet"] == "Kelan etuudet ja <b>kuntoutus</b>."


def test_swedish_search_finds_the_organisation_by_its_swedish_short_name(client, register):
    results = _results(client.get("/sv/search/", {"q": "FPA"}))
    assert results[0]["title"] == "Folkpensionsanstalten"
    # The Finnish short name still finds it in Swedish; the Swedish one is no Finnish word.
    assert _results(client.get("/sv/search/", {"q": "Kela"}))[0]["title"] == "Folkpensionsanstalten"
    assert _results(client.get("/search/", {"q": "FPA"})) == []


def test_the_exact_name_comes_first_and_partner_only_records_stay_hidden(client, register):
    results = _results(client.get("/search/", {"q": "Ohjaamo"}))
    titles = [result["title"] for result in results]
    assert titles[0] == "Ohjaamo"
    assert results[0]["kind"] == "Palvelu"
    assert "Ohjaamon Duuniviikko" in titles
    assert "Kehittämisen pilotti (Ohjaamo)" not in titles


def test_a_partner_finds_partner_only_records(client, register, partner_user):
    client.force_login(partner_user)
    titles = [r["title"] for r in _results(client.get("/search/", {"q": "Ohjaamo"}))]
    assert "Kehittämisen pilotti (Ohjaamo)" in titles


def test_swedish_search_uses_swedish_names_and_addresses(client, register):
    results = _results(client.get("/sv/search/", {"q": "vägledning"}))
    assert results[0]["title"] == "Ohjaamo – vägledning för unga"
    assert results[0]["kind"] == "Tjänst"
    assert results[0]["url"].startswith("/sv/register/tjanster/ohjaamo-")
    assert results[0]["snippet"] == "Lågtröskeltjänst för unga."


def test_pages_are_labelled_too(client, register):
    from wagtail.models import Page

    from cms_pages.events import EventPage
    from cms_pages.news import NewsPage
    from cms_pages.search_views import _page_kind
    from newsletter.models.pages import NewsletterIssuePage

    assert _page_kind(NewsPage(title="x")) == "news"
    assert _page_kind(EventPage(title="x")) == "event"
    assert _page_kind(NewsletterIssuePage(title="x")) == "newsletter"
    assert _page_kind(Page(title="x")) == "page"


def test_an_empty_or_control_character_query_shows_the_form(client, register):
    response = client.get("/search/", {"q": "\x00\x01 "})
    assert response.status_code == 200
    assert _results(response) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL")
def test_finnish_stemming_on_postgresql(client, register):
    # "palvelut" (plural) finds the description's "palvelu".
    titles = [r["title"] for r in _results(client.get("/search/", {"q": "palvelut"}))]
    assert "Ohjaamo" in titles


def test_search_page_is_styled_and_labelled(client, register):
    body = client.get("/search/", {"q": "Ohjaamo"}).content.decode()
    assert "css/records.css" in body
    assert "Hae sivuja, uutisia, tapahtumia, organisaatioita ja palveluita" in body


# --- The results cache (cms_pages.search_views._results) ----------------------------------


def _titles(response) -> list[str]:
    return [result["title"] for result in _results(response)]


def test_a_repeated_search_is_answered_from_the_cache(client, register, django_assert_num_queries):
    with CaptureQueriesContext(connection) as searched:
        first = client.get("/search/", {"q": "Ohjaamo"})
    assert len(searched) > 6  # pages (search index), organisations, services, the shell
    # The same query, typed differently (spaces), is the same cleaned query.
    with django_assert_num_queries(3):  # the page around the results: the shell only
        again = client.get("/search/", {"q": "  Ohjaamo "})
    assert _results(again) == _results(first)


def test_partners_and_visitors_never_share_cached_results(client, register, partner_user):
    assert "Kehittämisen pilotti (Ohjaamo)" not in _titles(client.get("/search/", {"q": "Ohjaamo"}))
    client.force_login(partner_user)
    assert "Kehittämisen pilotti (Ohjaamo)" in _titles(client.get("/search/", {"q": "Ohjaamo"}))
    client.logout()
    assert "Kehittämisen pilotti (Ohjaamo)" not in _titles(client.get("/search/", {"q": "Ohjaamo"}))


def test_an_edit_shows_in_the_next_search(client, register):
    assert "Ohjaamo" in _titles(client.get("/search/", {"q": "Ohjaamo"}))
    ohjaamo = register["ohjaamo"]
    ohjaamo.name_fi = "Nuorten Ohjaamo Keski-Uusimaa"
    ohjaamo.save()
    titles = _titles(client.get("/search/", {"q": "Ohjaamo"}))
    assert "Nuorten Ohjaamo Keski-Uusimaa" in titles
    assert "Ohjaamo" not in titles
    ohjaamo.visibility = "partners"
    ohjaamo.save()
    assert "Nuorten Ohjaamo Keski-Uusimaa" not in _titles(client.get("/search/", {"q": "Ohjaamo"}))


def test_each_language_has_its_own_cached_results(client, register):
    assert _results(client.get("/search/", {"q": "Ohjaamo"}))[0]["kind"] == "Palvelu"
    assert _results(client.get("/sv/search/", {"q": "Ohjaamo"}))[0]["kind"] == "Tjänst"
