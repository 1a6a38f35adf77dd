from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from portal.accounts.signals import remember_mfa_setup

        authenticator_added.connect(remember_mfa_setup, dispatch_uid="keko_remember_mfa_setup")
