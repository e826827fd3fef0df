from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "techbridge.federation"
    label = "federation"
    verbose_name = _("Federation")

    def ready(self) -> None:
        from techbridge.federation import (  # noqa: F401 - registers the jobs and the signal handlers
            receivers,
            tasks,
        )
