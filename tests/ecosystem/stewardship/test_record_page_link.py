"""The public page of a service or an organisation offers "propose a change" to its stewards
only, linking to the proposal form of that record."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from ecosystem.register.permalinks import record_page_url


def _propose_links(client, record, kind):
    response = client.get(record_page_url(kind, record.pk, record.name_fi))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select("a.record__propose-link")]


@pytest.mark.django_db
def test_a_steward_is_offered_to_propose_a_change_on_the_record_pages(register, steward):
    client = Client()
    client.force_login(steward)
    assert _propose_links(client, register["service"], "svc") == [
        reverse("ecosystem_stewardship:propose", args=["service", register["service"].pk])
    ]
    assert _propose_links(client, register["ours"], "org") == [
        reverse("ecosystem_stewardship:propose", args=["organisation", register["ours"].pk])
    ]
    # Not for another organisation's service.
    assert _propose_links(client, register["other"], "svc") == []


@pytest.mark.django_db
def test_no_one_else_is_offered_the_proposal_form(register, roles):
    for user in roles.values():
        client = Client()
        if user is not None:
            client.force_login(user)
        assert _propose_links(client, register["service"], "svc") == []


def _panel_propose_url(client, node):
    response = client.get(reverse("ecosystem:node_json", args=[node]))
    assert response.status_code == 200
    return response.json()["propose_url"]


@pytest.mark.django_db
def test_the_map_panel_offers_the_same_link_to_stewards_only(register, steward, roles):
    client = Client()
    client.force_login(steward)
    service, ours = register["service"], register["ours"]
    assert _panel_propose_url(client, f"svc:{service.pk}") == reverse(
        "ecosystem_stewardship:propose", args=["service", service.pk]
    )
    assert _panel_propose_url(client, f"org:{ours.pk}") == reverse(
        "ecosystem_stewardship:propose", args=["organisation", ours.pk]
    )
    assert _panel_propose_url(client, f"svc:{register['other'].pk}") == ""
    for user in roles.values():
        client = Client()
        if user is not None:
            client.force_login(user)
        assert _panel_propose_url(client, f"svc:{service.pk}") == ""
