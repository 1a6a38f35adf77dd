"""System checks of a production configuration that Django's own checks do not cover.

The sender check is an error in production mode, so `manage.py check`, `migrate` and
`setup_portal` (which `make run` and a deployment run first) refuse to go on with it.
"""

from email.utils import parseaddr

from django.conf import settings
from django.core import checks

# Addresses no receiving server can verify (no SPF, DKIM or DMARC is possible for them).
UNVERIFIABLE_DOMAINS = ("localhost", "localdomain", "invalid", "example", "test", "local")


def _sender_domain(address: str) -> str:
    return parseaddr(address)[1].rpartition("@")[2].lower().rstrip(".")


def unverifiable_sender(address: str) -> bool:
    """Whether mail from `address` can never pass SPF/DKIM/DMARC: no domain, a domain
    without a dot, or a reserved one (keko@localhost, the default)."""
    domain = _sender_domain(address)
    if not domain or "." not in domain:
        return True
    return domain.rsplit(".", 1)[-1] in UNVERIFIABLE_DOMAINS


def check_sender(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    errors = []
    for name in ("DEFAULT_FROM_EMAIL", "SERVER_EMAIL"):
        address = getattr(settings, name, "")
        if unverifiable_sender(address):
            errors.append(
                checks.Error(
                    f"{name} is {address!r}: mail from it cannot pass SPF, DKIM or DMARC.",
                    hint="Set DEFAULT_FROM_EMAIL to an address of the domain whose SPF and "
                    "DKIM records cover your mail server (README: Email deliverability).",
                    id="keko.E001",
                )
            )
    return errors


def check_https_base_url(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    if settings.BASE_URL.startswith("https://"):
        return []
    return [
        checks.Warning(
            f"BASE_URL is {settings.BASE_URL!r} although production mode serves https only.",
            hint="Set BASE_URL=https://… (links are written with https meanwhile).",
            id="keko.W001",
        )
    ]


def register() -> None:
    checks.register(check_sender, "keko")
    checks.register(check_https_base_url, "keko", deploy=True)
