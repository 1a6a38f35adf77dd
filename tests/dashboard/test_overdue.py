"""Milestones past their due date and not done are marked overdue on the dashboard."""

import datetime as dt

from bs4 import BeautifulSoup
from django.utils import timezone

from dashboard.models import ProgressItem


def test_a_milestone_past_due_and_not_done_is_marked_overdue(client, steering_user, dashboard_page):
    today = timezone.localdate()
    ProgressItem.objects.create(
        kind="milestone", name_fi="Myöhästynyt", status="in_progress", due=today - dt.timedelta(1)
    )
    ProgressItem.objects.create(
        kind="milestone", name_fi="Valmis ajallaan", status="done", due=today - dt.timedelta(9)
    )
    ProgressItem.objects.create(
        kind="milestone", name_fi="Tuleva", status="not_started", due=today + dt.timedelta(9)
    )
    client.force_login(steering_user)
    page = BeautifulSoup(client.get(dashboard_page.url).content.decode(), "html.parser")

    rows = {
        row.th.get_text(" ", strip=True): row
        for row in page.select("table.progress-table tbody tr")
        if row.th
    }
    assert "Myöhässä" in rows["Myöhästynyt"].get_text()
    assert "progress-row--overdue" in rows["Myöhästynyt"]["class"]
    assert "Myöhässä" not in rows["Valmis ajallaan"].get_text()
    assert "Myöhässä" not in rows["Tuleva"].get_text()
