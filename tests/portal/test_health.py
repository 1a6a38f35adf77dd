import json

import pytest

from tests.portal.test_config import manage


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_checks_the_cache_that_cache_url_configures(client, configured_cache):
    """The cache the portal is configured with (a file cache, or Redis in CI's second run)."""
    response = client.get("/healthz")
    assert response.json()["checks"] == {"database": "ok", "cache": "ok"}
    assert configured_cache.get("keko:healthz"), "the check wrote to the configured cache"


@pytest.mark.heavy
def test_healthz_answers_503_when_the_database_is_unreachable():
    # A real portal process whose PostgreSQL server is not there (nothing listens on port 1).
    code = (
        "import json; from django.test import Client; "
        "r = Client().get('/healthz', HTTP_HOST='127.0.0.1'); "
        "print(json.dumps({'code': r.status_code, 'body': r.json()}))"
    )
    result = manage("shell", "-c", code, DATABASE_URL="postgres://postgres@127.0.0.1:1/keko")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["code"] == 503
    assert answer["body"]["status"] == "error"
    assert answer["body"]["checks"]["database"] == "unavailable"
