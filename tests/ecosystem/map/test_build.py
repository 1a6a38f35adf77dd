"""Filtering, aggregation, layout and styling of the map (network.filtering, map.build)."""

import json
import re

import pytest
from django.test import override_settings

from ecosystem.map import build, layout
from ecosystem.map.data import map_context
from ecosystem.map.state import MapView
from ecosystem.network import filtering
from ecosystem.network.graph import build_graph


def names(graph):
    return {data["name_fi"] for _node, data in graph.nodes(data=True)}


def test_target_group_keeps_services_open_to_it_and_the_organisations_running_them(register):
    graph = build_graph()
    shown = build.filter_graph(graph, MapView(target_group="immigrants"))
    # Services without target groups are open to everyone; the youth coaching is not.
    assert "Nuorten valmennus" not in names(shown)
    assert {"Palveluohjaus", "Työkokeilu", "Työkykypalvelut"} <= names(shown)
    # Organisations stay only when they run a kept service.
    assert "Tuusulan kunta" not in names(shown)
    assert "TE-palvelut" in names(shown)


def test_municipality_and_organisation_type_filters(register):
    graph = build_graph()
    in_jarvenpaa = build.filter_graph(graph, MapView(municipality="186"))
    assert "Nuorten valmennus" not in names(in_jarvenpaa)
    assert "Helsingin valmennus" not in names(in_jarvenpaa)
    assert "Palveluohjaus" in names(in_jarvenpaa)
    towns = build.filter_graph(graph, MapView(organisation_type="municipality"))
    assert names(towns) == {
        "Tuusulan kunta",
        "Nuorten valmennus",
        "Helsingin kaupunki",
        "Helsingin valmennus",
    }


def test_relation_type_filter_leaves_other_relations_out_but_keeps_who_runs_what(register):
    graph = build_graph()
    shown = build.filter_graph(graph, MapView(relation_types=("cooperation_agreement",)))
    kinds = {data.get("relation_type", data["kind"]) for *_ends, data in shown.edges(data=True)}
    assert kinds == {"cooperation_agreement", "provides"}


def test_neighbourhood_and_search(register):
    graph = build_graph()
    node = f"svc:{register.coaching.pk}"
    around = filtering.neighbourhood(graph, node)
    assert names(around) == {"Nuorten valmennus", "Tuusulan kunta", "Palveluohjaus", "Työkokeilu"}
    assert filtering.search(graph, "KOKEILU", "fi") == [f"svc:{register.trial.pk}"]
    assert filtering.search(graph, "Tusby", "fi") == []  # municipalities are not nodes


def test_anonymous_graph_leaves_partner_only_records_out(register):
    public = map_context(MapView(), public_only=True, language="fi")
    everyone = map_context(MapView(), public_only=False, language="fi")
    public_names = {row["name"] for row in public["table"]["rows"]}
    all_names = {row["name"] for row in everyone["table"]["rows"]}
    assert "Salainen kumppanipalvelu" not in public_names
    assert "Kumppanijärjestö" not in public_names
    assert {"Salainen kumppanipalvelu", "Kumppanijärjestö"} <= all_names
    partner_node = next(
        n for n in everyone["payload"]["nodes"] if n["ref"].endswith(str(register.secret.pk))
    )
    assert partner_node["p"] == 1
    assert partner_node["shapeProperties"] == {"borderDashes": [4, 3]}


def test_payload_is_what_vis_network_needs(register):
    data = map_context(MapView(), public_only=False, language="fi")
    payload = data["payload"]
    assert payload["options"]["physics"] == {"enabled": False}
    assert "groups" in payload["options"] and "org_municipality" in payload["options"]["groups"]
    ids = {node["id"] for node in payload["nodes"]}
    assert all(edge["from"] in ids and edge["to"] in ids for edge in payload["edges"])
    # Groups decide the shape: pyvis's default "dot" must not override them.
    assert all("shape" not in node for node in payload["nodes"])
    assert all(
        isinstance(node["x"], int) and isinstance(node["y"], int) for node in payload["nodes"]
    )
    json.dumps(payload)  # JSON-ready


def test_detailed_layout_groups_services_under_their_organisation_by_type(register):
    graph = build_graph()
    arranged = layout.structured_layout(graph)
    assert arranged == layout.structured_layout(graph)  # deterministic
    positions = arranged["positions"]
    assert set(positions) == set(graph.nodes)
    for shape, (ix, iy) in (("wide", (0, 1)), ("tall", (2, 3))):
        regions = arranged["regions"][shape]

        def region_of(node, regions=regions, ix=ix, iy=iy):
            x, y = positions[node][ix], positions[node][iy]
            inside = [
                r
                for r in regions
                if r["x"] <= x <= r["x"] + r["w"] and r["y"] <= y <= r["y"] + r["h"]
            ]
            assert len(inside) == 1, node
            return inside[0]["t"]

        for node, data in graph.nodes(data=True):
            owner = filtering.primary_organisation(graph, node)
            if data["kind"] == "organisation":
                assert region_of(node) == data["type"]
            elif owner:
                # A service sits in its organisation's region, below its box.
                assert region_of(node) == graph.nodes[owner]["type"]
                assert positions[node][iy] > positions[owner][iy] or (
                    positions[node][ix] // layout.COLUMN_WIDTH
                    != positions[owner][ix] // layout.COLUMN_WIDTH
                )


def test_a_filtered_view_is_laid_out_on_its_own(register):
    def extent(nodes):
        xs = [node["x"] for node in nodes]
        ys = [node["y"] for node in nodes]
        return (max(xs) - min(xs)) * (max(ys) - min(ys))

    whole = map_context(MapView(), public_only=False, language="fi")["payload"]["nodes"]
    filtered = map_context(MapView(target_group="young_people"), public_only=False, language="fi")
    assert len(filtered["payload"]["nodes"]) < len(whole)
    assert extent(filtered["payload"]["nodes"]) < extent(whole)
    assert filtered["payload"]["regions"]["wide"]


def test_long_words_of_organisation_labels_are_hyphenated_where_finnish_allows():
    assert layout.fit_label("Mielenterveysjärjestöt", 180, 24) == "Mielenterveys-\njärjestöt"
    assert layout.fit_label("Valmennustuottajat", 180, 24) == "Valmennus-\ntuottajat"
    assert layout.fit_label("TE-palvelut", 180, 24) == "TE-palvelut"


def test_loose_parts_are_placed_under_the_network_not_far_away(register):
    graph = build_graph()
    positions = layout.layout(graph)
    xs = [x for x, _y in positions.values()]
    ys = [y for _x, y in positions.values()]
    # Helsinki's two nodes form their own part; the spread stays of the network's size.
    assert max(xs) - min(xs) < 2000 and max(ys) - min(ys) < 2000


@override_settings(KEKO_MAP_NODE_LIMIT=5)
def test_above_the_node_limit_the_map_aggregates_by_area_then_by_organisation(register):
    national = map_context(MapView(), public_only=True, language="fi")
    assert national["level"] == "areas"
    areas = {row["name"]: row for row in national["table"]["aggregates"]}
    assert set(areas) == {"Keski-Uusimaa", "Helsinki"}
    assert areas["Helsinki"]["services"] == 1
    drill = next(
        node["drill"] for node in national["payload"]["nodes"] if node["label"].startswith("Keski")
    )
    assert drill == ["area", "Keski-Uusimaa"]

    area = map_context(MapView(area="Keski-Uusimaa"), public_only=True, language="fi")
    assert area["level"] == "organisations"
    organisations = {row["name"] for row in area["table"]["aggregates"]}
    assert {"TE-palvelut", "Tuusulan kunta"} <= organisations
    assert "Helsingin kaupunki" not in organisations

    one = map_context(
        MapView(area="Keski-Uusimaa", organisation=str(register.town.pk)),
        public_only=True,
        language="fi",
    )
    assert one["level"] == "detail"
    assert "Nuorten valmennus" in {row["name"] for row in one["table"]["rows"]}


def test_a_highlighted_path_is_drawn_even_when_the_filters_leave_a_step_out(register):
    data = map_context(
        MapView(target_group="immigrants", path=str(register.path.pk)),
        public_only=True,
        language="fi",
    )
    refs = {node["ref"] for node in data["payload"]["nodes"]}
    assert f"svc:{register.coaching.pk}" in refs
    assert [step["handoff"] for step in data["path"]["steps"]] == [False, True, True]


def test_an_unknown_code_explains_itself(register):
    data = map_context(MapView(target_group="no_such_group"), public_only=True, language="en")
    everything = map_context(MapView(), public_only=True, language="en")
    assert data["counts"] == everything["counts"]
    assert data["notes"] == ["There is no such target group; the map shows every target group."]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_legend_names_every_organisation_type_and_relation(register, language):
    legend = map_context(MapView(), public_only=True, language=language)["legend"]
    assert len(legend["organisation_types"]) == 9
    assert {row["key"] for row in legend["relations"]} >= {"referral", "provides"}


@override_settings(KEKO_MAP_NODE_LIMIT=3)
def test_drilling_into_an_organisation_always_ends_in_a_drawn_map(register):
    data = map_context(MapView(organisation=str(register.te.pk)), public_only=True, language="fi")
    assert data["level"] == "detail"
    assert {row["name"] for row in data["table"]["rows"]} == {
        "TE-palvelut",
        "Palveluohjaus",
        "Työkokeilu",
    }


def test_text_rows_name_target_groups_and_municipalities(register):
    rows = {
        row["name"]: row
        for row in map_context(MapView(), public_only=True, language="en")["table"]["rows"]
    }
    assert rows["Nuorten valmennus"]["target_groups"] == ["Young"]
    assert rows["Palveluohjaus"]["target_groups"] == ["Everyone"]
    assert rows["Palveluohjaus"]["municipalities"] == ["Järvenpää", "Tuusula"]


def test_names_shown_in_finnish_for_want_of_a_translation_say_so(register, client):
    from ecosystem.models import Service

    Service.objects.filter(pk=register.trial.pk).update(name_en="Work trial")
    rows = {row["name"]: row for row in build.detail_table(build_graph(), "en")["rows"]}
    assert rows["Work trial"]["name_lang"] == "en"
    assert rows["Nuorten valmennus"]["name_lang"] == "fi"
    page = client.get("/en/ecosystem/map/text/").content.decode()
    marked = r'lang="fi">Nuorten valmennus</a>\s*<span class="eco-lang-mark">in Finnish</span>'
    assert re.search(marked, page)
    assert not re.search(r'lang="fi">Work trial', page)
