"""An address someone typed into their own account, unverified, reserves nothing.

The probe: a partner adds a stranger's address as an extra email on their own account; the
admin then could not invite that person, a pending invitation for it answered 410, and the
stranger got a confirmation mail naming the partner.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.accounts.forms import InvitationForm
from portal.accounts.services import invitation_create

STRANGER = "naapuri@example.fi"
GOOD_PASSWORD = "Vahva-Salasana-Tuusula-7"
LINK = re.compile(r"https?://\S+(/accounts/invitation/[\w-]+/)")


@pytest.fixture
def partner_client(partner_user, sign_in):
    client = Client()
    sign_in(client, partner_user)
    return client


def _add_address(client, email):
    mail.outbox.clear()
    return client.post(reverse("account_email"), {"action_add": "", "email": email})


def test_a_partner_has_one_address_and_cannot_collect_more(partner_client, partner_user):
    _add_address(partner_client, STRANGER)
    _add_address(partner_client, "toinen@example.fi")
    addresses = EmailAddress.objects.filter(user=partner_user)
    # The own, verified address, plus at most one change waiting for its confirmation.
    assert addresses.filter(verified=True).count() == 1
    assert addresses.filter(verified=False).count() <= 1


def test_the_confirmation_mail_does_not_name_the_account_holder(partner_client, partner_user):
    _add_address(partner_client, STRANGER)
    sent = [message for message in mail.outbox if STRANGER in message.to]
    assert sent, "a confirmation mail goes to the new address"
    text = sent[0].subject + sent[0].body
    for alternative, _type in getattr(sent[0], "alternatives", []):
        text += alternative
    assert partner_user.email not in text
    assert partner_user.first_name not in text


def test_an_unverified_address_does_not_block_an_invitation(partner_client, db):
    _add_address(partner_client, STRANGER)
    assert EmailAddress.objects.filter(email=STRANGER, verified=False).exists()

    form = InvitationForm(data={"email": STRANGER, "role": "partner", "language": "fi"})
    assert form.is_valid(), form.errors


def test_a_pending_invitation_is_accepted_after_someone_typed_the_address(
    partner_client, partner_user, settings
):
    settings.BASE_URL = "https://keko.example.fi"
    invitation_create(email=STRANGER, role="steering", language="fi")
    path = LINK.search(mail.outbox[-1].body).group(1)
    _add_address(partner_client, STRANGER)

    response = Client().post(
        path,
        {
            "first_name": "Nea",
            "last_name": "Naapuri",
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
        },
    )
    assert response.status_code == 302, response.content[:300]
    owner = EmailAddress.objects.get(email=STRANGER, verified=True)
    assert owner.user.first_name == "Nea"
    # The partner's unconfirmed claim on the address is gone; their own address stays.
    assert not EmailAddress.objects.filter(user=partner_user, email=STRANGER).exists()
    assert EmailAddress.objects.filter(user=partner_user, verified=True).count() == 1
