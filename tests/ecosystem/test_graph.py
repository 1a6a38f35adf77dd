import datetime as dt
import json

import pytest

from ecosystem.demo.synthetic import generate
from ecosystem.models import Organisation, Relation, Service, ServicePath
from ecosystem.network import analysis
from ecosystem.network.graph import build_graph, org_node, svc_node

pytestmark = pytest.mark.django_db

QUERIES_WITH_PATHS = 13
QUERIES_WITHOUT_PATHS = 10


def test_graph_holds_every_organisation_and_service_with_their_attributes(demo_register):
    graph = build_graph()
    assert graph.number_of_nodes() == Organisation.objects.count() + Service.objects.count()
    kela = Organisation.objects.get(short_name="Kela")
    node = graph.nodes[org_node(kela.pk)]
    assert node["kind"] == "organisation"
    assert node["type"] == "state_agency"
    assert node["name"] == "Kela"
    assert node["municipalities"] == ["106", "186", "505", "543", "611", "858"]

    ohjaamo = Service.objects.get(name_fi="Ohjaamo")
    node = graph.nodes[svc_node(ohjaamo.pk)]
    assert node["kind"] == "service"
    assert node["type"] == "guidance"
    assert node["status"] == "active"
    assert node["obligation"] == "complementary"
    assert node["target_groups"] == ["young_people"]
    assert node["name_en"].startswith("Ohjaamo")


def test_provides_edges_carry_role_and_provision_type(demo_register):
    graph = build_graph()
    tym = Service.objects.get(name_fi__startswith="TYM")
    providers = {
        graph.nodes[source]["short_name"]: data["role"]
        for source, _target, data in graph.in_edges(svc_node(tym.pk), data=True)
        if data["kind"] == "provides"
    }
    assert providers == {
        "TE-palvelut": "responsible",
        "Keusote": "responsible",
        "Kela": "responsible",
    }
    coaching = Service.objects.get(name_fi="Työnhakuvalmennukset")
    procured = [
        data
        for _s, _t, data in graph.in_edges(svc_node(coaching.pk), data=True)
        if data["kind"] == "provides" and data["provision_type"] == "procured"
    ]
    assert [data["role"] for data in procured] == ["producer"]


def test_relation_edges_keep_type_direction_groups_and_validity(demo_register):
    graph = build_graph()
    relation = Relation.objects.get(
        source_service__name_fi="TYM – työllistymistä edistävä monialainen yhteispalvelu",
        target_service__name_fi="Kuntouttava työtoiminta",
    )
    data = graph.edges[
        svc_node(relation.source_service_id),
        svc_node(relation.target_service_id),
        f"rel:{relation.pk}",
    ]
    assert data["kind"] == "relation"
    assert data["relation_type"] == "referral"
    assert data["direction"] == "directed"
    assert data["target_groups"] == ["long_term_unemployed"]
    assert data["valid_to"] == dt.date(2026, 12, 31)
    assert data["valid_from"] is None
    assert graph.number_of_edges() == Relation.objects.count() + sum(
        service.organisation_roles.count() for service in Service.objects.all()
    )


def test_public_graph_leaves_out_partner_only_records_and_their_edges(demo_register):
    payments = Service.objects.get(name_fi="Maksatustehtävät")
    labore = Relation.objects.get(source_organisation__short_name="Labore")
    full, public = build_graph(), build_graph(public_only=True)
    assert svc_node(payments.pk) in full
    assert svc_node(payments.pk) not in public
    assert any(key == f"rel:{labore.pk}" for _s, _t, key in full.edges(keys=True))
    assert all(key != f"rel:{labore.pk}" for _s, _t, key in public.edges(keys=True))
    assert all(data["visibility"] == "public" for _n, data in public.nodes(data=True))
    assert all(
        data.get("visibility", "public") == "public" for *_e, data in public.edges(data=True)
    )


def test_service_paths_come_with_the_graph_in_step_order(demo_register):
    graph = build_graph()
    paths = {path["target_group"]: path for path in graph.graph["service_paths"]}
    tuusula = paths["partial_work_ability"]
    assert tuusula["municipalities"] == ["858"]
    positions = [step["position"] for step in tuusula["steps"]]
    assert positions == sorted(positions)
    assert all(step["service"] in graph for step in tuusula["steps"])
    assert [row["code"] for row in graph.graph["municipalities"]][0] == "106"
    assert len(graph.graph["target_groups"]) == 6
    assert "service_paths" not in build_graph(include_paths=False).graph


def test_query_count_does_not_grow_with_the_data(demo_register, django_assert_num_queries):
    with django_assert_num_queries(QUERIES_WITH_PATHS):
        small = build_graph()
    with django_assert_num_queries(QUERIES_WITHOUT_PATHS):
        build_graph(include_paths=False)

    # Ten times the demo's services, with relations, spread over 45 employment areas.
    generate(services=10 * Service.objects.count(), relations=2000, seed=3)
    with django_assert_num_queries(QUERIES_WITH_PATHS):
        large = build_graph()
    with django_assert_num_queries(QUERIES_WITH_PATHS):
        build_graph(public_only=True)
    assert large.number_of_nodes() > 10 * small.number_of_nodes() * 0.9
    assert len(large.graph["service_paths"]) == ServicePath.objects.count()


def test_demo_analysis_summary_is_json_ready_and_names_the_employment_services_a_broker(
    demo_register,
):
    graph = build_graph()
    summary = analysis.summary(graph)
    json.dumps(summary)
    te = Organisation.objects.get(short_name="TE-palvelut")
    assert summary["brokers"][0]["node"] == org_node(te.pk)
    assert summary["counts"]["services"] == Service.objects.count()
    # Pornainen has no municipal integration service and no NGO for immigrants: only the
    # area-wide ones (TE Koto, integration training, Keusote) reach it; Hyvinkää has five.
    integration = summary["coverage_by_class"]["immigrants"]
    assert integration["611"]["integration"] == 3
    assert integration["106"]["integration"] == 5
    # Services open to everyone give every group both statutory and complementary services
    # everywhere; by service class there are gaps, e.g. no youth work for immigrants.
    assert summary["coverage_gaps"] == []
    gaps = summary["coverage_by_class_gaps"]
    assert {"target_group": "immigrants", "municipality": "611", "kind": "youth"} in gaps
    for gap in gaps:
        cell = summary["coverage_by_class"][gap["target_group"]][gap["municipality"]]
        assert cell[gap["kind"]] == 0
    metrics = {path["target_group"]: path for path in summary["service_paths"]}
    assert metrics["partial_work_ability"]["steps"] == 7
    assert metrics["partial_work_ability"]["handoffs"] >= 2


def test_values_read_with_a_plain_cursor_keep_their_python_types(db):
    from ecosystem.models import Municipality

    parent = Organisation.objects.create(
        name_fi="Kumppanikunta", organisation_type="municipality", visibility="partners"
    )
    child = Organisation.objects.create(
        name_fi="Nuorisopalvelut",
        organisation_type="municipality",
        parent=parent,
        is_consortium_member=True,
    )
    child.municipalities.set([Municipality.objects.create(code="858", name_fi="Tuusula")])
    child.save()
    service = Service.objects.create(name_fi="Valmennus", service_class="coaching")
    Relation.objects.create(
        relation_type="funding",
        source_organisation=child,
        target_service=service,
        valid_from=dt.date(2026, 1, 1),
    )
    full, public = build_graph(), build_graph(public_only=True)
    node = full.nodes[org_node(child.pk)]
    assert node["id"] == str(child.pk)
    assert node["is_consortium_member"] is True
    assert node["parent"] == org_node(parent.pk)
    assert node["municipalities"] == ["858"]
    assert full.nodes[org_node(parent.pk)]["is_consortium_member"] is False
    # The parent is partner-only: the public graph does not point at it.
    assert public.nodes[org_node(child.pk)]["parent"] is None
    [(_source, _target, data)] = full.out_edges(org_node(child.pk), data=True)
    assert data["valid_from"] == dt.date(2026, 1, 1)
    assert data["valid_to"] is None


def test_building_leaves_the_garbage_collector_as_it_found_it(db):
    import gc

    assert gc.isenabled()
    build_graph()
    assert gc.isenabled()
    gc.disable()
    try:
        build_graph()
        assert not gc.isenabled()
    finally:
        gc.enable()
