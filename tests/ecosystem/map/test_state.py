"""The map's view state: read from the query string leniently, written back the same way."""

from django.http import QueryDict
from django.utils import translation

from ecosystem.map.state import MapView


def test_a_full_query_string_round_trips():
    query = QueryDict(
        "tg=young_people&mun=858&otype=municipality&rel=referral&rel=funding&q=valmennus"
        "&path=0b6a5b6e-3c9f-4c59-9d7e-2c1f0c7b0a11&k=2&goal=education"
    )
    view = MapView.from_query(query)
    assert view.target_group == "young_people"
    assert view.municipality == "858"
    assert view.relation_types == ("funding", "referral")
    assert view.routes == 2
    assert view.notes == ()
    assert MapView.from_query(QueryDict(view.query_string()[1:])) == view


def test_values_that_cannot_be_right_are_dropped_with_a_note():
    view = MapView.from_query(
        QueryDict("tg=<script>&mun=12345&otype=castle&rel=bogus&focus=svc:nope&k=99&start=org:x")
    )
    assert (view.target_group, view.municipality, view.organisation_type, view.focus) == (
        "",
        "",
        "",
        "",
    )
    assert view.relation_types == ()
    assert view.routes == 5  # clamped, not refused
    assert len(view.notes) == 6


def test_every_relation_type_is_the_same_as_no_relation_filter():
    query = QueryDict(
        "rel=referral&rel=joint_service&rel=cooperation_agreement&rel=funding"
        "&rel=information_sharing"
    )
    assert MapView.from_query(query).relation_types == ()


def test_a_starting_organisation_is_refused_with_a_reason():
    with translation.override("en"):
        view = MapView.from_query({"start": "org:0b6a5b6e-3c9f-4c59-9d7e-2c1f0c7b0a11"})
    assert view.start == ""
    assert view.notes == ("Routes start from a service, not from an organisation.",)


def test_the_search_text_is_cut_to_a_sane_length():
    assert len(MapView.from_query({"q": "x" * 500}).query) == 100
