"""Form pages speak the reader's language, including Django's own empty choice and start-up help texts."""

from __future__ import annotations

import pytest
from market_world import Market

from world import client_for

LANGUAGES = ("hu", "zh-hans")


@pytest.mark.parametrize("language", LANGUAGES)
def test_listing_form_has_no_english_empty_choice_or_help_text(market: Market, language: str) -> None:
    page = client_for(market.owner).get("/market/listings/new/offer/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<select" in html
    assert "Select an option" not in html
    assert "keywords, separated by commas" not in html


def test_listing_form_in_english_still_offers_the_empty_choice(market: Market) -> None:
    html = (
        client_for(market.owner)
        .get("/market/listings/new/offer/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Select an option" in html
    assert "Up to 20 keywords, separated by commas." in html or "keywords, separated by commas" in html
