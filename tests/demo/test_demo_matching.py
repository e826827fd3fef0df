"""The demo matching: all published demo listings embedded; the demo broker's pins show first."""

from __future__ import annotations

from techbridge.accounts.models import User
from techbridge.demo.builders import topics
from techbridge.demo.directory_demo import do_build_directory_demo
from techbridge.demo.market_demo import do_build_market_demo
from techbridge.demo.matching_demo import do_build_matching_demo
from techbridge.directory.access import visible_organisations
from techbridge.directory.models import ExpertProfile
from techbridge.directory.roles import operated_centre_ids
from techbridge.market.models import Listing
from techbridge.matching.access import candidate_experts
from techbridge.matching.domain.experts import suggested_experts
from techbridge.matching.models import ExpertVector, ListingVector, MatchDecision


def test_matching_demo_embeds_published_listings_and_pins(db: None) -> None:
    do_build_directory_demo(seed=3, organisations=60, people=20)
    do_build_market_demo(seed=3, listings=300)

    lines = do_build_matching_demo(seed=3)

    published = Listing.objects.filter(status="published").count()
    assert ListingVector.objects.count() == published
    assert f"{published} listings embedded" in lines[0]
    assert MatchDecision.objects.exists()
    assert lines[-1] == f"Matching: nearest-neighbour index of {published} listing vectors published"
    assert do_build_matching_demo(seed=3)[0].startswith("Matching: 0 listings embedded")


def _topic_of(text: str) -> str:
    return next(topic.en for topic in topics() if topic.en in text)


def test_matching_demo_experts_answer_the_demo_demands(db: None) -> None:
    do_build_directory_demo(seed=3, organisations=60, people=150)
    do_build_market_demo(seed=3, listings=200)

    lines = do_build_matching_demo(seed=3)

    assert ExpertVector.objects.count() == ExpertProfile.objects.count() > 0
    assert f"{ExpertProfile.objects.count()} expert profiles embedded" in lines[1]
    broker = User.objects.get(email="broker@techbridge.demo")
    demands = Listing.objects.filter(
        kind="demand", status="published", centre_id__in=operated_centre_ids(broker)
    ).order_by("pk")[:10]
    assert demands
    answered = 0
    for demand in demands:
        top = suggested_experts(
            user=broker,
            experts=candidate_experts(broker),
            organisations=visible_organisations(broker),
            listing=demand,
            limit=3,
        )
        assert top, "every demo demand has experts to suggest"
        topic = _topic_of(demand.title["en"])
        answered += any(_topic_of(s.profile.expertise["en"]) == topic for s in top)
    # With the test embedder (words only) an expert on the demand's topic is among the first
    # three for 8-9 of 10; the others have no visible expert on their topic.
    assert answered >= 7
