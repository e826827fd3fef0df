from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "techbridge.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self) -> None:
        from techbridge.cooperation import tasks  # noqa: F401 - registers the app's background jobs
        from techbridge.cooperation.enums import NotificationKind
        from techbridge.notifications.kinds import register_kinds

        register_kinds(NotificationKind)
