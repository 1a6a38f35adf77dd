"""Email addresses as the newsletter stores them: one normal form, and a hash for suppression."""

import hashlib
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

MAX_LENGTH = 254
# A fixed label, not SECRET_KEY: suppression entries must still match after a key rotation.
SUPPRESSION_HASH_LABEL = b"keko-newsletter-suppression:v1:"

# A lower-case ASCII addr-spec with a dotted domain: Django's sanitize_address() returns
# such an address unchanged (newsletter.smtp and newsletter.emails rely on that).
_ATEXT = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
PLAIN_ADDRESS = re.compile(
    rf"{_ATEXT}(?:\.{_ATEXT})*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+"
)

MSG_LINE_BREAK = _("An email address cannot contain line breaks. Type it on one line.")
MSG_INVALID = _("Enter a valid email address, for example name@example.fi.")
MSG_TOO_LONG = _("This email address is too long.")


def normalise_email(raw: str) -> str:
    """The stored form of an address: surrounding space removed, NFC, lower case.

    Raises ValidationError (with a translated message) for a malformed address or for line
    breaks, which would otherwise be an attempt to inject mail headers.
    """
    if "\r" in raw or "\n" in raw or "\x00" in raw:
        raise ValidationError(MSG_LINE_BREAK, code="line_break")
    email = unicodedata.normalize("NFC", raw.strip()).lower()
    if len(email) > MAX_LENGTH:
        raise ValidationError(MSG_TOO_LONG, code="too_long")
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(MSG_INVALID, code="invalid") from None
    return email


def email_hash(email: str) -> str:
    """SHA-256 of the normalised address: what a suppression entry keeps after erasure."""
    return hashlib.sha256(SUPPRESSION_HASH_LABEL + email.encode()).hexdigest()
