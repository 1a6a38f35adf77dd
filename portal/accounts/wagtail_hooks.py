"""Wagtail admin wiring of the accounts app: the Invitations menu item and views, and links
from Wagtail's account page to the sign-in security pages (allauth)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.accounts.admin_views import InvitationViewSet, StewardshipViewSet


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return InvitationViewSet()


@hooks.register("register_admin_viewset")
def register_stewardship_viewset():
    return StewardshipViewSet()


@hooks.register("register_account_menu_item")
def two_factor_authentication_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Two-factor authentication"),
        "help_text": _("Your authenticator app and recovery codes."),
    }


@hooks.register("register_account_menu_item")
def sessions_item(request):
    return {
        "url": reverse("usersessions_list"),
        "label": _("Sessions"),
        "help_text": _("Where you are signed in; sign out other sessions."),
    }


@hooks.register("register_account_menu_item")
def password_item(request):
    return {
        "url": reverse("account_change_password"),
        "label": _("Change password"),
        "help_text": _("Change the password you sign in with."),
    }
