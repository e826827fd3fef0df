from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "techbridge.matching"
    verbose_name = _("Matching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from techbridge.market.domain.ranking import register_ranking_backend
        from techbridge.matching import (
            receivers,  # noqa: F401 - connects the market's signals
            tasks,  # noqa: F401 - registers the jobs and their schedule
        )
        from techbridge.matching.domain.search import MatchingRanking

        register_ranking_backend(MatchingRanking.name, MatchingRanking)
