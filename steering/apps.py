from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steering"
    verbose_name = _("Steering group area")

    def ready(self):
        from steering import signals  # noqa: F401  (connects the privacy guards)
