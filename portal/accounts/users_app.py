"""wagtail.users with the portal's users list (portal.accounts.admin_users); INSTALLED_APPS
names this class in place of "wagtail.users". An app config module: no models imported."""

from wagtail.users.apps import WagtailUsersAppConfig


class KekoUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "portal.accounts.admin_users.KekoUserViewSet"
