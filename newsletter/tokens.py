"""Signed links in newsletter emails.

- Confirmation links expire (NEWSLETTER_CONFIRM_MAX_AGE, three days by default): they are
  signed with a timestamp (django.core.signing.dumps / loads with max_age).
- Unsubscribe and preferences links never expire: a person must be able to leave a list from
  any old issue. They carry the subscriber's random key (never the address or the database
  id) and, for unsubscribe, the list; the signature makes them unforgeable.

Every token is bound to its purpose by a salt, so one kind cannot be used as another.
"""

from dataclasses import dataclass

from django.core import signing

from newsletter import conf

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
PREFERENCES_SALT = "newsletter.preferences"


class InvalidToken(Exception):
    """The link is forged, damaged or of another kind."""


class ExpiredToken(InvalidToken):
    """The link was genuine but is too old."""


@dataclass(frozen=True)
class ConfirmClaim:
    subscriber_key: str
    consent_id: int


@dataclass(frozen=True)
class UnsubscribeClaim:
    subscriber_key: str
    list_slug: str | None  # None: every list


def confirm_token(subscriber, consent) -> str:
    """The token of a confirmation link for one consent request."""
    return signing.dumps({"k": subscriber.key.hex, "c": consent.pk}, salt=CONFIRM_SALT)


def read_confirm_token(token: str) -> ConfirmClaim:
    """Check a confirmation token; raises ExpiredToken or InvalidToken."""
    try:
        max_age = conf.get("NEWSLETTER_CONFIRM_MAX_AGE")
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise InvalidToken from error
    try:
        return ConfirmClaim(subscriber_key=str(data["k"]), consent_id=int(data["c"]))
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error


def unsubscribe_signer() -> signing.Signer:
    """A signer for unsubscribe tokens; a send makes one and reuses it for every message."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT)


def preferences_signer() -> signing.Signer:
    return signing.Signer(salt=PREFERENCES_SALT)


def unsubscribe_token(subscriber, mailing_list=None, signer=None) -> str:
    """The token of a one-click unsubscribe link (one list, or every list)."""
    payload = {"k": subscriber.key.hex, "l": mailing_list.slug if mailing_list else None}
    return (signer or unsubscribe_signer()).sign_object(payload)


def read_unsubscribe_token(token: str) -> UnsubscribeClaim:
    try:
        data = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
        slug = data["l"]
        return UnsubscribeClaim(
            subscriber_key=str(data["k"]), list_slug=str(slug) if slug is not None else None
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise InvalidToken from error


def preferences_token(subscriber, signer=None) -> str:
    """The token of the manage-preferences link."""
    return (signer or preferences_signer()).sign(subscriber.key.hex)


def read_preferences_token(token: str) -> str:
    """The subscriber key in a preferences token; raises InvalidToken."""
    try:
        return signing.Signer(salt=PREFERENCES_SALT).unsign(token)
    except signing.BadSignature as error:
        raise InvalidToken from error
