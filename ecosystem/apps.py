from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcosystemConfig(AppConfig):
    name = "ecosystem"
    verbose_name = _("Ecosystem")

    def ready(self) -> None:
        # The app's wiring lives here, above its layers: the register announces new data and
        # the map (a higher layer) listens, so no layer imports upward.
        from ecosystem.map.tasks import on_data_version_changed
        from ecosystem.register import signals
        from ecosystem.register.versioning import data_version_changed

        signals.connect()
        data_version_changed.connect(on_data_version_changed, dispatch_uid="ecosystem-map-warm-up")
