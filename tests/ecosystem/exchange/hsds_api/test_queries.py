"""A page of the API costs the same number of queries however large the register is."""

from __future__ import annotations

import json

import pytest

from ecosystem.demo.synthetic import generate

pytestmark = pytest.mark.django_db

# path -> queries once the taxonomy of the data version is built (two queries, the first
# time a process answers after a change): count, the page's ids, rows, then for services
# their target groups, municipalities, organisation roles, channels and organisations.
QUERIES = {
    "services?per_page=50": 8,
    "services?full=true&per_page=50": 8,
    "services?minimal=true": 2,
    "organizations?per_page=50": 2,
    "organizations?full_service=true&per_page=50": 8,
    "service_at_locations?full=true&per_page=50": 8,
    "taxonomy_terms?per_page=50": 0,
}


def measure(client, django_assert_num_queries) -> dict[str, int]:
    with django_assert_num_queries(2):  # the taxonomy: target groups, municipalities
        client.get("/api/hsds/taxonomy_terms")
    sizes = {}
    for path, count in QUERIES.items():
        with django_assert_num_queries(count):
            response = client.get(f"/api/hsds/{path}")
        assert response.status_code == 200, path
        sizes[path] = json.loads(response.content)["size"]
    return sizes


def test_queries_a_page_do_not_grow_with_the_register(
    client, demo_register, django_assert_num_queries, django_capture_on_commit_callbacks
):
    demo = measure(client, django_assert_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        generate(services=400, relations=0, areas=3, seed=3)  # a new data version
    grown = measure(client, django_assert_num_queries)
    assert grown["services?full=true&per_page=50"] == 50
    assert grown["services?minimal=true"] > demo["services?minimal=true"]
    with django_assert_num_queries(8):
        client.get("/api/hsds/services?full=true&per_page=50&page=3")
