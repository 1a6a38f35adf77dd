"""Wagtail admin wiring of the accounts app: the Invitations menu item and views."""

from wagtail import hooks

from portal.accounts.admin_views import InvitationViewSet


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return InvitationViewSet()
