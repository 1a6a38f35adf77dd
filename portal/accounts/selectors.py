"""Reads of the accounts app."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from portal.accounts.models import Invitation, hash_token

# secrets.token_urlsafe(32) gives 43 characters; anything far off is not ours.
MAX_TOKEN_LENGTH = 100


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, whatever its status; None for unknown tokens."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return Invitation.objects.filter(token_hash=hash_token(token)).first()


def email_has_account(email: str) -> bool:
    """True when a user or a verified allauth email address already uses this address.

    An unverified address (someone typed it as the address they want to change to, and its
    owner never confirmed it) reserves nothing: otherwise anyone signed in could block an
    invitation by typing the invitee's address into their own account.
    """
    User = get_user_model()
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
    )
