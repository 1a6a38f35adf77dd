"""GET /api/ecosystem/graph.json and the visibility of /api/ecosystem/paths/<uuid>.json."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosystem.demo.synthetic import generate
from ecosystem.map import graph_api
from ecosystem.models import Organisation, Relation, Service, ServicePath, ServicePathStep
from ecosystem.network.graph import build_graph
from ecosystem.register.versioning import _set_new_version

pytestmark = pytest.mark.django_db

# Cold: the register's target groups and municipalities (2) + the graph without paths (10).
COLD_QUERIES = 12


def graph_url(query: str = "", language: str = "fi") -> str:
    path = "/api/ecosystem/graph.json"
    return (path if language == "fi" else f"/{language}{path}") + query


def get_all(client, query: str = "", language: str = "fi") -> tuple[list, list]:
    """Every node and edge, following the `next` links."""
    nodes, edges = [], []
    url = graph_url(query, language)
    while url:
        data = client.get(url).json()
        nodes += data["nodes"]
        edges += data["edges"]
        url = data["next"]
    return nodes, edges


@pytest.fixture
def partner_client(client, partner_user):
    client.force_login(partner_user)
    return client


def test_anonymous_callers_get_the_public_graph_with_a_documented_shape(client, demo_register):
    response = client.get(graph_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    data = response.json()
    public = build_graph(public_only=True, include_paths=False)
    assert data["public_only"] is True
    assert data["language"] == "fi"
    assert data["count"] == {"nodes": public.number_of_nodes(), "edges": public.number_of_edges()}
    assert (data["page"], data["pages"], data["next"], data["previous"]) == (1, 1, None, None)
    nodes = {node["id"]: node for node in data["nodes"]}
    prefixes = {"organisation": "org", "service": "svc"}
    assert {f"{prefixes[n['kind']]}:{n['id']}" for n in data["nodes"]} == set(public.nodes)
    assert not any(node["partners_only"] for node in data["nodes"])
    assert not any(edge["partners_only"] for edge in data["edges"])
    for edge in data["edges"]:
        assert edge["source"] in nodes and edge["target"] in nodes
        uuid.UUID(edge["id"])
    kela = nodes[str(Organisation.objects.get(short_name="Kela").pk)]
    assert kela == {
        "id": kela["id"],
        "kind": "organisation",
        "type": "state_agency",
        "name": "Kela",
        "short_name": "Kela",
        "parent": None,
        "consortium_member": False,
        "target_groups": [],
        "municipalities": ["106", "186", "505", "543", "611", "858"],
        "partners_only": False,
    }
    ohjaamo = nodes[str(Service.objects.get(name_fi="Ohjaamo").pk)]
    assert (ohjaamo["kind"], ohjaamo["type"], ohjaamo["target_groups"]) == (
        "service",
        "guidance",
        ["young_people"],
    )
    relation = Relation.objects.get(
        source_service__name_fi="TYM – työllistymistä edistävä monialainen yhteispalvelu",
        target_service__name_fi="Kuntouttava työtoiminta",
    )
    [edge] = [edge for edge in data["edges"] if edge["id"] == str(relation.pk)]
    assert edge == {
        "id": str(relation.pk),
        "kind": "relation",
        "type": "referral",
        "source": str(relation.source_service_id),
        "target": str(relation.target_service_id),
        "direction": "directed",
        "target_groups": ["long_term_unemployed"],
        "valid_from": None,
        "valid_to": "2026-12-31",
        "partners_only": False,
    }
    links = [edge for edge in data["edges"] if edge["kind"] == "provides"]
    assert links and {edge["type"] for edge in links} == {"provides"}
    assert data["labels"]["relation_types"]["referral"] == "Ohjaus palveluun"
    # Nodes first (organisations, then services), then edges (relations, then links).
    kinds = [node["kind"] for node in data["nodes"]] + [edge["kind"] for edge in data["edges"]]
    assert kinds == sorted(kinds, key=["organisation", "service", "relation", "provides"].index)


def test_partner_only_records_reach_signed_in_partners_only(client, partner_client, demo_register):
    payments = str(Service.objects.get(name_fi="Maksatustehtävät").pk)
    labore = str(Relation.objects.get(source_organisation__short_name="Labore").pk)
    nodes, edges = get_all(partner_client)
    assert payments in {node["id"] for node in nodes}
    assert next(node for node in nodes if node["id"] == payments)["partners_only"] is True
    assert next(edge for edge in edges if edge["id"] == labore)["partners_only"] is True
    response = partner_client.get(graph_url())
    assert response.json()["public_only"] is False
    assert "private" in response["Cache-Control"]

    # The partners' answer is cached; an anonymous caller asking the same gets the public one.
    client.logout()
    anonymous = client.get(graph_url()).json()
    assert payments not in {node["id"] for node in anonymous["nodes"]}
    assert labore not in {edge["id"] for edge in anonymous["edges"]}
    assert not any(edge["partners_only"] for edge in anonymous["edges"])


def test_a_service_turned_partner_only_leaves_the_public_graph_at_once(client, demo_register):
    ohjaamo = Service.objects.get(name_fi="Ohjaamo")
    assert str(ohjaamo.pk) in {node["id"] for node in client.get(graph_url()).json()["nodes"]}
    ohjaamo.visibility = "partners"
    ohjaamo.save()
    _set_new_version()  # what the save's on_commit hook does after the test transaction
    nodes, edges = get_all(client)
    assert str(ohjaamo.pk) not in {node["id"] for node in nodes}
    assert not any(str(ohjaamo.pk) in (edge["source"], edge["target"]) for edge in edges)


def test_names_come_in_the_request_language_with_finnish_as_fallback(client, demo_register):
    ohjaamo = Service.objects.get(name_fi="Ohjaamo")
    Service.objects.filter(pk=ohjaamo.pk).update(name_sv="")
    for language, expected in (("en", ohjaamo.name_en), ("sv", "Ohjaamo"), ("fi", "Ohjaamo")):
        nodes, _edges = get_all(client, language=language)
        assert next(node for node in nodes if node["id"] == str(ohjaamo.pk))["name"] == expected
    # An organisation's short name too: FPA in Swedish, Kela (no English one) in English.
    kela = Organisation.objects.get(short_name="Kela")
    for language, expected in (("sv", "FPA"), ("en", "Kela"), ("fi", "Kela")):
        nodes, _edges = get_all(client, language=language)
        assert next(node for node in nodes if node["id"] == str(kela.pk))["short_name"] == expected
    english = client.get(graph_url(language="en")).json()
    assert english["language"] == "en"
    assert english["labels"]["relation_types"]["referral"] == "Referral"


def test_filters_keep_what_the_map_filters_keep(client, demo_register):
    nodes, edges = get_all(client, "?tg=immigrants&rel=referral")
    services = [node for node in nodes if node["kind"] == "service"]
    assert services
    assert all(not s["target_groups"] or "immigrants" in s["target_groups"] for s in services)
    relations = [edge for edge in edges if edge["kind"] == "relation"]
    assert relations and {edge["type"] for edge in relations} == {"referral"}
    assert all(not e["target_groups"] or "immigrants" in e["target_groups"] for e in relations)
    everything, _ = get_all(client)
    assert len(nodes) < len(everything)

    ngos, _ = get_all(client, "?otype=ngo&mun=611")
    organisations = [node for node in ngos if node["kind"] == "organisation"]
    assert organisations and {node["type"] for node in organisations} == {"ngo"}
    assert all("611" in node["municipalities"] for node in ngos if node["kind"] == "service")

    # Several relation types: repeated or comma-separated, the same answer.
    repeated = client.get(graph_url("?rel=referral&rel=funding")).json()
    commas = client.get(graph_url("?rel=funding,referral")).json()
    assert repeated["filters"]["rel"] == ["funding", "referral"]
    assert repeated["edges"] == commas["edges"]
    assert {e["type"] for e in repeated["edges"] if e["kind"] == "relation"} == {
        "referral",
        "funding",
    }


def test_pages_put_together_are_the_whole_graph(client, demo_register):
    whole = client.get(graph_url()).json()
    first = client.get(graph_url("?limit=50")).json()
    total = first["count"]["nodes"] + first["count"]["edges"]
    assert first["pages"] == -(-total // 50) > 2
    assert first["next"] == "http://testserver/api/ecosystem/graph.json?limit=50&page=2"
    assert first["previous"] is None
    nodes, edges = get_all(client, "?limit=50")
    assert nodes == whole["nodes"]
    assert edges == whole["edges"]
    last = client.get(graph_url(f"?limit=50&page={first['pages']}")).json()
    assert last["next"] is None
    assert last["previous"].endswith(f"limit=50&page={first['pages'] - 1}")
    # A page may end the nodes and begin the edges.
    boundary = whole["count"]["nodes"] // 50 + 1
    mixed = client.get(graph_url(f"?limit=50&page={boundary}")).json()
    assert mixed["nodes"] and mixed["edges"]

    missing = client.get(graph_url(f"?limit=50&page={first['pages'] + 1}"))
    assert missing.status_code == 404
    assert "error" in missing.json()


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?tg=no_such_group", "tg"),
        ("?tg=<script>", "tg"),
        ("?mun=999", "mun"),
        ("?mun=abc", "mun"),
        ("?otype=castle", "otype"),
        ("?rel=referral,gossip", "rel"),
        ("?page=0", "page"),
        ("?page=two", "page"),
        ("?page=١", "page"),
        ("?limit=10001", "limit"),
        ("?limit=-5", "limit"),
        ("?colour=red", "colour"),
        ("?tg=immigrants&tg=young_people", "tg"),
    ],
)
def test_bad_parameters_get_a_translated_400(client, demo_register, query, parameter):
    response = client.get(graph_url(query, language="en"))
    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "The query was not understood."
    assert [problem["parameter"] for problem in data["errors"]] == [parameter]
    finnish = client.get(graph_url(query)).json()
    assert finnish["error"] != data["error"]
    assert finnish["errors"][0]["message"] != data["errors"][0]["message"]


def test_every_problem_is_reported_at_once(client, demo_register):
    data = client.get(graph_url("?otype=x&rel=y&page=0&limit=0&extra=1", "en")).json()
    assert [problem["parameter"] for problem in data["errors"]] == [
        "extra",
        "otype",
        "rel",
        "page",
        "limit",
    ]
    assert "referral" in data["errors"][2]["message"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_data(client, partner_user, demo_register):
    partner = Client()
    partner.force_login(partner_user)
    counts = {"cold": _queries(client, graph_url()), "warm": _queries(client, graph_url())}
    filtered = _queries(client, graph_url("?tg=immigrants&limit=20&page=2"))
    assert counts == {"cold": COLD_QUERIES, "warm": 0}
    assert filtered == COLD_QUERIES - 2  # the vocabulary is cached already
    _queries(partner, graph_url())  # the first request registers the session
    # Cached: only the signed-in viewer's session, user and roles.
    viewer = _queries(partner, graph_url("?limit=5"))
    assert 0 < viewer <= 8

    generate(services=10 * Service.objects.count(), relations=2000, seed=5)
    _set_new_version()
    assert _queries(client, graph_url()) == COLD_QUERIES
    assert _queries(client, graph_url("?page=2&limit=100")) == 0
    assert _queries(client, graph_url("?tg=immigrants&limit=20&page=2")) == COLD_QUERIES - 2
    assert _queries(partner, graph_url()) == viewer + COLD_QUERIES - 2
    assert _queries(partner, graph_url("?limit=5")) == viewer


def test_query_count_pinned_with_django_assert_num_queries(
    client, demo_register, django_assert_num_queries
):
    with django_assert_num_queries(COLD_QUERIES):
        client.get(graph_url())
    with django_assert_num_queries(0):
        client.get(graph_url("?limit=10&page=3"))
    generate(services=10 * Service.objects.count(), relations=2000, seed=3)
    _set_new_version()
    with django_assert_num_queries(COLD_QUERIES):
        client.get(graph_url())
    with django_assert_num_queries(0):
        client.get(graph_url("?limit=10&page=3"))


def test_a_lost_block_is_computed_again(client, demo_register):
    from django.core.cache import cache

    from ecosystem.register.versioning import data_version

    whole = client.get(graph_url("?limit=100&page=2")).json()
    key = graph_api._cache_key(data_version(), True, graph_api.GraphQuery())
    assert cache.get(key + ":0")
    cache.delete(key + ":0")
    assert client.get(graph_url("?limit=100&page=2")).json()["nodes"] == whole["nodes"]
    assert cache.get(key + ":0")


def test_warm_up_fills_the_unfiltered_pages(client, demo_register, django_assert_num_queries):
    from ecosystem.register.versioning import data_version

    graph_api.warm_up(build_graph(public_only=True), version=data_version())
    with django_assert_num_queries(0):
        data = client.get(graph_url()).json()
    assert data["count"]["nodes"] == build_graph(public_only=True).number_of_nodes()


def test_service_path_endpoint_hides_partner_only_steps_from_anonymous_callers(
    client, partner_user, demo_register
):
    path = ServicePath.objects.get(target_group__code="partial_work_ability")
    payments = Service.objects.get(name_fi="Maksatustehtävät")
    assert payments.visibility == "partners"
    ServicePathStep.objects.create(path=path, position=99, service=payments, handoff_note="")
    _set_new_version()
    url = reverse("ecosystem:path_json", args=[path.pk])

    def services(response):
        assert response.status_code == 200
        return [service["id"] for step in response.json()["steps"] for service in step["services"]]

    anonymous = services(client.get(url))
    assert f"svc:{payments.pk}" not in anonymous
    assert anonymous
    client.force_login(partner_user)
    assert services(client.get(url)) == [*anonymous, f"svc:{payments.pk}"]
