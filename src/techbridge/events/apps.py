from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "techbridge.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from techbridge.events import tasks  # noqa: F401 - registers the jobs and their schedule
        from techbridge.events.enums import NotificationKind
        from techbridge.notifications.kinds import register_kinds

        # A changed schedule matters before the next day's meetings: never held for a digest.
        register_kinds(NotificationKind, not_digestible=[NotificationKind.MEETING_SCHEDULE])
