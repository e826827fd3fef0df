from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "techbridge.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from techbridge.notifications import tasks  # noqa: F401 - registers the e-mail and digest jobs
