"""Fixtures of every test: settings for tests, a cache and language of each test's own, the
demo register, accounts of every role.

The suite runs in parallel (pytest-xdist, `-n 2`) and in random order (pytest-randomly), so
nothing may outlive a test: each test runs in a transaction rolled back after it, the cache is
a local-memory cache of the test process (cleared around every test), the active language is
reset after every test.
"""

import gc
import uuid

import pytest
from django.core.cache import cache
from django.utils import translation

# The cache CACHE_URL configures (a file cache in var/ by default, Redis in CI's second run),
# kept for the tests about cache backends; every other test uses local memory (see below).
CONFIGURED_CACHE: dict = {}
TEST_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "keko-tests",
}


def pytest_configure(config):
    """Tests render templates without running collectstatic first: plain static storage."""
    from django.conf import settings
    from django.test.signals import setting_changed

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The storage handler has already read STORAGES during django.setup(): let it re-read.
    setting_changed.send(sender=None, setting="STORAGES", value=settings.STORAGES, enter=True)
    # Production-strength password hashing costs most of a second per sign-in; the tests check
    # behaviour, not hashing cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    setting_changed.send(
        sender=None, setting="PASSWORD_HASHERS", value=settings.PASSWORD_HASHERS, enter=True
    )
    # Each test process has a cache of its own in memory: the checkout's file cache (or the CI's
    # Redis database) is shared by parallel test processes and cleared around every test, so
    # one process would empty the other's cache in the middle of a test.
    CONFIGURED_CACHE.update(settings.CACHES["default"])
    settings.CACHES = {"default": dict(TEST_CACHE)}
    setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)

    from tests import scheduling

    config.pluginmanager.register(scheduling, "keko-scheduling")


_TEMPLATE_BUILD = []


def pytest_sessionstart(session):
    """In pytest-xdist's controller: start building the migrated template database
    (tests/migrated_database.py) while the test processes start and collect."""
    config = session.config
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    from tests import migrated_database

    build = migrated_database.build_in_background()
    if build is not None:
        _TEMPLATE_BUILD.append(build)


def pytest_sessionfinish(session):
    for build in _TEMPLATE_BUILD:
        build.wait()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Tests that share an expensive fixture run in one test process (`--dist loadgroup`, see
    the Makefile): the fault tests share one throwaway PostgreSQL cluster per process, and a
    module's tests share a module-scoped real portal (migrated and collected in a subprocess).
    Split over both processes, each would build its own.

    First among the plain hooks (after pytest-randomly's shuffle, which wraps them all):
    pytest-xdist reads the groups in a hook of its own, registered after this file, and a
    group marked after it had read them was silently ignored (the fault tests ran in both
    processes, each with a cluster of its own).
    """
    for item in items:
        fixtures = getattr(item, "_fixtureinfo", None)
        definitions = fixtures.name2fixturedefs.values() if fixtures else ()
        if item.get_closest_marker("faults"):
            group = "faults"
        elif any(definition.scope == "module" for defs in definitions for definition in defs):
            group = item.module.__name__
        else:
            continue
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_collection_finish(session):
    """A group that pytest-xdist did not take is an error, not a silent slowdown: xdist
    carries an item's group in its node id (`...@faults`), and pytest 9.2 made that a no-op
    (pytest-xdist issue #1386), so every group ran split over both processes.

    Also: what the test process has imported by now lives as long as it does, so it goes to
    the garbage collector's permanent generation (as portal.boot does for the portal's own
    processes); the collections during the tests then leave it alone."""
    gc.freeze()
    if not getattr(session.config.option, "loadgroup", False):
        return
    lost = [
        item.nodeid
        for item in session.items
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid.rpartition("]")[2]
    ]
    if lost:
        raise pytest.UsageError(
            f"--dist loadgroup did not group {len(lost)} tests (e.g. {lost[0]}): this pytest "
            "and pytest-xdist do not work together (see the pytest bound in pyproject.toml)."
        )


@pytest.fixture(scope="session")
def _test_database_from_template(django_db_use_migrations, django_db_keepdb):
    """pytest-django's test database starts as a copy of the migrated template
    (tests/migrated_database.py) instead of migrating an empty one in every test process;
    Django's `migrate` then finds nothing left to apply and only runs its post-migrate steps.
    Without migrations (--nomigrations) or with a kept database there is nothing to copy."""
    from django.db import connections
    from django.db.backends.sqlite3.creation import DatabaseCreation

    from tests import migrated_database

    if not django_db_use_migrations or django_db_keepdb:
        yield
        return
    connection = connections["default"]
    if connection.vendor == "postgresql":
        template = migrated_database.postgres_template()
        connection.settings_dict.setdefault("TEST", {})["TEMPLATE"] = template
        yield
        return
    create_empty = DatabaseCreation._create_test_db

    def create_from_template(self, verbosity, autoclobber, keepdb=False):
        name = create_empty(self, verbosity, autoclobber, keepdb)
        if not keepdb:
            migrated_database.load_into_sqlite_test_database(name, self.is_in_memory_db(name))
        return name

    DatabaseCreation._create_test_db = create_from_template
    try:
        yield
    finally:
        DatabaseCreation._create_test_db = create_empty


@pytest.fixture(scope="session")
def django_db_setup(_test_database_from_template, django_db_setup):
    """pytest-django's own, on a test database copied from the migrated template."""
    yield


def configured_cache_settings() -> dict:
    """CACHES with the cache CACHE_URL configures as the default, under a key prefix of its own:
    nothing run with it touches (or clears) another test's entries, in this process or a
    parallel one."""
    return {
        "default": {**CONFIGURED_CACHE, "KEY_PREFIX": f"keko-test-{uuid.uuid4().hex}"},
    }


@pytest.fixture
def configured_cache():
    """The test runs with the cache CACHE_URL configures (file cache, Redis, ...) as the
    default cache; returns that cache."""
    from django.core.cache import caches
    from django.test import override_settings

    with override_settings(CACHES=configured_cache_settings()):
        yield caches["default"]


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (page cache, rate limits)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language():
    """Every test starts and ends in the default language (Finnish).

    Django's LocaleMiddleware activates the language of each request in the test's thread
    and nothing deactivates it afterwards: without this, a request to an /en/ page in one
    test left English active for the code of the next test in the same process.
    """
    translation.deactivate()
    yield
    translation.deactivate()


# --- The demo register ----------------------------------------------------------------------
# Built once per test process: the demo document is read, checked and written once by the
# real loader (ecosystem.demo.load) in a transaction that is rolled back, and its rows kept.
# A test that asks for the demo gets those rows copied in with a few bulk inserts, inside its
# own transaction; every other test sees an empty register.


def _register_models():
    """The register's models and many-to-many tables, in an order that inserts cleanly."""
    from ecosystem.exchange.spec import KINDS

    models = [kind.model for kind in KINDS.values()]
    through = [field.remote_field.through for model in models for field in model._meta.many_to_many]
    return models + through


def _register_rows() -> list[tuple[type, list[dict]]]:
    """Every stored row of the register, by model (auto-numbered ids left to the database)."""
    rows = []
    for model in _register_models():
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if not (field.primary_key and field.get_internal_type().endswith("AutoField"))
        ]
        rows.append((model, list(model.objects.order_by("pk").values(*names))))
    return rows


@pytest.fixture(scope="session")
def _demo_register_rows(django_db_setup, django_db_blocker):
    from django.db import transaction

    from ecosystem.demo import loader as demo

    with django_db_blocker.unblock(), transaction.atomic():
        assert demo.load(), "the demo register must load into the empty test database"
        rows = _register_rows()
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def demo_register(db, _demo_register_rows):
    """The demo ecosystem of Central Uusimaa (ecosystem/demo/demo_ecosystem.json) as
    `make run` loads it, in this test's transaction.

    The rows the real loader wrote once for the session are copied in with bulk inserts
    (about 15 queries); when the test has already stored register records of its own, the
    demo is loaded by the real loader over them instead.
    """
    from django.db import transaction

    from ecosystem.demo import loader as demo
    from ecosystem.models import Municipality, Organisation, Service, TargetGroup
    from ecosystem.register.versioning import bump_data_version

    if any(model.objects.exists() for model in (Municipality, TargetGroup, Organisation, Service)):
        demo.load()
        return
    with transaction.atomic():
        for model, rows in _demo_register_rows:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
        bump_data_version()  # what the loader's bulk write does


# --- The demo site and the steering area's demo ------------------------------------------------
# Like the register: the real loaders (cms_pages.demo, steering.demo) run once per test process,
# in the first test that asks for them, inside a savepoint that is rolled back; what they changed
# is kept (tests/db_snapshot.py) and replayed into every later test that asks for the demo with a
# few statements per table. The change depends on the task backend (the search index is updated
# by tasks: queued rows, or index rows when a test runs tasks at once), so one is kept for each.
# When the tables are no longer as the loaders found them (the test made pages of its own
# first), the real loaders run instead.


@pytest.fixture(scope="session")
def _recorded_demo_changes(tmp_path_factory) -> dict:
    """{(demo, task backend): (change, folder of the files the loaders wrote)}, and under
    "media" the folder those folders go in."""
    return {"media": tmp_path_factory.mktemp("demo-media")}


def _load_recorded(changes: dict, name: str, load, media_root: str | None = None):
    """`load()` in this test's transaction, replayed from the change recorded the first time;
    returns what `load()` returned then."""
    import shutil

    from django.conf import settings
    from django.test import override_settings
    from wagtail.models import Site

    from steering.privacy import RESTRICTED_PATHS_KEY
    from tests import db_snapshot

    key = (name, settings.TASKS["default"]["BACKEND"])
    if key not in changes:
        media = str(changes["media"] / f"{len(changes)}")
        returned = []
        with override_settings(MEDIA_ROOT=media):
            change = db_snapshot.record(lambda: returned.append(load()))
        changes[key] = (change, media, returned[0])
    change, media, result = changes[key]
    if not db_snapshot.applies(change):
        return load()
    db_snapshot.replay(change)
    if media_root:
        shutil.copytree(media, media_root, dirs_exist_ok=True)
    # What the loaders leave in the cache: nothing but two invalidations.
    Site.clear_site_root_paths_cache()
    cache.delete(RESTRICTED_PATHS_KEY)
    return result


@pytest.fixture
def recorded_load(db, _recorded_demo_changes):
    """recorded_load(name, load): `load()` in this test's transaction, recorded the first time
    and replayed after (falling back to `load()` when the tables have changed), for a demo
    loader of one area on top of the demo fixtures the test already asked for."""

    def run(name: str, load):
        return _load_recorded(_recorded_demo_changes, name, load)

    return run


@pytest.fixture
def site_demo(db, _recorded_demo_changes):
    """The demo site as `cms_pages.demo.load()` leaves it, in this test's transaction."""
    from cms_pages import demo as site_demo

    _load_recorded(_recorded_demo_changes, "site", site_demo.load)


@pytest.fixture
def site_and_steering_demo(db, settings, tmp_path, _recorded_demo_changes):
    """The demo site and the steering area's demo as their loaders leave them, in this test's
    transaction, with the demo's files under a temporary MEDIA_ROOT of the test's own."""
    from cms_pages import demo as site_demo
    from steering import demo as steering_demo

    def load():
        site_demo.load()
        steering_demo.load()

    settings.MEDIA_ROOT = str(tmp_path / "media")
    _load_recorded(_recorded_demo_changes, "site+steering", load, settings.MEDIA_ROOT)


@pytest.fixture
def site_and_news_demo(db, _recorded_demo_changes) -> str:
    """The demo site and the demo news, events and guest blog (cms_pages.demo_news) as their
    loaders leave them; returns what the news loader reported."""
    from cms_pages import demo as site_demo
    from cms_pages import demo_news

    def load():
        site_demo.load()
        return demo_news.load()

    return _load_recorded(_recorded_demo_changes, "site+news", load)


# --- Accounts and roles -------------------------------------------------------------------
# Users of every role, signed in through the real allauth flow (password, then a TOTP code
# computed with allauth's own helpers). The groups come from portal.accounts' migration.

TEST_PASSWORD = "Kesto-Salasana-2026"


def totp_code(secret: str, step_offset: int = 0) -> str:
    """The authenticator-app code for `secret` now (or `step_offset` 30-second steps away)."""
    import time

    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // mfa_settings.TOTP_PERIOD + step_offset
    return format_hotp_value(hotp_value(secret, counter))


def create_account(email, *, groups=(), superuser=False, totp=False, verified=True):
    """A user with a (verified) allauth email address, in the named groups, optionally with
    an authenticator app and recovery codes. `user.test_password` / `user.totp_secret` say
    how to sign in."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=email,
        email=email,
        password=TEST_PASSWORD,
        first_name=email.split("@")[0].title(),
        is_superuser=superuser,
        is_staff=superuser,
    )
    # get(), not filter(): a missing role group (the data migration did not run) must fail.
    user.groups.add(*[Group.objects.get(name=name) for name in groups])
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    user.test_password = TEST_PASSWORD
    user.totp_secret = None
    if totp:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
        RecoveryCodes.activate(user)
    return user


@pytest.fixture
def make_account(db):
    """create_account as a fixture (needs the database)."""
    return create_account


@pytest.fixture
def partner_user(make_account):
    from portal.accounts.roles import NETWORK_PARTNERS

    return make_account("partner@example.org", groups=[NETWORK_PARTNERS])


@pytest.fixture
def steering_user(make_account):
    from portal.accounts.roles import STEERING_GROUP

    return make_account("steering@example.org", groups=[STEERING_GROUP])


@pytest.fixture
def staff_user(make_account):
    """Project staff with an authenticator app (TOTP) and recovery codes."""
    from portal.accounts.roles import PROJECT_STAFF

    return make_account("staff@example.org", groups=[PROJECT_STAFF], totp=True)


@pytest.fixture
def staff_user_without_mfa(make_account):
    from portal.accounts.roles import PROJECT_STAFF

    return make_account("new-staff@example.org", groups=[PROJECT_STAFF])


@pytest.fixture
def admin_user(make_account):
    """A superuser with an authenticator app (replaces pytest-django's admin_user)."""
    from portal.accounts.roles import PROJECT_STAFF

    return make_account("admin@example.org", groups=[PROJECT_STAFF], superuser=True, totp=True)


@pytest.fixture
def sign_in():
    """sign_in(client, user, next_url=None) signs in through allauth's pages: email and
    password, then (for users with an authenticator) a fresh TOTP code. Returns the last
    response. A TOTP code works once, so repeated sign-ins in one test use the neighbouring
    30-second codes (the settings accept one step either way)."""
    from django.urls import reverse

    used_codes = set()

    def _sign_in(client, user, next_url=None):
        data = {"login": user.email, "password": user.test_password}
        if next_url:
            data["next"] = next_url
        response = client.post(reverse("account_login"), data)
        if user.totp_secret:
            assert response.status_code == 302, response.content[:500]
            assert response["Location"].startswith(reverse("mfa_authenticate"))
            code = next(
                code
                for offset in (0, 1, -1)
                if (user.pk, code := totp_code(user.totp_secret, offset)) not in used_codes
            )
            used_codes.add((user.pk, code))
            response = client.post(reverse("mfa_authenticate"), {"code": code})
        assert client.session.get("_auth_user_id") == str(user.pk), "sign-in failed"
        return response

    return _sign_in
