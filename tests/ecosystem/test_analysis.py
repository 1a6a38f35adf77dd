"""Analysis on small hand-built graphs whose answers are known (no database)."""

import datetime as dt
import json

import networkx as nx
import pytest

from ecosystem.network import analysis


def org(graph, name, **attrs):
    graph.add_node(name, kind="organisation", name=name, type="ngo", **attrs)


def svc(graph, name, *, groups=(), places=(), obligation="statutory", status="active", **attrs):
    graph.add_node(
        name,
        kind="service",
        name=name,
        type=attrs.pop("type", "coaching"),
        status=status,
        obligation=obligation,
        target_groups=list(groups),
        municipalities=list(places),
        **attrs,
    )


def rel(graph, source, target, *, direction="directed", key=None, **attrs):
    key = key or f"rel:{source}-{target}-{graph.number_of_edges()}"
    graph.add_edge(source, target, key=key, kind="relation", direction=direction, **attrs)


def provides(graph, organisation, service, role="responsible"):
    graph.add_edge(
        organisation,
        service,
        key=f"role:{organisation}-{service}-{role}",
        kind="provides",
        role=role,
        provision_type="own",
    )


def services(*names):
    graph = nx.MultiDiGraph()
    for name in names:
        svc(graph, name)
    return graph


def test_star_centre_is_the_broker():
    graph = services("hub", "a", "b", "c", "d")
    for leaf in "abcd":
        rel(graph, leaf, "hub")
    degree = analysis.degree_centrality(graph)
    assert degree == {"hub": 1.0, "a": 0.25, "b": 0.25, "c": 0.25, "d": 0.25}
    betweenness = analysis.betweenness_centrality(graph)
    assert betweenness["hub"] == 1.0
    assert betweenness["a"] == 0.0
    assert [b["node"] for b in analysis.brokers(graph)] == ["hub"]


def test_parallel_and_mutual_relations_count_once_in_the_projection():
    graph = services("a", "b")
    rel(graph, "a", "b", relation_type="referral")
    rel(graph, "a", "b", relation_type="funding")
    rel(graph, "b", "a", direction="mutual")
    projection = analysis.undirected_projection(graph)
    assert projection.number_of_edges() == 1
    assert analysis.degree_centrality(graph) == {"a": 1.0, "b": 1.0}


def test_chain_has_a_middle_articulation_point_and_two_bridges():
    graph = services("a", "b", "c")
    rel(graph, "a", "b")
    rel(graph, "c", "b")
    assert analysis.articulation_points(graph) == ["b"]
    assert analysis.bridges(graph) == [("a", "b"), ("b", "c")]


def test_two_triangles_joined_by_one_edge():
    graph = services("a1", "a2", "a3", "b1", "b2", "b3")
    for group in ("a", "b"):
        rel(graph, f"{group}1", f"{group}2")
        rel(graph, f"{group}2", f"{group}3")
        rel(graph, f"{group}3", f"{group}1")
    rel(graph, "a1", "b1", direction="mutual")
    assert analysis.communities(graph) == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]
    assert analysis.bridges(graph) == [("a1", "b1")]
    assert analysis.articulation_points(graph) == ["a1", "b1"]
    # The two ends of the only bridge broker everything between the triangles.
    assert {b["node"] for b in analysis.brokers(graph, top=2)} == {"a1", "b1"}


def test_provides_edges_join_an_organisations_services_unless_left_out():
    graph = services("s1", "s2")
    org(graph, "o")
    provides(graph, "o", "s1")
    provides(graph, "o", "s2")
    assert analysis.articulation_points(graph) == ["o"]
    assert analysis.articulation_points(graph, include_provides=False) == []
    assert analysis.communities(graph, include_provides=False) == [["o"], ["s1"], ["s2"]]


def test_islands_are_services_no_relation_leads_to():
    graph = services("start", "reached", "m1", "m2", "alone")
    org(graph, "o")
    rel(graph, "start", "reached")
    rel(graph, "m1", "m2", direction="mutual")
    provides(graph, "o", "alone")  # providing is not a route to the service
    assert analysis.islands(graph) == ["alone", "start"]


def test_betweenness_estimate_is_reproducible_above_the_exact_limit():
    graph = nx.MultiDiGraph()
    ladder = nx.ladder_graph(30)
    for node in ladder:
        svc(graph, f"n{node:02d}")
    for a, b in ladder.edges:
        rel(graph, f"n{a:02d}", f"n{b:02d}")
    first = analysis.betweenness_centrality(graph, exact_limit=10, sample=15)
    second = analysis.betweenness_centrality(graph, exact_limit=10, sample=15)
    assert first == second
    assert first != analysis.betweenness_centrality(graph)


def coverage_graph():
    graph = nx.MultiDiGraph(
        target_groups=[{"code": "young"}, {"code": "immigrants"}],
        municipalities=[{"code": "106"}, {"code": "858"}, {"code": "611"}],
    )
    svc(graph, "youth", groups=["young"], places=["106", "858"])
    svc(graph, "everyone", groups=[], places=["858"], obligation="complementary")
    svc(graph, "closed", groups=["immigrants"], places=["106"], status="inactive")
    svc(graph, "nowhere", groups=["immigrants"], places=[])
    svc(graph, "unknown_group", groups=["elderly"], places=["106"])
    return graph


def test_coverage_matrix_counts_active_services_per_group_and_municipality():
    matrix = analysis.coverage_matrix(coverage_graph())
    assert matrix == {
        "young": {
            "106": {"statutory": 1, "complementary": 0},
            "858": {"statutory": 1, "complementary": 1},
            "611": {"statutory": 0, "complementary": 0},
        },
        "immigrants": {
            "106": {"statutory": 0, "complementary": 0},
            "858": {"statutory": 0, "complementary": 1},
            "611": {"statutory": 0, "complementary": 0},
        },
    }


def test_coverage_gaps_list_every_empty_cell():
    gaps = analysis.coverage_gaps(analysis.coverage_matrix(coverage_graph()))
    assert {"target_group": "immigrants", "municipality": "106", "kind": "statutory"} in gaps
    assert {"target_group": "young", "municipality": "858", "kind": "statutory"} not in gaps
    assert len(gaps) == 12 - 4


def test_coverage_by_service_class_has_a_column_for_every_class():
    matrix = analysis.coverage_matrix(coverage_graph(), kind="type")
    cell = matrix["young"]["106"]
    assert cell["coaching"] == 1
    assert cell["health"] == 0
    assert len(cell) == 15


def path_graph(steps):
    graph = nx.MultiDiGraph()
    for organisation in ("te", "kela", "keusote"):
        org(graph, organisation)
    owners = {
        "plan": ["te"],
        "guidance": ["te"],
        "tym": ["te", "kela", "keusote"],
        "rehab": ["kela"],
        "health": ["keusote"],
        "trial": ["te"],
    }
    for service, organisations in owners.items():
        svc(graph, service)
        for organisation in organisations:
            provides(graph, organisation, service)
    graph.graph["service_paths"] = [
        {
            "id": "p",
            "name_fi": "Polku",
            "target_group": "young",
            "steps": [{"position": p, "service": s} for p, s in steps],
        }
    ]
    return graph


def test_path_metrics_count_steps_alternatives_organisations_and_handoffs():
    graph = path_graph([(1, "plan"), (2, "guidance"), (3, "health"), (3, "trial"), (4, "rehab")])
    [metrics] = analysis.path_metrics(graph)
    assert metrics["steps"] == 4
    assert metrics["alternatives"] == 1
    assert metrics["services"] == 5
    assert metrics["organisations"] == 3
    # plan→guidance stays at te; →{health, trial} brings keusote; →rehab brings kela.
    assert metrics["handoffs"] == 2


def test_no_handoff_when_the_next_organisation_already_took_part():
    graph = path_graph([(1, "tym"), (2, "rehab"), (3, "health")])
    [metrics] = analysis.path_metrics(graph)
    assert metrics["handoffs"] == 1  # tym → rehab: Kela was in TYM; rehab → health: new
    assert metrics["organisation_ids"] == ["kela", "keusote", "te"]


def test_producers_stand_in_when_no_organisation_is_responsible():
    graph = path_graph([(1, "plan")])
    svc(graph, "procured")
    provides(graph, "kela", "procured", role="producer")
    assert analysis.service_organisations(graph, "procured") == {"kela"}
    assert analysis.service_organisations(graph, "tym") == {"te", "kela", "keusote"}


def test_active_view_drops_expired_relations_and_inactive_services():
    graph = services("a", "b", "c")
    svc(graph, "closed", status="temporarily closed")
    rel(graph, "a", "b", key="past", valid_to=dt.date(2026, 12, 31))
    rel(graph, "a", "c", key="future", valid_from=dt.date(2027, 1, 1))
    rel(graph, "b", "c", key="open", valid_from=None, valid_to=None)
    rel(graph, "a", "closed", key="to-closed")
    view = analysis.active_view(graph, dt.date(2027, 6, 1))
    assert sorted(key for *_e, key in view.edges(keys=True)) == ["future", "open"]
    assert "closed" not in view
    assert "closed" in graph  # the original is untouched


@pytest.mark.parametrize("build", [lambda: nx.MultiDiGraph(), lambda: services("only")])
def test_summary_of_tiny_graphs_is_json_ready(build):
    summary = analysis.summary(build())
    json.dumps(summary)
    assert summary["brokers"] == []
    assert summary["bridges"] == []


def test_summary_names_the_nodes_it_mentions():
    graph = services("hub", "a", "b")
    graph.nodes["hub"]["name_fi"] = "Keskus"
    rel(graph, "a", "hub")
    rel(graph, "b", "hub")
    summary = analysis.summary(graph)
    assert summary["brokers"][0]["node"] == "hub"
    assert summary["labels"]["hub"] == {"kind": "service", "name_fi": "Keskus", "type": "coaching"}
    assert set(summary["labels"]) == {"hub", "a", "b"}
