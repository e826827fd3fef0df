"""The review queue's quality checks name fields in the reader's language and link the duplicates they find."""

from __future__ import annotations

import re

import pytest
from market_world import NOW, Market, build_listing

from techbridge.market.domain.lifecycle import do_listing_action
from techbridge_core.market.lifecycle import Action, Status
from world import client_for


def _submitted_copy(market: Market) -> int:
    listing = build_listing(market.owner_org, actor=market.owner, publish=False)
    do_listing_action(
        listing=listing, action=Action.SUBMIT, target=Status.SUBMITTED, actor=market.owner, reason="", now=NOW
    )
    return listing.pk


def _issues(html: str) -> str:
    return "".join(re.findall(r'<ul class="issues">.*?</ul>', html, re.S))


@pytest.mark.parametrize(("language", "trl_name"), [("hu", "(TRL)"), ("zh-hans", "TRL")])
def test_checks_name_fields_in_the_reader_language(market: Market, language: str, trl_name: str) -> None:
    _submitted_copy(market)
    html = client_for(market.operator).get("/market/review/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    issues = _issues(html)
    assert "issue-missing_field" in issues
    assert "(trl)" not in issues
    assert "(stage)" not in issues
    assert "technology readiness level" not in issues  # the English verbose name neither
    assert trl_name in issues


def test_duplicates_link_to_the_listing_they_copy(market: Market) -> None:
    _submitted_copy(market)
    html = client_for(market.operator).get("/market/review/").content.decode()
    original = market.listings["public"].pk
    assert f'href="/market/listings/{original}/"' in _issues(html)
