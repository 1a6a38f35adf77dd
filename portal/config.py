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
    CACHE_SOCKET_TIMEOUT=(float, 2.0),
    DATABASE_CONNECT_TIMEOUT=(int, 5),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "KEKO <keko@localhost>"),
    TASK_BACKEND=(str, "database"),
    TASK_REDIS_URL=(str, ""),
    MEDIA_ROOT=(str, str(BASE_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "static_collected")),
    PAGE_CACHE_SECONDS=(int, 600),
    SECURE_HSTS_SECONDS=(int, 31536000),
    SECURE_HSTS_INCLUDE_SUBDOMAINS=(bool, False),
    SECURE_HSTS_PRELOAD=(bool, False),
    KEKO_MFA_REQUIRED_ROLES=(list, ["staff"]),
    PAGE_CACHE_MAX_VARIANTS=(int, 50),
    KEKO_MAX_URL_LENGTH=(int, 4000),
    LOG_LEVEL=(str, "INFO"),
    NEWSLETTER_JOURNAL_DIR=(str, ""),
    SQLITE_BUSY_TIMEOUT=(int, 15),
    TRUSTED_PROXY_COUNT=(int, 0),
    TRUSTED_PROXIES=(list, []),
    LOG_FORMAT=(str, "text"),
    METRICS_TOKEN=(str, ""),
    METRICS_ALLOWED_IPS=(list, ["127.0.0.1", "::1"]),
    # Serving (gunicorn.conf.py) and supervision (scripts/supervise.py).
    PORT=(int, 8000),
    WEB_CONCURRENCY=(int, 4),
    GUNICORN_TIMEOUT=(int, 30),
    GUNICORN_GRACEFUL_TIMEOUT=(int, 30),
    GUNICORN_MAX_REQUESTS=(int, 1000),
    GUNICORN_MAX_REQUESTS_JITTER=(int, 500),
    KEKO_RESTART_LIMIT=(int, 5),
    KEKO_RESTART_WINDOW=(int, 300),
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
        # WAL (readers never wait for the writer) and IMMEDIATE transactions (a transaction
        # takes the write lock when it starts, so two never deadlock upgrading) let several
        # gunicorn workers and the task worker share one SQLite file. A writer waits up to
        # SQLITE_BUSY_TIMEOUT seconds for the lock: long work (imports, checks) plans by
        # reading and writes in one short transaction, so waits stay well below it, and the
        # default (15 s) stays below gunicorn's 30-second worker timeout.
        timeout = env("SQLITE_BUSY_TIMEOUT")
        if timeout < 1:
            fail(f"SQLITE_BUSY_TIMEOUT must be at least 1 (seconds), not {timeout}.")
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": timeout,
        }
        # A process keeps its connection between requests (a new one per request set up the
        # pragmas and Django's SQL functions again: most of a signed-in request's cost).
        config.setdefault("CONN_MAX_AGE", 60)
    else:
        config.setdefault("CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
        # A database that is away must be noticed in seconds (/healthz, the 503 page), not
        # after the operating system's TCP timeout.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", database_connect_timeout())
    return config


def database_connect_timeout() -> int:
    seconds = env("DATABASE_CONNECT_TIMEOUT")
    if seconds < 1:
        fail(f"DATABASE_CONNECT_TIMEOUT must be at least 1 (seconds), not {seconds}.")
    return seconds


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
    if config["BACKEND"] == "django_redis.cache.RedisCache":
        timeout = env("CACHE_SOCKET_TIMEOUT")
        if not 0 < timeout <= 30:
            fail(f"CACHE_SOCKET_TIMEOUT must be between 0 and 30 seconds, not {timeout}.")
        # Redis away is a cache miss, not an error: reads return nothing, writes are dropped,
        # and add() answers False, so every lock built on it (allauth's sign-in rate limits
        # among them) stays closed. /healthz reports the cache as unavailable meanwhile.
        config.setdefault("OPTIONS", {}).update(
            {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": timeout,
                "SOCKET_TIMEOUT": timeout,
            }
        )
    return config


TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "portal.tasks_rq.RQBackend",
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


def trusted_proxies() -> tuple[int, list[str]]:
    """(TRUSTED_PROXY_COUNT, TRUSTED_PROXIES): who may say, in X-Forwarded-For, who the
    visitor is (portal/client_address.py)."""
    import ipaddress

    count = env("TRUSTED_PROXY_COUNT")
    if count < 0:
        fail(f"TRUSTED_PROXY_COUNT must be 0 or more, not {count}.")
    proxies = [value.strip() for value in env("TRUSTED_PROXIES") if value.strip()]
    for value in proxies:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            fail(f"TRUSTED_PROXIES must list IP addresses or networks, not {value!r}.")
    if count and proxies:
        fail("Set TRUSTED_PROXY_COUNT or TRUSTED_PROXIES, not both.")
    return count, proxies


MFA_ROLES = ("staff", "steering", "partner")


def mfa_required_roles() -> list[str]:
    roles = [value.strip().lower() for value in env("KEKO_MFA_REQUIRED_ROLES") if value.strip()]
    for role in roles:
        if role not in MFA_ROLES:
            fail(f"KEKO_MFA_REQUIRED_ROLES may name {', '.join(MFA_ROLES)}, not {role!r}.")
    return roles


def rq_queues() -> dict:
    """RQ's queues when TASK_BACKEND=rq: TASK_REDIS_URL, else the Redis of CACHE_URL."""
    url = env("TASK_REDIS_URL") or env("CACHE_URL")
    if not url.startswith(("redis://", "rediss://", "unix://")):
        fail(
            "TASK_BACKEND=rq needs TASK_REDIS_URL (or a redis:// CACHE_URL), e.g. redis://HOST:6379/2."
        )
    # A task may run for long (the national analysis, a large import): an hour before RQ
    # gives up on it.
    return {"default": {"URL": url, "DEFAULT_TIMEOUT": 3600}}


def log_format() -> str:
    value = env("LOG_FORMAT").strip().lower()
    if value not in ("text", "json"):
        fail(f"LOG_FORMAT must be 'text' or 'json', not {value!r}.")
    return value


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


def gunicorn() -> dict:
    """gunicorn's settings (read by gunicorn.conf.py), checked like every other value."""
    values = {
        "workers": env("WEB_CONCURRENCY"),
        "timeout": env("GUNICORN_TIMEOUT"),
        "graceful_timeout": env("GUNICORN_GRACEFUL_TIMEOUT"),
        "max_requests": env("GUNICORN_MAX_REQUESTS"),
        "max_requests_jitter": env("GUNICORN_MAX_REQUESTS_JITTER"),
    }
    names = {
        "workers": "WEB_CONCURRENCY",
        "timeout": "GUNICORN_TIMEOUT",
        "graceful_timeout": "GUNICORN_GRACEFUL_TIMEOUT",
        "max_requests": "GUNICORN_MAX_REQUESTS",
        "max_requests_jitter": "GUNICORN_MAX_REQUESTS_JITTER",
    }
    for key in ("workers", "timeout", "graceful_timeout"):
        if values[key] < 1:
            fail(f"{names[key]} must be at least 1, not {values[key]}.")
    for key in ("max_requests", "max_requests_jitter"):
        if values[key] < 0:
            fail(f"{names[key]} must be 0 (off) or more, not {values[key]}.")
    return values


def supervision() -> tuple[int, int]:
    """How often `make run` restarts a process that died: (restarts, within seconds)."""
    limit, window = env("KEKO_RESTART_LIMIT"), env("KEKO_RESTART_WINDOW")
    if limit < 0 or window < 1:
        fail("KEKO_RESTART_LIMIT must be 0 or more and KEKO_RESTART_WINDOW at least 1 (seconds).")
    return limit, window


def positive_days(name: str) -> int:
    """A whole number of days, at least one."""
    try:
        days = env(name)
    except Exception:
        days = 0
    if not isinstance(days, int) or days < 1:
        fail(f"{name} must be a whole number of days, at least 1.")
    return days
