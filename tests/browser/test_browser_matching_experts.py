"""Suggested experts and investors in a real browser: both sections load lazily on the
listing page, with their explanations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from browser_session import sign_in
from django.utils import timezone
from playwright.sync_api import expect

from factories import (
    make_centre,
    make_expert,
    make_member,
    make_organisation,
    make_person,
    make_user,
)
from techbridge.directory.models import Organisation
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import Listing
from techbridge_core.market.lifecycle import Action, Status

pytestmark = pytest.mark.browser

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.UTC)


def _published(owner: Organisation, **fields: Any) -> Listing:
    fields.setdefault("summary", {"en": "Lithium cells that work at -40 °C."})
    listing = do_save_listing(
        listing=Listing(owner_organisation=owner, country="HU", **fields), actor=None, now=NOW
    )
    for action, target in ((Action.SUBMIT, Status.SUBMITTED), (Action.APPROVE, Status.PUBLISHED)):
        do_listing_action(listing=listing, action=action, target=target, actor=None, reason="", now=NOW)
    return listing


@pytest.fixture
def market(transactional_db: None) -> dict[str, Listing]:
    owner_org = make_organisation(centre=make_centre())
    make_member(owner_org, make_user(email="buyer@example.org"))
    seller_org = make_organisation(centre=make_centre(), name={"en": "Partner Cells Ltd"})
    make_member(seller_org, make_user(email="seller@example.org"))
    make_expert(
        make_person(full_name="Dr. Ada Electrolyte", organisation=seller_org, languages=["en"]),
        expertise={"en": "Lithium battery electrolytes for cold climates"},
    )
    investor_org = make_organisation(centre=make_centre(), name={"en": "Danube Battery Fund"})
    return {
        "demand": _published(owner_org, kind="demand", title={"en": "Wanted: lithium battery electrolyte"}),
        "offer": _published(
            seller_org,
            kind="offer",
            title={"en": "Low-temperature lithium battery electrolyte"},
            stage="lab_tested",
        ),
        "capital": _published(
            investor_org,
            kind="capital",
            title={"en": "Investment in lithium battery start-ups"},
            investment_stages=["early"],
            target_countries=["HU"],
        ),
    }


def test_demand_page_suggests_experts_and_offer_page_lists_investors(
    live_server: Any, page: Any, screenshot: Any, market: dict[str, Listing]
) -> None:
    url = live_server.url
    sign_in(page, url, "buyer@example.org")
    page.goto(f"{url}/market/listings/{market['demand'].pk}/")
    experts = page.locator("#suggested-experts")
    expect(experts.locator(".expert")).to_contain_text("Dr. Ada Electrolyte")
    experts.locator("summary").first.click()
    expect(experts.locator(".match-explanation").first).to_contain_text("lithium")
    screenshot("matching-experts-01-suggested-experts")

    page.context.clear_cookies()
    sign_in(page, url, "seller@example.org")
    page.goto(f"{url}/market/listings/{market['offer'].pk}/")
    investors = page.locator("#investors")
    expect(investors.locator(".investor")).to_contain_text("Danube Battery Fund")
    expect(investors).to_contain_text("fits this offer")
    expect(page.locator("#best-matches")).not_to_contain_text("Danube Battery Fund")
    screenshot("matching-experts-02-investors")
