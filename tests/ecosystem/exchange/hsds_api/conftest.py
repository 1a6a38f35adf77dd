"""Fixtures of the HSDS API tests: the registers of the exchange tests, and a client."""

from __future__ import annotations

import json

import pytest

from tests.ecosystem.exchange.conftest import build_full_register


@pytest.fixture
def full_register(db):
    """A small register where every field holds a value, partner-only records included."""
    return build_full_register()


@pytest.fixture
def api(client):
    """GET /api/hsds/<path> → (status, JSON body, response)."""

    def get(path: str, **headers):
        response = client.get(f"/api/hsds/{path.lstrip('/')}", headers=headers)
        body = json.loads(response.content) if response.content else None
        return response.status_code, body, response

    return get
