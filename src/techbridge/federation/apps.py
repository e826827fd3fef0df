from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "techbridge.federation"
    label = "federation"
    verbose_name = _("Federation")

    def ready(self) -> None:
        from techbridge.federation import tasks  # noqa: F401 - registers the app's background jobs
