from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Ecosystem dashboard")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from dashboard.tasks import enqueue_after_analysis
        from ecosystem.network.tasks import analysis_computed

        analysis_computed.connect(enqueue_after_analysis, dispatch_uid="dashboard-metrics")
