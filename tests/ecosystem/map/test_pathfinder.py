"""The route finder and service paths: routes over referrals between organisations."""

import datetime as dt

import pytest
from django.utils import translation

from ecosystem.models import Relation
from ecosystem.network.graph import build_graph
from ecosystem.network.routes import find_routes, service_path


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def route_names(answer):
    return [[step["services"][0]["name"] for step in route["steps"]] for route in answer["routes"]]


def routes(graph, **kwargs):
    defaults = {"target_group": "young_people", "municipality": "858", "language": "en"}
    return find_routes(graph, **{**defaults, **kwargs})


def test_routes_cross_organisations_and_mark_the_hand_offs(register, today):
    graph = build_graph(public_only=True)
    answer = routes(graph, start=f"svc:{register.guidance.pk}", goal="work", today=today)
    assert answer["found"] is True
    # The direct referral stays inside TE-palvelut, so the finder proposes the route through
    # the town's coaching: two hand-offs between organisations.
    assert route_names(answer) == [["Palveluohjaus", "Nuorten valmennus", "Työkokeilu"]]
    route = answer["routes"][0]
    assert [step["handoff"] for step in route["steps"]] == [False, True, True]
    assert route["steps"][1]["handoff_from"] == ["TE"]
    assert route["handoffs"] == 2 and route["organisations"] == 2


def test_only_services_open_to_the_group_in_the_municipality_are_used(register, today):
    graph = build_graph(public_only=True)
    answer = routes(
        graph, target_group="immigrants", start=f"svc:{register.guidance.pk}", today=today
    )
    assert answer["found"] is False
    assert answer["message"] == (
        "No route leads from here to “Work, a work trial or entrepreneurship” among the "
        "services open to Immigrants in Tuusula."
    )


def test_a_starting_service_outside_the_group_or_place_says_so(register, today):
    graph = build_graph(public_only=True)
    coaching = f"svc:{register.coaching.pk}"
    assert routes(graph, target_group="immigrants", start=coaching)["message"] == (
        "“Nuorten valmennus” is not open to Immigrants."
    )
    assert routes(graph, municipality="186", start=coaching)["message"] == (
        "“Nuorten valmennus” is not available in Järvenpää."
    )
    hidden = routes(graph, start=f"svc:{register.secret.pk}")
    assert hidden["message"] == "The starting service is not on the map you can see."


def test_the_municipality_is_needed_and_a_situation_implies_its_target_group(register, today):
    graph = build_graph(public_only=True)
    answer = find_routes(graph, target_group="", municipality="", language="en", start="x")
    assert answer["message"] == "Choose a municipality to find routes."
    assert answer["needs_municipality"] is True
    implied = find_routes(
        graph,
        target_group="",
        municipality="858",
        language="en",
        situation="unemployed",
        goal="work",
        today=today,
    )
    # "I have become unemployed" implies no group: the routes open to everyone.
    assert route_names(implied) == [["Palveluohjaus", "Nuorten valmennus", "Työkokeilu"]]


def test_fewer_routes_than_asked_say_why(register, today):
    answer = routes(
        build_graph(public_only=True), situation="unemployed", goal="work", k=3, today=today
    )
    assert len(answer["routes"]) == 1
    assert answer["message"].startswith(
        "Only 1 route leads to “Work, a work trial or entrepreneurship” from here"
    )


def test_no_referral_onward_is_told_apart_from_no_goal(register, today):
    graph = build_graph(public_only=True)
    stuck = routes(graph, start=f"svc:{register.trial.pk}", goal="education", today=today)
    assert stuck["message"] == (
        "No service leading to “Education or training” is open to Young in Tuusula."
    )
    dead_end = routes(graph, start=f"svc:{register.health.pk}", goal="work", today=today)
    assert dead_end["message"] == (
        "No referral leads onward from here among the services open to Young in Tuusula."
    )


def test_a_situation_starts_from_its_entry_services(register, today):
    graph = build_graph(public_only=True)
    answer = routes(graph, situation="unemployed", goal="work", today=today)
    assert route_names(answer) == [["Palveluohjaus", "Nuorten valmennus", "Työkokeilu"]]
    assert answer["start_name"] == "I have become unemployed"


def test_referrals_for_another_group_or_out_of_date_are_not_used(register, today):
    register.r2.target_groups.set([register.immigrants])
    register.r2.save()
    graph = build_graph(public_only=True)
    assert not routes(graph, start=f"svc:{register.guidance.pk}", today=today)["found"]
    register.r2.target_groups.set([])
    register.r2.valid_to = dt.date(2026, 1, 31)
    register.r2.save()
    graph = build_graph(public_only=True)
    assert not routes(graph, start=f"svc:{register.guidance.pk}", today=today)["found"]
    assert routes(graph, start=f"svc:{register.guidance.pk}", today=dt.date(2026, 1, 2))["found"]


def test_a_mutual_referral_goes_both_ways(register, today):
    Relation.objects.filter(pk=register.r2.pk).update(
        source_service=register.trial, target_service=register.coaching, direction="mutual"
    )
    graph = build_graph(public_only=True)
    answer = routes(graph, start=f"svc:{register.guidance.pk}", today=today)
    assert route_names(answer) == [["Palveluohjaus", "Nuorten valmennus", "Työkokeilu"]]


def test_k_limits_the_routes_and_shorter_routes_come_first(register, today):
    from tests.ecosystem.map.conftest import make_service, referral

    detour = make_service("Työpaja", register.county, places=[register.tuusula])
    referral(register.guidance, detour)
    referral(detour, register.trial)
    graph = build_graph(public_only=True)
    answer = routes(graph, start=f"svc:{register.guidance.pk}", today=today, k=5)
    assert [len(route["steps"]) for route in answer["routes"]] == [3, 3]
    assert routes(graph, start=f"svc:{register.guidance.pk}", today=today, k=1)["routes"][0]


def test_service_path_steps_are_numbered_with_hand_offs_and_notes(register):
    graph = build_graph(public_only=True)
    path = service_path(graph, str(register.path.pk), "fi")
    assert [step["number"] for step in path["steps"]] == [1, 2, 3]
    assert [step["services"][0]["name"] for step in path["steps"]] == [
        "Palveluohjaus",
        "Nuorten valmennus",
        "Työkokeilu",
    ]
    assert path["handoffs"] == 2
    assert path["steps"][0]["notes"] == ["Siirto 1"]
    assert service_path(graph, "00000000-0000-0000-0000-000000000000", "fi") is None
