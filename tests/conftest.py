import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (page cache, rate limits)."""
    cache.clear()
    yield
    cache.clear()
