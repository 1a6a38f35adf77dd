"""Start-up configuration, exercised the way an operator meets it: manage.py in a subprocess."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

# Most tests start manage.py (about 2 s each): scheduled first (tests/scheduling.py).
pytestmark = pytest.mark.heavy

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = secrets.token_urlsafe(64)


def manage(*args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "KEKO_MODE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of_a_new_process(code, **env_overrides):
    """Run `code` in a new Python process that reads the portal's settings as manage.py and
    gunicorn do (DJANGO_SETTINGS_MODULE=portal.settings), without Django's start-up: the
    settings are decided when the settings module is imported."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "KEKO_MODE"}
    }
    env.update(env_overrides, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_in_production_mode():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="keko.example.fi",
        BASE_URL="https://keko.example.fi",
        DEFAULT_FROM_EMAIL="KEKO <uutiskirje@keko.example.fi>",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_default_sender():
    result = manage(
        "check",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="keko.example.fi",
        BASE_URL="https://keko.example.fi",
    )
    assert result.returncode != 0
    assert "keko.E001" in result.stderr
    assert "DEFAULT_FROM_EMAIL is 'KEKO <keko@localhost>'" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_warns_of_an_http_base_url():
    result = manage(
        "check",
        "--deploy",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="keko.example.fi",
        BASE_URL="http://keko.example.fi",
        DEFAULT_FROM_EMAIL="KEKO <uutiskirje@keko.example.fi>",
    )
    assert "keko.W001" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("KEKO <keko@localhost>", True),
        ("keko@keko.localhost", True),
        ("keko@example.invalid", True),
        ("keko", True),
        ("KEKO <uutiskirje@keko.fi>", False),
        ("viestinta@keusote.fi", False),
    ],
)
def test_which_senders_cannot_be_verified(address, refused):
    from portal.deploy_checks import unverifiable_sender

    assert unverifiable_sender(address) is refused


def test_missing_secret_key_in_production_stops_with_one_sentence():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="keko.example.fi")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "KEKO: SECRET_KEY must be set in production mode (DEBUG=false with ALLOWED_HOSTS set)."
    )
    assert "Traceback" not in result.stderr


def test_weak_secret_key_is_refused_in_production():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="keko.example.fi", SECRET_KEY="short")
    assert result.returncode == 2
    assert "too weak" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["mysqlx://somewhere/db", "not a url", "oracle://x@y/z"])
def test_unsupported_database_url_stops_with_one_sentence(url):
    result = manage("check", DATABASE_URL=url)
    assert result.returncode == 2
    assert result.stderr.startswith("KEKO: DATABASE_URL must be")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_database_stops_setup_with_one_sentence():
    result = manage("setup_portal", DATABASE_URL="postgres://postgres@127.0.0.1:1/keko")
    assert result.returncode == 2
    assert result.stderr.startswith("KEKO: cannot connect to the database given by DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_dummy_cache_is_refused_because_rate_limits_need_a_cache():
    result = manage("check", CACHE_URL="dummycache://")
    assert result.returncode == 2
    assert "rate limits" in result.stderr


def test_local_mode_generates_a_secret_key_once(tmp_path):
    # Outside production mode the key is generated into var/ and reused on later starts.
    code = "print(s.SECRET_KEY)"
    first = settings_of_a_new_process(code)
    second = settings_of_a_new_process(code)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip()
    assert len(first.stdout.strip()) >= 50


def test_production_mode_turns_on_secure_cookies_hsts_and_ssl_redirect():
    code = (
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS > 0, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = settings_of_a_new_process(
        code, DEBUG="false", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="keko.example.fi"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "True True True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_sqlite_connections_are_kept_between_requests(monkeypatch, tmp_path):
    """A web process keeps its SQLite connection for a minute (as on PostgreSQL): opening one
    per request set up the pragmas and Django's SQL functions again, about half of what a
    signed-in request cost (benchmarks/load.py, README)."""
    from portal import config

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/keko.sqlite3")
    database = config.database()
    assert database["CONN_MAX_AGE"] == 60
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
