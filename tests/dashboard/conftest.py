"""Fixtures of the dashboard tests: a dashboard page under a parent restricted to the steering
group and project staff, and stored metrics (the demo register is tests/conftest.py's)."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import PageViewRestriction, Site

from cms_pages.models import StandardPage
from dashboard.metrics import compute_metrics
from dashboard.models import DashboardPage
from dashboard.tasks import metrics_cache_key
from ecosystem.register.versioning import DATA_VERSION_KEY
from portal.accounts.roles import PROJECT_STAFF, STEERING_GROUP


@pytest.fixture
def home_page(db):
    """The default site's root page (the demo's home page is not needed here)."""
    return Site.objects.get(is_default_site=True).root_page


def new_data_version():
    """What the commit of a register change does (tests run inside one transaction)."""
    cache.delete(DATA_VERSION_KEY)


@pytest.fixture
def dashboard_page(home_page):
    """A DashboardPage inside a private area: a page restricted to the steering group and
    project staff by Wagtail page privacy, as the steering area is."""
    area = StandardPage(title="Yksityinen alue", slug="yksityinen-alue")
    home_page.add_child(instance=area)
    restriction = PageViewRestriction.objects.create(
        page=area, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=[STEERING_GROUP, PROJECT_STAFF]))
    page = DashboardPage(title="Tilannekatsaus", slug="tilannekatsaus")
    area.add_child(instance=page)
    return page


def store_metrics():
    """Compute the metrics of the current data as the background task does and store them;
    returns them."""
    new_data_version()
    metrics = compute_metrics()
    cache.set(metrics_cache_key(metrics["data_version"]), metrics)
    return metrics


@pytest.fixture
def stored_metrics(demo_register):
    return store_metrics()
