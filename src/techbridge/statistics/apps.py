from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "techbridge.statistics"
    label = "statistics"
    verbose_name = _("Statistics and reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from techbridge.statistics import receivers, tasks  # noqa: F401  (registers the background jobs)

        receivers.connect()
