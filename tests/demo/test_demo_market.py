"""The demo market: every listing type in three languages, interests in several states, reproducible."""

from __future__ import annotations

from django.test import Client

from techbridge.demo.directory_demo import do_build_directory_demo
from techbridge.demo.market_demo import do_build_market_demo
from techbridge.market.models import ExpressionOfInterest, Listing


def _build(seed: int, listings: int) -> list[str]:
    do_build_directory_demo(seed=seed, organisations=60, people=20)
    return do_build_market_demo(seed=seed, listings=listings)


def test_market_demo_is_a_believable_market(db: None) -> None:
    lines = _build(5, 2000)

    kinds = set(Listing.objects.values_list("kind", flat=True))
    languages = {code for title in Listing.objects.values_list("title", flat=True) for code in title}
    interest_states = set(ExpressionOfInterest.objects.values_list("status", flat=True))
    assert Listing.objects.count() == 2000
    assert kinds == {"offer", "demand", "rd_cooperation", "capital", "expertise", "service"}
    assert languages == {"en", "zh-hans", "hu"}
    assert len(interest_states) >= 4
    assert Listing.objects.filter(status="published").count() > 1400
    assert "2000 listings" in lines[0]


def test_market_demo_is_searchable_in_chinese(db: None) -> None:
    _build(2, 200)

    response = Client().get("/market/?q=新能源汽车")

    assert response.status_code == 200
    assert response.context["page"].paginator.count > 0


def test_market_demo_is_reproducible_for_a_seed(db: None) -> None:
    _build(3, 100)
    first = list(Listing.objects.order_by("id").values_list("title", "kind", "status", "visibility"))
    Listing.objects.all().delete()

    do_build_market_demo(seed=3, listings=100)

    assert list(Listing.objects.order_by("id").values_list("title", "kind", "status", "visibility")) == first


def test_market_demo_logins_have_saved_searches_that_find_listings(db: None) -> None:
    _build(3, 400)
    from django.core import mail
    from django.utils import timezone

    from techbridge.market.models import SavedSearch
    from techbridge.market.tasks import send_saved_search_alerts

    searches = SavedSearch.objects.select_related("user")
    assert searches.count() >= 2
    assert all(search.user.email.endswith("@techbridge.demo") for search in searches)
    mailed = sum(
        int(send_saved_search_alerts.call(frequency=frequency, now_iso=timezone.now().isoformat()))
        for frequency in ("daily", "weekly")
    )
    assert mailed > 0
    assert mail.outbox


def test_every_demo_listing_awaiting_review_is_seen_by_an_active_broker(db: None) -> None:
    from techbridge.accounts.models import User
    from techbridge.directory.models import Centre
    from techbridge.market.access import reviewable_listings

    _build(4, 600)
    brokers = User.objects.filter(centre_roles__isnull=False, is_active=True, is_superuser=False).distinct()
    seen = set().union(*(set(reviewable_listings(broker).values_list("pk", flat=True)) for broker in brokers))
    waiting = set(Listing.objects.filter(status="submitted").values_list("pk", flat=True))
    guizhou = Listing.objects.filter(owner_organisation__centre=Centre.objects.get(slug="guizhou"))

    assert waiting
    assert waiting <= seen, f"{len(waiting - seen)} submitted listings no broker can see"
    assert guizhou.exists()
    assert not guizhou.exclude(centre__slug="cq-hu").exists()
