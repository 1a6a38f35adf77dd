"""Reading the environment: the one typed schema the settings are built from.

Start-up problems are reported as one sentence on stderr and exit status 2, never as a
traceback: the person starting the portal needs to know which variable to fix.
"""

import secrets
import sys
import warnings
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env(
    DEBUG=(bool, False),
    KEKO_MODE=(str, ""),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    BASE_URL=(str, "http://127.0.0.1:8000"),
    DATABASE_URL=(str, f"sqlite:///{VAR_DIR / 'keko.sqlite3'}"),
    CACHE_URL=(str, f"filecache://{VAR_DIR / 'cache'}"),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "KEKO <keko@localhost>"),
    TASK_BACKEND=(str, "database"),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "static_collected")),
    PAGE_CACHE_SECONDS=(int, 600),
    SECURE_HSTS_SECONDS=(int, 31536000),
    LOG_LEVEL=(str, "INFO"),
    # Stewardship (ecosystem.stewardship): a service unchecked this long gets its stewards a
    # reminder; the reminder's "still correct" links work this long.
    KEKO_CHECK_PERIOD_DAYS=(int, 365),
    KEKO_CHECK_LINK_DAYS=(int, 30),
)


def fail(sentence: str) -> None:
    """Stop start-up with one clear sentence."""
    sys.stderr.write(f"KEKO: {sentence}\n")
    raise SystemExit(2)


def production_mode() -> bool:
    """Production mode: secure cookies, HSTS, SSL redirect and a mandatory SECRET_KEY.

    It is on when KEKO_MODE=production, or when DEBUG is off and ALLOWED_HOSTS names the
    hosts the portal is deployed on. `make run` on a laptop (DEBUG off, no ALLOWED_HOSTS)
    serves plain HTTP on 127.0.0.1 and so is not production mode.
    """
    mode = env("KEKO_MODE").strip().lower()
    if mode not in ("", "production", "local"):
        fail(f"KEKO_MODE must be 'production' or 'local', not {mode!r}.")
    if mode:
        return mode == "production"
    return not env("DEBUG") and bool(env("ALLOWED_HOSTS"))


def secret_key(production: bool) -> str:
    """The SECRET_KEY from the environment; outside production, one generated once into var/."""
    key = env("SECRET_KEY")
    if key:
        if production and (len(key) < 50 or len(set(key)) < 5):
            fail("SECRET_KEY is too weak for production: use at least 50 random characters.")
        return key
    if production:
        fail("SECRET_KEY must be set in production mode (DEBUG=false with ALLOWED_HOSTS set).")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database() -> dict:
    url = env("DATABASE_URL")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            config = environ.Env.db_url_config(url)
    except Exception:
        config = {}
    engine = config.get("ENGINE", "")
    if engine not in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        fail(
            "DATABASE_URL must be a sqlite:///PATH or postgres://USER@HOST:PORT/NAME URL, "
            f"not {url!r}."
        )
    if engine == "django.db.backends.sqlite3":
        name = config["NAME"]
        if name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        # WAL and IMMEDIATE transactions let several gunicorn workers and the task worker
        # share one SQLite file without "database is locked" errors.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config.setdefault("CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    return config


def cache() -> dict:
    url = env("CACHE_URL")
    try:
        config = environ.Env.cache_url_config(url)
    except Exception:
        fail(
            "CACHE_URL must be a filecache://, locmemcache://, redis:// or dbcache:// URL, "
            f"not {url!r}."
        )
    if config["BACKEND"].endswith("DummyCache"):
        fail("CACHE_URL must not be a dummy cache: sign-in rate limits need a working cache.")
    if config["BACKEND"].endswith("FileBasedCache"):
        Path(config["LOCATION"]).mkdir(parents=True, exist_ok=True)
    return config


TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def task_backend() -> str:
    name = env("TASK_BACKEND")
    if name in TASK_BACKENDS:
        return TASK_BACKENDS[name]
    if "." in name:
        return name
    fail(f"TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)} or a dotted path, not {name!r}.")
    return ""


def email() -> dict:
    url = env("EMAIL_URL")
    try:
        return environ.Env.email_url_config(url)
    except Exception:
        fail(
            "EMAIL_URL must be an smtp://, smtps://, consolemail:// or filemail:// URL, "
            f"not {url!r}."
        )
    return {}


def positive_days(name: str) -> int:
    """A whole number of days, at least one."""
    try:
        days = env(name)
    except Exception:
        days = 0
    if not isinstance(days, int) or days < 1:
        fail(f"{name} must be a whole number of days, at least 1.")
    return days
