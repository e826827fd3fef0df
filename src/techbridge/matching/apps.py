from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "techbridge.matching"
    verbose_name = _("Matching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from techbridge.market.domain.ranking import register_ranking_backend, use_ranking_backend
        from techbridge.matching import receivers, tasks  # noqa: F401 - connects signals, registers jobs
        from techbridge.matching.domain.search import MatchingRanking

        # The market's search box finds listings in every language (docs/decisions/0014).
        register_ranking_backend(MatchingRanking.name, MatchingRanking)
        use_ranking_backend(MatchingRanking.name)
