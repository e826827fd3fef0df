from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "techbridge.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from techbridge.events import tasks  # noqa: F401 - registers the jobs and their schedule
