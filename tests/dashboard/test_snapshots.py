"""Snapshots: what they freeze, how two compare, and the ways to take one."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from dashboard.metrics import METRIC_LABELS, METRIC_MEANINGS
from dashboard.models import EcosystemSnapshot, SnapshotSource
from dashboard.snapshots import compare, compare_metrics, record_hash, snapshot_take
from ecosystem.models import Organisation, Relation, Service
from tests.dashboard.conftest import new_data_version
from tests.ecosystem.factories import RelationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_a_snapshot_freezes_every_record_and_the_metrics(demo_register):
    snapshot = snapshot_take(title="Ennen ohjausryhmän kokousta 3.6.2026")
    records = snapshot.records
    assert len(records["organisations"]["rows"]) == Organisation.objects.count()
    assert len(records["services"]["rows"]) == Service.objects.count()
    assert len(records["relations"]["rows"]) == Relation.objects.count()
    service = Service.objects.first()
    row = records["services"]["rows"][str(service.pk)]
    fields = records["services"]["fields"]
    assert row[fields.index("name_fi")] == service.name_fi
    assert row[-1] == record_hash(row[:-1])
    assert snapshot.metrics["headline"]["services"] == Service.objects.count()
    assert snapshot.source == SnapshotSource.MANUAL


def test_comparison_lists_added_removed_changed_and_metric_deltas(demo_register):
    before = snapshot_take(title="Ennen")
    added = ServiceFactory(name_fi="Uusi nuorten työpaja", status="active")
    changed = Service.objects.exclude(pk=added.pk).order_by("name_fi").first()
    changed.status = "inactive"
    changed.save()
    removed = Relation.objects.order_by("pk").first()
    removed.delete()
    new_data_version()
    after = snapshot_take(title="Jälkeen")
    result = compare(before, after)
    services = next(kind for kind in result.kinds if kind.kind == "services")
    assert [item.name for item in services.added] == ["Uusi nuorten työpaja"]
    assert services.added_count == 1 and services.removed_count == 0
    changed_item = next(item for item in services.changed if item.id == str(changed.pk))
    assert changed_item.fields == ["status"]
    relations = next(kind for kind in result.kinds if kind.kind == "relations")
    assert relations.removed_count == 1 and relations.added_count == 0
    moves = {move.key: move for move in result.metrics}
    assert moves["services"].delta == 1
    assert moves["relations"].delta == -1
    assert moves["services"].before + 1 == moves["services"].after
    assert moves["without_target_group"].delta == 1
    assert moves["without_target_group"].verdict == "worse"


def test_a_new_snapshot_precomputes_its_comparison_with_the_previous(
    demo_register, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from dashboard.snapshots import comparison_cache_key

    first = snapshot_take(title="Ensimmäinen")
    ServiceFactory(name_fi="Välissä lisätty")
    new_data_version()
    with django_capture_on_commit_callbacks(execute=True):
        second = snapshot_take(title="Toinen")
    cached = cache.get(comparison_cache_key(first.pk, second.pk))
    services = next(kind for kind in cached.kinds if kind.kind == "services")
    assert [item.name for item in services.added] == ["Välissä lisätty"]
    assert cached.after.title == "Toinen" and not cached.after.records


def test_the_same_state_twice_compares_as_unchanged(demo_register):
    first, second = snapshot_take(title="A"), snapshot_take(title="B")
    result = compare(first, second)
    assert result.unchanged
    assert all(move.delta == 0 for move in result.metrics)


@pytest.fixture
def two_snapshots(demo_register):
    before = snapshot_take(title="Järjestäytymiskokous")
    ServiceFactory(name_fi="Neurokirjon nuorten työpaja", status="active")
    RelationFactory(
        source_service=Service.objects.get(name_fi="Neurokirjon nuorten työpaja"),
        target_service=Service.objects.exclude(name_fi="Neurokirjon nuorten työpaja").first(),
    )
    new_data_version()
    after = snapshot_take(title="Ennen kokousta 3.6.2026")
    return before, after


def figure_row(page, label):
    """The comparison row of a figure, by its label (the meaning follows in the same cell)."""
    for th in page.select("table.metric-moves tbody th"):
        if next(th.strings, "").strip() == label:
            return th.find_parent("tr")
    raise AssertionError(f"no row {label!r}")


def test_only_figures_with_a_defined_direction_are_called_better_or_worse():
    before = {
        "headline": {"communities": 3, "coverage_gaps": 5, "checked_share": 50, "services": 10}
    }
    after = {
        "headline": {"communities": 5, "coverage_gaps": 3, "checked_share": 40, "services": 12}
    }
    moves = {move.key: move for move in compare_metrics(before, after)}
    # More communities of cooperation may be a more fragmented network: no verdict.
    assert moves["communities"].verdict == "changed" and moves["communities"].better is None
    assert moves["services"].verdict == "changed"
    assert moves["coverage_gaps"].verdict == "better"
    assert moves["checked_share"].verdict == "worse"
    # Every figure says what it means; those with a direction say which way is better.
    assert set(METRIC_MEANINGS) == set(METRIC_LABELS)
    with translation.override("en"):
        for meaning in METRIC_MEANINGS.values():
            text = str(meaning.sentence)
            assert text.endswith(".")
            if meaning.better:
                assert text.startswith(("Fewer is better", "Lower is better", "Higher is better"))


def test_compare_page_shows_the_added_service_and_the_delta(
    client, steering_user, dashboard_page, two_snapshots
):
    before, after = two_snapshots
    client.force_login(steering_user)
    response = client.get(f"{dashboard_page.url}compare/?from={before.pk}&to={after.pk}")
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    added = page.select_one("#changes-services").find_next("ul", class_="change-list--added")
    assert "Neurokirjon nuorten työpaja" in added.get_text()
    services_row = figure_row(page, "Palvelut")
    cells = [td.get_text(" ", strip=True) for td in services_row.find_all("td")]
    assert cells[2].startswith("+1")
    assert int(cells[1]) == int(cells[0]) + 1
    # A growing register is neither better nor worse; a new gap-free service says nothing
    # about direction, so no verdict; each figure explains itself under its name.
    assert "parempi" not in cells[2] and "huonompi" not in cells[2]
    assert services_row.select_one(".metric-meaning").get_text(strip=True)
    # The select controls are labelled and keep the choice.
    assert page.find("label", attrs={"for": "compare-from"})
    assert page.select_one("#compare-to option[selected]")["value"] == str(after.pk)
    # Computed once: a second look comes from the cache, even with the records gone.
    EcosystemSnapshot.objects.filter(pk__in=[before.pk, after.pk]).update(records={})
    again = client.get(f"{dashboard_page.url}compare/?from={before.pk}&to={after.pk}")
    assert "Neurokirjon nuorten työpaja" in again.content.decode()
    # And the print view of the same comparison.
    response = client.get(f"{dashboard_page.url}compare/print/?from={before.pk}&to={after.pk}")
    assert response.status_code == 200
    assert b"Neurokirjon nuorten ty\xc3\xb6paja" in response.content
    assert b"site-header" not in response.content


@pytest.mark.parametrize(
    "query, message",
    [
        ("?from=abc&to=1", "Valitse tilannevedokset luetteloista."),
        ("?from=1", "Valitse molemmat"),
        ("?from={a}&to={a}", "Valitse kaksi eri tilannevedosta."),
        ("?from={a}&to=999999", "Tilannevedosta ei enää ole."),
    ],
)
def test_bad_comparison_choices_get_a_clear_message(
    client, steering_user, dashboard_page, two_snapshots, query, message
):
    before, _after = two_snapshots
    client.force_login(steering_user)
    response = client.get(dashboard_page.url + "compare/" + query.format(a=before.pk))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_compare_query_count_does_not_grow_with_snapshots(
    client, steering_user, dashboard_page, two_snapshots, django_assert_num_queries
):
    before, after = two_snapshots
    client.force_login(steering_user)
    url = f"{dashboard_page.url}compare/?from={before.pk}&to={after.pk}"
    client.get(url)
    with django_assert_num_queries(COMPARE_QUERIES):
        client.get(url)
    for number in range(5):
        snapshot_take(title=f"Lisä {number}")
    with django_assert_num_queries(COMPARE_QUERIES):
        client.get(url)


# The comparison gate and the steering menu read the roles once (portal.accounts.access).
COMPARE_QUERIES = 25  # 5 fewer since a session's activity is written at most once a minute


def test_management_command_takes_a_scheduled_snapshot(demo_register):
    call_command("take_ecosystem_snapshot", "--title", "Viikkovedos", stdout=open("/dev/null", "w"))
    snapshot = EcosystemSnapshot.objects.get(title="Viikkovedos")
    assert snapshot.source == SnapshotSource.SCHEDULED
    assert len(snapshot.records["services"]["rows"]) == Service.objects.count()


def test_scheduled_task_names_the_snapshot_by_date(demo_register):
    from dashboard.tasks import take_ecosystem_snapshot

    pk = take_ecosystem_snapshot.call()
    assert EcosystemSnapshot.objects.get(pk=pk).title.startswith("Ajastettu tilannevedos ")


def test_staff_take_a_snapshot_in_the_admin(client, staff_user, sign_in, demo_register):
    sign_in(client, staff_user)
    url = reverse("wagtailsnippets_dashboard_ecosystemsnapshot:add")
    response = client.post(url, {"title": "Ennen ohjausryhmän kokousta 3.6.2026"})
    assert response.status_code == 302, response.content[:2000]
    snapshot = EcosystemSnapshot.objects.get(title="Ennen ohjausryhmän kokousta 3.6.2026")
    assert snapshot.taken_by == staff_user
    assert len(snapshot.records["services"]["rows"]) == Service.objects.count()
    listing = client.get(reverse("wagtailsnippets_dashboard_ecosystemsnapshot:list"))
    assert "Ennen ohjausryhmän kokousta 3.6.2026" in listing.content.decode()


def test_partners_cannot_take_snapshots(client, partner_user):
    client.force_login(partner_user)
    response = client.get(reverse("wagtailsnippets_dashboard_ecosystemsnapshot:add"))
    assert response.status_code in (302, 403)


def test_compare_opens_on_previous_against_latest(
    client, steering_user, dashboard_page, two_snapshots
):
    before, after = two_snapshots
    client.force_login(steering_user)
    page = BeautifulSoup(
        client.get(f"{dashboard_page.url}compare/").content.decode(), "html.parser"
    )

    assert not page.select(".message--error")
    assert page.select_one("#compare-from option[selected]")["value"] == str(before.pk)
    assert page.select_one("#compare-to option[selected]")["value"] == str(after.pk)
    assert page.find(id="comparison-heading")
    print_link = page.find("a", string=re.compile("tulostusnäkymä|Print view"))
    assert f"from={before.pk}&to={after.pk}" in print_link["href"]
