"""Admin pages answer properly (not 500) for a user linked to an invitation and for a
snippet chooser given an id that is not a UUID."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from portal.accounts.services import invitation_create


@pytest.fixture
def admin_client(admin_user, sign_in):
    client = Client()
    sign_in(client, admin_user)
    return client


def test_usage_of_a_user_who_sent_and_accepted_invitations(admin_client, admin_user, settings):
    settings.BASE_URL = "https://keko.example.fi"
    # The reference index is updated by a background task: run it at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    invitation = invitation_create(
        email="kutsuttu@example.fi", role="partner", language="fi", invited_by=admin_user
    )
    invitation.accepted_user = admin_user
    invitation.save()
    call_command("rebuild_references_index", stdout=io.StringIO())
    # Rows indexed before invitations left the index are removed by migration 0003.
    response = admin_client.get(f"/admin/users/usage/{admin_user.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "pk", ["not-a-uuid", "1", "00000000-0000-0000-0000-000000000000", "%00", "x" * 300]
)
def test_a_snippet_chooser_with_a_bad_id_answers_404(admin_client, pk):
    response = admin_client.get(f"/admin/snippets/choose/ecosystem/organisation/chosen/{pk}/")
    assert response.status_code == 404
