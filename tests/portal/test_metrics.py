"""GET /metrics: Prometheus text, only for allowed addresses or with the token."""

from __future__ import annotations

import pytest

from portal import metrics as metrics_module


@pytest.fixture(autouse=True)
def _flush_every_request(monkeypatch):
    monkeypatch.setattr(metrics_module, "FLUSH_SECONDS", 0.0)
    metrics_module._pending.clear()


@pytest.mark.django_db
def test_metrics_count_requests_tasks_and_sends_for_this_machine(client):
    client.get("/robots.txt")
    client.get("/no-such-page/")
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    body = response.content.decode()
    assert 'keko_http_requests_total{status="2xx"} 1' in body
    assert 'keko_http_requests_total{status="4xx"} 1' in body
    assert 'keko_http_request_duration_seconds_bucket{le="+Inf"} 2' in body
    assert 'keko_tasks{state="ready"} 0' in body
    assert "keko_newsletter_sends_in_progress 0" in body
    assert "keko_database_up 1" in body


@pytest.mark.django_db
def test_metrics_are_refused_elsewhere_and_through_a_proxy_without_the_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-metrics-token"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 403
    # Behind a proxy on this machine every visitor looks local: the address does not count.
    proxied = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert proxied.status_code == 403
    wrong = client.get("/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 403
    right = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token"
    )
    assert right.status_code == 200
    assert "keko_tasks" in right.content.decode()


def test_processes_flushing_at_once_lose_no_count_on_the_file_cache(settings, tmp_path):
    """Workers recycled together flush at the same moment; the file cache's add and incr are
    a read and a write each, so the flushes take turns (portal.metrics._exclusive)."""
    import os

    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    caches["default"].clear()
    children = []
    for _ in range(3):
        pid = os.fork()
        if pid == 0:  # a worker: 150 flushes of one request each, then leave at once
            code = 0
            try:
                for _ in range(150):
                    metrics_module.flush({"requests:2xx": 1})
            except BaseException:
                code = 1
            os._exit(code)
        children.append(pid)
    assert all(os.waitpid(pid, 0)[1] == 0 for pid in children)
    assert caches["default"].get(metrics_module.KEY + "requests:2xx") == 450
