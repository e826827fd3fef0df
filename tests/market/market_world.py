"""A market world for the tests: listings of every visibility, owned by organisations of three centres."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from factories import make_alliance, make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.directory.models import Centre, Organisation
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import Listing
from techbridge_core.market.lifecycle import Action, Status

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.UTC)


def build_listing(
    owner: Organisation, *, actor: User | None = None, publish: bool = True, **fields: Any
) -> Listing:
    fields.setdefault("kind", "offer")
    fields.setdefault(
        "title", {"en": "Low-temperature electrolyte for lithium batteries", "zh-hans": "低温锂电池电解液"}
    )
    fields.setdefault("summary", {"en": "An electrolyte that keeps cells working at -40 °C."})
    fields.setdefault("description", {"en": "<p>Tested in electric buses in Harbin.</p>"})
    shared_with = fields.pop("shared_with", None)
    listing = do_save_listing(
        listing=Listing(owner_organisation=owner, **fields), actor=actor, now=NOW, shared_with=shared_with
    )
    if publish:
        do_listing_action(
            listing=listing, action=Action.SUBMIT, target=Status.SUBMITTED, actor=actor, reason="", now=NOW
        )
        do_listing_action(
            listing=listing, action=Action.APPROVE, target=Status.PUBLISHED, actor=None, reason="", now=NOW
        )
    return listing


@dataclass
class Market:
    centre: Centre
    alliance_centre: Centre
    outside_centre: Centre
    owner_org: Organisation
    partner_org: Organisation
    alliance_org: Organisation
    outside_org: Organisation
    owner: User
    operator: User
    alliance_operator: User
    outside_operator: User
    partner: User
    alliance_member: User
    outside_member: User
    outsider: User
    admin: User
    listings: dict[str, Listing]

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


MARKET_ROLES = (
    "anonymous",
    "outsider",
    "outside_member",
    "alliance_member",
    "partner",
    "owner",
    "operator",
    "alliance_operator",
    "outside_operator",
    "admin",
)


def build_market() -> Market:
    alliance = make_alliance()
    centre = make_centre(alliance=alliance)
    alliance_centre = make_centre(alliance=alliance)
    outside_centre = make_centre()
    owner_org = make_organisation(centre=centre, name={"en": "Acme Battery Works", "zh-hans": "艾克美电池"})
    partner_org = make_organisation(centre=outside_centre)
    alliance_org = make_organisation(centre=alliance_centre)
    outside_org = make_organisation(centre=outside_centre)
    secret_org = make_organisation(
        centre=centre, name={"en": "Secret Sensor Labs", "zh-hans": "秘密传感器实验室"}
    )
    owner = make_member(owner_org)
    make_member(secret_org, owner)
    listings = {
        "public": build_listing(owner_org, actor=owner, visibility="public"),
        "alliance": build_listing(owner_org, actor=owner, visibility="alliance"),
        "centre": build_listing(owner_org, actor=owner, visibility="centre"),
        "anonymous": build_listing(secret_org, actor=owner, visibility="public", anonymous=True),
        "confidential": build_listing(
            owner_org, actor=owner, visibility="confidential", shared_with=[partner_org]
        ),
        "draft": build_listing(owner_org, actor=owner, publish=False),
    }
    return Market(
        centre=centre,
        alliance_centre=alliance_centre,
        outside_centre=outside_centre,
        owner_org=owner_org,
        partner_org=partner_org,
        alliance_org=alliance_org,
        outside_org=outside_org,
        owner=owner,
        operator=make_operator(centre),
        alliance_operator=make_operator(alliance_centre),
        outside_operator=make_operator(outside_centre),
        partner=make_member(partner_org),
        alliance_member=make_member(alliance_org),
        outside_member=make_member(outside_org),
        outsider=make_user(),
        admin=make_user(is_superuser=True, is_staff=True),
        listings=listings,
    )
