"""Writes of the accounts app: inviting people and turning an invitation into an account."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.accounts.models import Invitation, Stewardship, hash_token
from portal.accounts.roles import ROLE_PARTNER
from portal.accounts.selectors import email_has_account
from portal.site_url import base_url


class InvitationNotUsable(Exception):
    """The invitation cannot be accepted; `reason` is an Invitation.Status value or "taken"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def invitation_url(*, invitation: Invitation, token: str) -> str:
    """The absolute acceptance link, in the invitation's language, built on settings.BASE_URL."""
    with translation.override(invitation.language):
        path = reverse("account_invitation", kwargs={"token": token})
    return f"{base_url()}{path}"


def invitation_create(
    *, email: str, role: str, language: str, invited_by=None, organisations=()
) -> Invitation:
    """Create an invitation and email its link. Raises what the mail backend raises (the
    invitation is kept; it can be resent). `organisations`: a network partner becomes their
    steward on accepting."""
    token = _new_token()
    now = timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email.strip().lower(),
            role=role,
            language=language,
            invited_by=invited_by,
            created=now,
            expires_at=now + timedelta(days=settings.KEKO_INVITATION_DAYS),
            token_hash=hash_token(token),
        )
        if organisations:
            invitation.organisations.set(organisations)
    _send_invitation_email(invitation=invitation, token=token)
    return invitation


def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send a fresh link (the old one stops working) and restart the expiry period."""
    if not invitation.can_resend:
        raise InvitationNotUsable(invitation.status)
    token = _new_token()
    with transaction.atomic():
        invitation.token_hash = hash_token(token)
        invitation.expires_at = timezone.now() + timedelta(days=settings.KEKO_INVITATION_DAYS)
        invitation.save(update_fields=["token_hash", "expires_at"])
    _send_invitation_email(invitation=invitation, token=token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Withdraw an invitation that has not been accepted; its link stops working."""
    if invitation.accepted_at is not None:
        raise InvitationNotUsable(Invitation.Status.ACCEPTED)
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def _send_invitation_email(*, invitation: Invitation, token: str) -> None:
    inviter = invitation.invited_by
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "accept_url": invitation_url(invitation=invitation, token=token),
            "inviter_name": (inviter.get_full_name() or inviter.email) if inviter else "",
            "role_label": invitation.get_role_display(),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        body = render_to_string("accounts/email/invitation_message.txt", context)
    EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]).send()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


def _username_for(email: str) -> str:
    User = get_user_model()
    username = email[:150]
    if not User.objects.filter(username__iexact=username).exists():
        return username
    return f"user-{secrets.token_hex(8)}"


@transaction.atomic
def invitation_accept(*, invitation: Invitation, first_name: str, last_name: str, password: str):
    """Create the invitee's account: verified email, the invitation's role, the chosen password.

    The invitation row is locked so that the same link cannot create two accounts.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise InvitationNotUsable(invitation.status)
    if email_has_account(invitation.email):
        raise InvitationNotUsable("taken")
    # Unconfirmed claims on the address by other accounts end here: its owner has it now.
    EmailAddress.objects.filter(email__iexact=invitation.email, verified=False).delete()
    User = get_user_model()
    user = User(
        username=_username_for(invitation.email),
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=invitation.group_name))
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    if invitation.role == ROLE_PARTNER:
        Stewardship.objects.bulk_create(
            [
                Stewardship(user=user, organisation_id=organisation_id)
                for organisation_id in invitation.organisations.values_list("pk", flat=True)
            ]
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user
