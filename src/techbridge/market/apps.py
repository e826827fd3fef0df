from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "techbridge.market"
    label = "market"
    verbose_name = _("Market")

    def ready(self) -> None:
        from techbridge.market import (
            receivers,  # noqa: F401 - connects the search revision's signals
            tasks,  # noqa: F401 - registers the jobs and their schedule
        )
        from techbridge.market.enums import NotificationKind
        from techbridge.notifications.kinds import register_kinds

        register_kinds(NotificationKind)
