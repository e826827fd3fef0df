"""The demo matching: all published demo listings embedded; the demo broker's pins show first."""

from __future__ import annotations

from techbridge.demo.directory_demo import do_build_directory_demo
from techbridge.demo.market_demo import do_build_market_demo
from techbridge.demo.matching_demo import do_build_matching_demo
from techbridge.market.models import Listing
from techbridge.matching.models import ListingVector, MatchDecision


def test_matching_demo_embeds_published_listings_and_pins(db: None) -> None:
    do_build_directory_demo(seed=3, organisations=60, people=20)
    do_build_market_demo(seed=3, listings=300)

    lines = do_build_matching_demo(seed=3)

    published = Listing.objects.filter(status="published").count()
    assert ListingVector.objects.count() == published
    assert f"{published} listings embedded" in lines[0]
    assert MatchDecision.objects.exists()
    assert do_build_matching_demo(seed=3)[0].startswith("Matching: 0 listings embedded")
