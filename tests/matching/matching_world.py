"""A small market for the matching tests: one demand and offers of every visibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from factories import make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.directory.models import Organisation
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import Listing
from techbridge.matching.tasks import index_listings
from techbridge_core.market.lifecycle import Action, Status

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.UTC)

ELECTROLYTE = {"en": "Low-temperature electrolyte for lithium batteries", "zh-hans": "低温锂电池电解液"}


def build_listing(owner: Organisation, *, publish: bool = True, **fields: Any) -> Listing:
    fields.setdefault("kind", "offer")
    fields.setdefault("title", ELECTROLYTE)
    fields.setdefault("summary", {"en": "An electrolyte that keeps lithium cells working at -40 °C."})
    fields.setdefault("description", {"en": "<p>Tested in electric buses in Harbin.</p>"})
    fields.setdefault("country", "HU")
    shared_with = fields.pop("shared_with", None)
    listing = do_save_listing(
        listing=Listing(owner_organisation=owner, **fields), actor=None, now=NOW, shared_with=shared_with
    )
    if publish:
        publish_listing(listing)
    return listing


def publish_listing(listing: Listing) -> None:
    do_listing_action(
        listing=listing, action=Action.SUBMIT, target=Status.SUBMITTED, actor=None, reason="", now=NOW
    )
    do_listing_action(
        listing=listing, action=Action.APPROVE, target=Status.PUBLISHED, actor=None, reason="", now=NOW
    )


def withdraw_listing(listing: Listing) -> None:
    do_listing_action(
        listing=listing, action=Action.WITHDRAW, target=Status.WITHDRAWN, actor=None, reason="", now=NOW
    )


def run_index() -> dict[str, int]:
    result = index_listings.enqueue(batch_size=2)
    assert result.return_value is not None
    return dict(result.return_value)


@dataclass
class MatchingWorld:
    owner_org: Organisation
    partner_org: Organisation
    secret_org: Organisation
    owner: User
    operator: User
    partner: User
    outsider: User
    demand: Listing
    offer: Listing
    anonymous_offer: Listing
    confidential_offer: Listing


def build_matching_world() -> MatchingWorld:
    centre = make_centre()
    owner_org = make_organisation(centre=centre)
    partner_org = make_organisation(centre=make_centre(), name={"en": "Partner Cells Ltd"})
    secret_org = make_organisation(centre=make_centre(), name={"en": "Hidden Anode Holdings"})
    owner = make_member(owner_org)
    demand = build_listing(
        owner_org,
        kind="demand",
        centre=centre,
        title={"en": "Wanted: lithium battery electrolyte for cold climates"},
        summary={"en": "Our buses need lithium cells that work at -40 °C."},
    )
    world = MatchingWorld(
        owner_org=owner_org,
        partner_org=partner_org,
        secret_org=secret_org,
        owner=owner,
        operator=make_operator(centre),
        partner=make_member(partner_org),
        outsider=make_user(),
        demand=demand,
        offer=build_listing(partner_org),
        anonymous_offer=build_listing(secret_org, anonymous=True),
        confidential_offer=build_listing(secret_org, visibility="confidential"),
    )
    run_index()
    return world
