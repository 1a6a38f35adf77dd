"""Staff make a network partner an organisation's steward: in the invitation or later."""

import pytest
from django.urls import reverse

from portal.accounts.access import is_steward, stewarded_organisation_ids
from portal.accounts.forms import InvitationForm, StewardshipForm
from portal.accounts.models import Invitation, Stewardship
from portal.accounts.roles import NETWORK_PARTNERS
from portal.accounts.selectors import invitation_by_token
from portal.accounts.services import invitation_accept, invitation_create

pytestmark = pytest.mark.django_db


def test_an_invited_partner_becomes_the_steward_on_accepting(register, monkeypatch):
    tokens = []
    monkeypatch.setattr(
        "portal.accounts.services._new_token", lambda: tokens.append("t" * 43) or tokens[-1]
    )
    invitation = invitation_create(
        email="new@example.org",
        role="partner",
        language="sv",
        organisations=[register["ours"]],
    )
    assert list(invitation.organisations.all()) == [register["ours"]]
    user = invitation_accept(
        invitation=invitation_by_token(tokens[0]),
        first_name="Nea",
        last_name="Uusi",
        password="Kesto-Salasana-2026",
    )
    assert stewarded_organisation_ids(user) == {register["ours"].pk}


def test_only_partners_can_be_invited_as_stewards(register):
    form = InvitationForm(
        data={
            "email": "x@example.org",
            "role": "steering",
            "language": "fi",
            "organisations": [register["ours"].pk],
        }
    )
    assert not form.is_valid()
    assert "organisations" in form.errors


def test_the_stewards_admin_offers_only_partners(register, steward, make_account):
    other = make_account("plain@example.org")
    form = StewardshipForm()
    users = set(form.fields["user"].queryset)
    assert steward in users and other not in users


def test_account_page_links_a_steward_to_their_organisations(client, steward, partner_user):
    client.force_login(steward)
    url = reverse("ecosystem_stewardship:organisations")
    assert url in client.get(reverse("account_overview")).content.decode()
    client.force_login(partner_user)
    assert url not in client.get(reverse("account_overview")).content.decode()
    assert not is_steward(partner_user)


def test_a_steward_link_is_unique(register, steward):
    from django.core.exceptions import ValidationError

    duplicate = Stewardship(user=steward, organisation=register["ours"])
    with pytest.raises(ValidationError):
        duplicate.full_clean()
    assert Invitation.objects.count() == 0
    assert NETWORK_PARTNERS
