import pytest
from django.core.cache import cache


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


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (page cache, rate limits)."""
    cache.clear()
    yield
    cache.clear()


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
