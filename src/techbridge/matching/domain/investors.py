"""Investors for a technology offer: the capital offers among its best matches, shown apart
from the demands, with how the offer fits each investor's stages and target countries.

The core ranks them (capital ↔ offer is a complementary pair); the investment-specific fit
lives here because the core knows nothing of tickets or investment stages. An investor
whose stated stages or countries exclude the offer moves below the ones that fit (a
broker's pin stays first); nothing is dropped, since a stated preference is not a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.db.models import QuerySet

from techbridge.directory.roles import AnyUser
from techbridge.market.enums import DevelopmentStage, InvestmentStage, ListingKind
from techbridge.market.models import Listing
from techbridge.matching.domain.recommend import SuggestedMatch, best_matches_for_listing

InvestorFit = Literal["any", "inside", "outside", "unknown"]
"""`any`: the investor states no preference; `unknown`: the offer does not say."""

STAGES_BY_DEVELOPMENT: dict[str, frozenset[str]] = {
    DevelopmentStage.CONCEPT: frozenset({InvestmentStage.SEED}),
    DevelopmentStage.UNDER_DEVELOPMENT: frozenset({InvestmentStage.SEED, InvestmentStage.EARLY}),
    DevelopmentStage.LAB_TESTED: frozenset({InvestmentStage.SEED, InvestmentStage.EARLY}),
    DevelopmentStage.DEMONSTRATED: frozenset({InvestmentStage.EARLY, InvestmentStage.GROWTH}),
    DevelopmentStage.ON_THE_MARKET: frozenset({InvestmentStage.GROWTH, InvestmentStage.LATE}),
}


def _stages_by_trl(trl: int) -> frozenset[str]:
    if trl <= 3:
        return frozenset({InvestmentStage.SEED})
    if trl <= 6:
        return frozenset({InvestmentStage.SEED, InvestmentStage.EARLY})
    if trl <= 8:
        return frozenset({InvestmentStage.EARLY, InvestmentStage.GROWTH})
    return frozenset({InvestmentStage.GROWTH, InvestmentStage.LATE})


def investment_stages_of(offer: Listing) -> frozenset[str]:
    """The investment stages an offer's development stage (else its TRL) corresponds to."""
    if offer.stage:
        return STAGES_BY_DEVELOPMENT.get(offer.stage, frozenset())
    return _stages_by_trl(offer.trl) if offer.trl else frozenset()


@dataclass(frozen=True, slots=True)
class SuggestedInvestor:
    suggestion: SuggestedMatch
    stage_fit: InvestorFit
    region_fit: InvestorFit
    offer_stages: tuple[str, ...]
    """The investor's stated stages that the offer's stage corresponds to."""
    stage_labels: tuple[str, ...]
    """The investor's stated stages, readable."""

    @property
    def listing(self) -> Listing:
        return self.suggestion.listing

    @property
    def fits(self) -> bool:
        return "outside" not in (self.stage_fit, self.region_fit)


def stage_fit(offer: Listing, capital: Listing) -> tuple[InvestorFit, tuple[str, ...]]:
    if not capital.investment_stages:
        return "any", ()
    stages = investment_stages_of(offer)
    if not stages:
        return "unknown", ()
    shared = tuple(stage for stage in capital.investment_stages if stage in stages)
    return ("inside" if shared else "outside"), shared


def region_fit(offer: Listing, capital: Listing) -> InvestorFit:
    if not capital.target_countries:
        return "any"
    if not offer.country:
        return "unknown"
    return "inside" if offer.country in capital.target_countries else "outside"


def suggested_investors(
    *, user: AnyUser, candidates: QuerySet[Listing], offer: Listing, limit: int = 5
) -> list[SuggestedInvestor]:
    """The visible capital offers that fit a technology offer, best first, fitting ones first."""
    suggestions = best_matches_for_listing(
        user=user, candidates=candidates, listing=offer, limit=limit, kinds=frozenset({ListingKind.CAPITAL})
    )
    investors = []
    for suggestion in suggestions:
        stages, shared = stage_fit(offer, suggestion.listing)
        investors.append(
            SuggestedInvestor(
                suggestion=suggestion,
                stage_fit=stages,
                region_fit=region_fit(offer, suggestion.listing),
                offer_stages=shared,
                stage_labels=tuple(
                    str(InvestmentStage(stage).label)
                    for stage in suggestion.listing.investment_stages
                    if stage in InvestmentStage.values
                ),
            )
        )
    return sorted(investors, key=lambda i: (not i.suggestion.match.pinned, not i.fits))
