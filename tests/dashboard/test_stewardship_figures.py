"""The dashboard's data-quality section counts what the stewards keep: open proposals and
their age, services overdue for a check per organisation, the share checked in 12 months;
snapshots keep the figures."""

import datetime as dt

import pytest
from django.utils import timezone

from dashboard.metrics import stewardship_figures
from dashboard.snapshots import snapshot_take
from ecosystem.models import Proposal, ProposalKind, Service
from ecosystem.stewardship.services import proposal_reject
from tests.dashboard.conftest import store_metrics
from tests.ecosystem.factories import (
    OrganisationFactory,
    ServiceFactory,
    ServiceOrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_register(db):
    today = timezone.localdate()
    keeper = OrganisationFactory(name_fi="Ahkera yhdistys")
    lagger = OrganisationFactory(name_fi="Unelias yhdistys")
    for index in range(4):
        checked = today - dt.timedelta(days=30 if index < 3 else 500)
        service = ServiceFactory(last_reviewed=checked)
        ServiceOrganisationFactory(service=service, organisation=keeper)
    for _index in range(2):
        ServiceOrganisationFactory(service=ServiceFactory(), organisation=lagger)
    now = timezone.now()
    for days in (2, 10, 40):
        proposal = Proposal.objects.create(
            kind=ProposalKind.NEW_SERVICE, organisation=keeper, values={"name_fi": "Uusi"}
        )
        Proposal.objects.filter(pk=proposal.pk).update(created_at=now - dt.timedelta(days=days))
    return {"keeper": keeper, "lagger": lagger}


def test_the_figures(kept_register):
    figures = stewardship_figures(timezone.localdate())
    assert figures["open_proposals"] == 3
    assert figures["open_proposal_oldest_days"] == 40
    assert figures["open_proposal_median_days"] == 10
    assert (figures["checked"], figures["services"], figures["checked_share"]) == (3, 6, 50)
    rows = [
        (row["name_fi"], row["overdue"], row["services"])
        for row in figures["overdue_by_organisation"]
    ]
    assert rows == [("Unelias yhdistys", 2, 2), ("Ahkera yhdistys", 1, 4)]


def test_snapshots_keep_the_figures(kept_register):
    store_metrics()
    snapshot = snapshot_take(title="Ennen")
    assert snapshot.metrics["headline"]["open_proposals"] == 3
    assert snapshot.metrics["headline"]["checked_share"] == 50
    assert snapshot.metrics["stewardship"]["overdue_by_organisation"][0]["overdue"] == 2


def test_the_dashboard_shows_them_live(client, steering_user, dashboard_page, kept_register):
    store_metrics()
    client.force_login(steering_user)
    page = client.get(dashboard_page.url).content.decode()
    assert "3 avointa muutosehdotusta yhteyshenkilöiltä" in page
    assert "vanhin 40 päivää, mediaani 10 päivää" in page
    assert "Unelias yhdistys" in page
    # A proposal closed since the metrics were stored (as staff close it): the page counts it
    # at once, also where it was kept for the steering group (portal.page_cache).
    assert client.get(dashboard_page.url)["X-Page-Cache"] == "audience-hit"
    for proposal in Proposal.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=30)):
        proposal_reject(proposal=proposal, reason="Vanhentunut", reviewer=None)
    page = client.get(dashboard_page.url).content.decode()
    assert "2 avointa muutosehdotusta yhteyshenkilöiltä" in page
    assert Service.objects.count() == 6
