from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "techbridge.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from techbridge.audit import receivers, tasks  # noqa: F401 - connects the signals, registers the purge job
