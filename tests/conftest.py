import pytest
from django.core.cache import cache


def pytest_configure(config):
    """Tests render templates without running collectstatic first: plain static storage."""
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (page cache, rate limits)."""
    cache.clear()
    yield
    cache.clear()
