"""Demo matching: every published demo listing and expert profile embedded, and a broker's pin
on a few demands.

Built on top of the market demo. Uses the configured embedder (E5 by default: the model is
built into DATA_DIR/models on first use, about 20 s, then embedding runs in batches).
"""

from __future__ import annotations

import random

from techbridge.accounts.models import User
from techbridge.directory.roles import operated_centre_ids
from techbridge.market.enums import ListingKind, ListingStatus
from techbridge.market.models import Listing
from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.decisions import do_record_decision
from techbridge.matching.domain.recommend import best_matches_for_listing
from techbridge.matching.enums import DecisionKind
from techbridge.matching.tasks import build_listing_index, index_experts, index_listings

BROKER_EMAIL = "broker@techbridge.demo"
PINNED_DEMANDS = 3


def _pin_for_broker(*, seed: int) -> int:
    broker = User.objects.filter(email=BROKER_EMAIL).first()
    if broker is None:
        return 0
    demands = list(
        Listing.objects.filter(
            kind=ListingKind.DEMAND, status=ListingStatus.PUBLISHED, centre_id__in=operated_centre_ids(broker)
        ).order_by("pk")[:50]
    )
    pinned = 0
    chooser = random.Random(seed)  # noqa: S311 - demo data, not security
    for demand in chooser.sample(demands, min(PINNED_DEMANDS, len(demands))):
        suggestions = best_matches_for_listing(
            user=broker, candidates=candidate_listings(broker), listing=demand, limit=3
        )
        if suggestions:
            do_record_decision(
                user=broker, listing=demand, candidate=suggestions[-1].listing, kind=DecisionKind.PIN
            )
            pinned += 1
    return pinned


def do_build_matching_demo(*, seed: int) -> list[str]:
    counts = index_listings.call()
    ann = build_listing_index.call()  # a no-op when index_listings' own run already built it
    experts = index_experts.call()
    pinned = _pin_for_broker(seed=seed)
    return [
        f"Matching: {counts['embedded']} listings embedded, {counts['removed']} stale vectors removed",
        f"Matching: {experts['embedded']} expert profiles embedded",
        f"Matching: {pinned} demands with a match pinned by {BROKER_EMAIL}",
        f"Matching: nearest-neighbour index of {ann['rows']} listing vectors published",
    ]
