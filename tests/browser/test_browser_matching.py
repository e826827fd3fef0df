"""Matching in a real browser: the demand's owner sees best matches load lazily, with their
explanation, and "never this organisation" removes that organisation's listings in place."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from browser_session import sign_in
from django.utils import timezone
from playwright.sync_api import expect

from factories import make_centre, make_member, make_organisation, make_user
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
def demand(transactional_db: None) -> Listing:
    centre = make_centre()
    owner_org = make_organisation(centre=centre)
    make_member(owner_org, make_user(email="buyer@example.org"))
    seller = make_organisation(centre=make_centre(), name={"en": "Partner Cells Ltd"})
    _published(seller, kind="offer", title={"en": "Low-temperature lithium battery electrolyte"})
    return _published(owner_org, kind="demand", title={"en": "Wanted: lithium battery electrolyte"})


def test_best_matches_load_lazily_and_feedback_updates_them(
    live_server: Any, page: Any, screenshot: Any, demand: Listing
) -> None:
    url = live_server.url
    sign_in(page, url, "buyer@example.org")

    page.goto(f"{url}/market/listings/{demand.pk}/")
    matches = page.locator("#best-matches")
    expect(matches.locator(".match")).to_contain_text("Partner Cells Ltd")
    matches.locator("summary").first.click()
    expect(matches.locator(".match-explanation").first).to_contain_text("lithium")
    screenshot("matching-01-best-matches")

    matches.locator("button[value=never_organisation]").first.click()
    expect(page.locator("#best-matches")).not_to_contain_text("Partner Cells Ltd")
    screenshot("matching-02-never-this-organisation")
