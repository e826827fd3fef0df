from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "techbridge.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from techbridge.directory import receivers  # noqa: F401 - connects the signal handlers
        from techbridge.directory.enums import NotificationKind
        from techbridge.notifications.kinds import register_kinds

        register_kinds(NotificationKind)
