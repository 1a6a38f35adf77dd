"""The map page, its text view and API: who sees what, caching, safety, CSV, query counts."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ecosystem.map.data import WARMING_KEY
from ecosystem.models import Organisation, Service
from tests.ecosystem.map.conftest import SECRET_NAME, make_service, referral, soup

# Fixtures are requested by name (getfixturevalue): the marker orders these tests with the
# other database tests, before transactional ones flush what migrations created.
pytestmark = pytest.mark.django_db

XSS_NAME = '<img src=x onerror="window.__xss=1">"><script>window.__xss=2</script>'


def text_url(query=""):
    return reverse("ecosystem:map_text") + query


def api_url(name, query=""):
    return reverse(f"ecosystem:{name}") + query


def node_url(record):
    kind = "svc" if isinstance(record, Service) else "org"
    return reverse("ecosystem:node_json", args=[f"{kind}:{record.pk}"])


def map_data(response):
    """The JSON the page hands to its script (json_script)."""
    return json.loads(soup(response).find("script", id="eco-map-data").string)


# --- The page -------------------------------------------------------------------------------


def test_demo_map_page_is_in_the_main_navigation_in_every_language(client, register, map_site):
    assert set(map_site) == {"fi", "sv", "en"}
    response = client.get("/")
    nav = soup(response).find("nav", class_="main-nav")
    assert "Palvelukartta" in nav.get_text()
    english = client.get(map_site["en"].url)
    assert english.status_code == 200
    assert soup(english).find("h1").get_text() == "Service map"


def test_map_demo_loader_is_idempotent(map_site):
    from ecosystem.demo import map_page as map_demo

    assert map_demo.load() == ""
    from ecosystem.models.map_page import EcosystemMapPage

    assert EcosystemMapPage.objects.count() == 3


def test_map_page_has_labelled_controls_canvas_and_text_view(client, register, map_url):
    page = soup(client.get(map_url))
    form = page.find("form", id="eco-controls")
    assert form["method"] == "get"
    for control in form.find_all(["select", "input"]):
        if control.get("type") in ("hidden", "checkbox"):
            continue
        assert page.find("label", attrs={"for": control["id"]}), control
    canvas = page.find(attrs={"data-eco-canvas": True})
    assert "services" in canvas["aria-label"] or "palvelu" in canvas["aria-label"]
    text_view = page.find(id="text-view")
    assert "Palveluohjaus" in text_view.get_text()
    assert "Työkokeilu" in text_view.get_text()


def test_anonymous_visitors_see_public_records_only_everywhere(client, register, map_url):
    page = client.get(map_url)
    assert SECRET_NAME not in page.content.decode()
    refs = {node["ref"] for node in map_data(page)["payload"]["nodes"]}
    assert f"svc:{register.secret.pk}" not in refs
    assert SECRET_NAME not in client.get(text_url()).content.decode()
    assert SECRET_NAME not in client.get(api_url("map_json")).content.decode()
    assert SECRET_NAME not in client.get(api_url("map_csv")).content.decode("utf-8-sig")
    assert client.get(node_url(register.secret)).status_code == 404
    assert client.get(node_url(register.hidden_org)).status_code == 404
    details = client.get(node_url(register.guidance)).json()
    others = {relation["other"]["name"] for relation in details["relations"]}
    assert SECRET_NAME not in others
    assert all("evidence" not in relation for relation in details["relations"])


@pytest.mark.parametrize("role", ["partner_user", "steering_user", "staff_user", "admin_user"])
def test_partners_steering_group_and_staff_see_partner_only_records(
    client, register, map_url, sign_in, request, role
):
    sign_in(client, request.getfixturevalue(role))
    page = client.get(map_url)
    assert SECRET_NAME in page.content.decode()
    assert SECRET_NAME in client.get(text_url()).content.decode()
    assert SECRET_NAME in client.get(api_url("map_json")).content.decode()
    assert SECRET_NAME in client.get(api_url("map_csv")).content.decode("utf-8-sig")
    details = client.get(node_url(register.secret)).json()
    assert details["partner_only"] is True
    guidance = client.get(node_url(register.guidance)).json()
    assert "Kumppanisopimus" in {r.get("evidence") for r in guidance["relations"]}


def test_a_signed_in_user_without_a_role_sees_public_records_only(
    client, register, map_url, make_account, sign_in
):
    sign_in(client, make_account("nobody@example.org"))
    assert SECRET_NAME not in client.get(map_url).content.decode()


def test_anonymous_map_page_is_cacheable(client, register, map_url):
    first = client.get(map_url + "?tg=young_people")
    assert first.status_code == 200
    assert not first.cookies
    assert "csrfmiddlewaretoken" not in first.content.decode()
    assert first["X-Page-Cache"] == "miss"
    assert client.get(map_url + "?tg=young_people")["X-Page-Cache"] == "hit"
    assert "script-src 'self'" in first["Content-Security-Policy"]


def test_no_inline_script_or_style_in_the_page(client, register, map_url):
    page = soup(client.get(map_url + f"?path={register.path.pk}&tg=young_people&mun=858"))
    for script in page.find_all("script"):
        assert script.get("src") or script.get("type") == "application/json", script
    assert not page.find(attrs={"style": True})
    assert not page.find("style")
    for tag in page.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), tag


def test_database_text_reaches_the_page_as_text(client, register, map_url):
    Service.objects.filter(pk=register.coaching.pk).update(
        name_fi=XSS_NAME, description_fi=XSS_NAME
    )
    # short_name is at most 64 characters (PostgreSQL enforces it): a shorter payload there.
    Organisation.objects.filter(pk=register.town.pk).update(
        short_name='<img src=x onerror="window.__xss=3">'
    )
    cache.clear()
    response = client.get(map_url + f"?path={register.path.pk}")
    html = response.content.decode()
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    page = soup(response)
    assert not page.find("img", src="x")
    assert XSS_NAME in map_data(response)["payload"]["nodes"][0]["label"] or any(
        node["label"] == XSS_NAME for node in map_data(response)["payload"]["nodes"]
    )
    assert XSS_NAME in page.find(id="text-view").get_text()
    text = client.get(text_url()).content.decode()
    assert "<script>window.__xss" not in text
    details = client.get(node_url(register.coaching)).json()
    assert details["name"] == XSS_NAME  # JSON carries it as data; the script sets textContent


def test_filters_in_the_address_drive_page_text_view_and_api(client, register, map_url):
    query = "?tg=immigrants&mun=858"
    page = map_data(client.get(map_url + query))
    refs = {node["ref"] for node in page["payload"]["nodes"]}
    assert f"svc:{register.coaching.pk}" not in refs
    assert f"svc:{register.guidance.pk}" in refs
    assert (
        "Nuorten valmennus" not in soup(client.get(text_url(query))).find(id="text-view").get_text()
    )
    api = client.get(api_url("map_json", query)).json()
    assert {node["ref"] for node in api["nodes"]} == refs
    selected = (
        soup(client.get(map_url + query)).find("select", id="eco-tg").find("option", selected=True)
    )
    assert selected["value"] == "immigrants"


def test_the_map_writes_an_organisations_short_name_in_the_language(client, register):
    Organisation.objects.filter(pk=register.te.pk).update(short_name_sv="AN")
    cache.clear()  # an update() sends no signal: the cached map would not know
    for language, expected in (("sv", "AN"), ("en", "TE"), ("fi", "TE")):
        with translation.override(language):
            nodes = client.get(api_url("map_json")).json()["nodes"]
            details = client.get(node_url(register.te)).json()
        label = next(node["label"] for node in nodes if node["ref"] == f"org:{register.te.pk}")
        assert label == expected, language
        facts = {fact["key"]: fact["value"] for fact in details["facts"]}
        assert facts["short_name"] == expected, language


def test_bad_query_values_give_a_clear_note_not_an_error(client, register, map_url):
    response = client.get(map_url + "?tg=%3Cb%3E&mun=9999&focus=svc:zzz&k=abc&rel=nope")
    assert response.status_code == 200
    notes = soup(response).find(class_="eco-notes")
    assert notes is not None and len(notes.find_all("li")) == 4
    assert client.get(api_url("map_json", "?start=org:nope&situation=xyz")).status_code == 200
    assert client.get("/api/ecosystem/nodes/svc:not-a-uuid.json").status_code == 404


def test_path_and_routes_show_as_numbered_lists(client, register, map_url):
    response = client.get(
        map_url + f"?tg=young_people&mun=858&path={register.path.pk}"
        f"&start=svc:{register.guidance.pk}&goal=work"
    )
    page = soup(response)
    path_steps = page.find("ol", attrs={"data-eco-steps": "path"}).find_all("li", recursive=False)
    assert [item["data-step"] for item in path_steps] == ["1", "2", "3"]
    assert "eco-steps__step--handoff" in path_steps[1]["class"]
    route = page.find("ol", attrs={"data-eco-steps": "route-1"})
    assert "Nuorten valmennus" in route.get_text()
    data = map_data(response)
    assert data["routes"][0]["nodes"][0] == f"svc:{register.guidance.pk}"


def test_no_route_is_said_in_words(client, register, map_url):
    response = client.get(map_url + f"?tg=immigrants&mun=858&start=svc:{register.guidance.pk}")
    none = soup(response).find(class_="eco-routes__none")
    assert none is not None and "Tuusula" in none.get_text()


def test_csv_honours_filters_and_neutralises_formulas(client, register):
    Service.objects.filter(pk=register.trial.pk).update(name_fi='=HYPERLINK("x")')
    cache.clear()
    response = client.get(api_url("map_csv", "?tg=young_people&mun=858"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = {row[2] for row in rows[1:]}
    assert '\'=HYPERLINK("x")' in names
    assert "Helsingin valmennus" not in names
    relations = client.get(api_url("map_csv", "?table=relations"))
    relation_rows = list(
        csv.reader(io.StringIO(relations.content.decode("utf-8-sig")), delimiter=";")
    )
    assert len(relation_rows) == 1 + 5  # header + public relations


def test_service_path_endpoint(client, register):
    response = client.get(reverse("ecosystem:path_json", args=[register.path.pk]))
    assert [step["number"] for step in response.json()["steps"]] == [1, 2, 3]
    register.path.visibility = "partners"
    register.path.save()
    cache.clear()
    assert client.get(reverse("ecosystem:path_json", args=[register.path.pk])).status_code == 404


def test_embedded_block_renders_a_filtered_map(rf, register, map_site):
    from django.contrib.auth.models import AnonymousUser

    from ecosystem.models.map_block import EcosystemMapBlock

    block = EcosystemMapBlock()
    value = block.to_python(
        {"heading": "Maahanmuuttajien palvelut", "target_group": "immigrants", "relation_types": []}
    )
    request = rf.get("/")
    request.user = AnonymousUser()
    html = block.render(value, context={"request": request})
    page = soup(type("R", (), {"content": html.encode()})())
    data = json.loads(page.find("script", type="application/json").string)
    refs = {node["ref"] for node in data["payload"]["nodes"]}
    assert f"svc:{register.coaching.pk}" not in refs and f"svc:{register.guidance.pk}" in refs
    assert page.find("h2").get_text() == "Maahanmuuttajien palvelut"
    assert page.find("a", href=lambda href: href and "tg=immigrants" in href)


# --- Query counts ---------------------------------------------------------------------------


def grow(register, count):
    """Add `count` services, each run by a new organisation and referred from guidance."""
    for number in range(count):
        organisation = Organisation.objects.create(
            name_fi=f"Lisätoimija {number}", organisation_type="ngo"
        )
        service = make_service(f"Lisäpalvelu {number}", organisation, places=[register.tuusula])
        referral(register.guidance, service)


def queries(client, url):
    cache.clear()  # a cold cache: the graph is built
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url_name",
    ["page", "text", "map_json", "map_csv"],
)
def test_query_counts_do_not_grow_with_the_data(client, register, map_url, url_name):
    url = {
        "page": map_url + f"?path={register.path.pk}",
        "text": text_url(),
        "map_json": api_url("map_json"),
        "map_csv": api_url("map_csv"),
    }[url_name]
    small = queries(client, url)
    grow(register, 25)
    assert queries(client, url) == small


def test_pinned_query_counts(client, register, map_url):
    # Cold caches: the graph is built (its fixed number of queries); the page also finds its
    # Wagtail page, what the steering area's serving hook checks (its restricted paths are
    # cached, but the cache is cold here) and the site shell; the side panel reads one record
    # and its relations.
    expected = {"page": 27, "text": 22, "map_json": 13, "node_json": 6}
    urls = {
        "page": map_url,
        "text": text_url(),
        "map_json": api_url("map_json"),
        "node_json": node_url(register.guidance),
    }
    assert {name: queries(client, url) for name, url in urls.items()} == expected
    # Warm caches: the map itself costs no query (a new address, so not the page cache).
    client.get(api_url("map_json"))
    with CaptureQueriesContext(connection) as captured:
        client.get(api_url("map_json") + "?x=1")
    assert len(captured) == 0


# --- The map page's part, cached per audience (ecosystem.templatetags.service_map) ----------


def test_the_cached_map_part_never_crosses_audiences(client, register, map_url, sign_in, request):
    partner = client.__class__()
    sign_in(partner, request.getfixturevalue("partner_user"))
    assert SECRET_NAME in partner.get(map_url).content.decode()
    assert SECRET_NAME in partner.get(map_url).content.decode()  # from the cache
    assert SECRET_NAME not in client.get(map_url).content.decode()
    assert SECRET_NAME not in client.get(map_url + "?tg=young_people").content.decode()
    assert SECRET_NAME in partner.get(map_url + "?tg=young_people").content.decode()


def test_a_register_edit_shows_at_once_on_a_signed_in_map_page(
    client, register, map_url, sign_in, partner_user, django_capture_on_commit_callbacks
):
    sign_in(client, partner_user)
    client.get(map_url)
    register.secret.name_fi = "Uudelleen nimetty kumppanipalvelu"
    with django_capture_on_commit_callbacks(execute=True):  # the new data version
        register.secret.save()
    # While the background warm-up runs, the previous map answers (marked stale, never
    # cached as the page's part); once it is done, the new one.
    client.get(map_url)
    cache.delete(WARMING_KEY)
    content = client.get(map_url).content.decode()
    assert "Uudelleen nimetty kumppanipalvelu" in content
    assert SECRET_NAME not in content


def test_a_signed_in_map_page_renders_only_the_shell_around_its_cached_part(
    client, register, map_url, sign_in, partner_user
):
    sign_in(client, partner_user)
    with CaptureQueriesContext(connection) as first:
        client.get(map_url)
    with CaptureQueriesContext(connection) as again:
        response = client.get(map_url)
    assert SECRET_NAME in response.content.decode()
    # Session, user and role, the page's route and privacy, the shell: never the register.
    # (The first page showed the sign-in message, so it was not kept for the audience.)
    register_tables = ("ecosystem_service", "ecosystem_organisation", "ecosystem_relation")
    assert not [q for q in again.captured_queries if any(t in q["sql"] for t in register_tables)]
    assert response["X-Page-Cache"] == "audience-miss"
    # Then the whole page is kept for the audience (portal.page_cache): session, user, groups,
    # own permissions, stewarded organisations.
    with CaptureQueriesContext(connection) as kept:
        assert client.get(map_url)["X-Page-Cache"] == "audience-hit"
    assert (len(first), len(again), len(kept)) == (36, 17, 5)


def test_node_details_are_cached_per_audience_and_data_version(
    client, register, sign_in, partner_user, django_capture_on_commit_callbacks
):
    assert client.get(node_url(register.secret)).status_code == 404  # cached as not visible
    partner = client.__class__()
    sign_in(partner, partner_user)
    assert partner.get(node_url(register.secret)).json()["name"] == SECRET_NAME
    with CaptureQueriesContext(connection) as again:
        assert partner.get(node_url(register.secret)).json()["name"] == SECRET_NAME
    assert not [q for q in again.captured_queries if "ecosystem_" in q["sql"]]
    assert client.get(node_url(register.secret)).status_code == 404
    register.secret.name_fi = "Uudelleen nimetty kumppanipalvelu"
    with django_capture_on_commit_callbacks(execute=True):
        register.secret.save()
    assert partner.get(node_url(register.secret)).json()["name"] == register.secret.name_fi
