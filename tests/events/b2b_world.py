"""A B2B world for the events tests: two organisations with a listing each, their participants in the
shared event, and helpers to send and accept requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from events_world import Events, register

from factories import make_member, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.directory.enums import OrganisationKind
from techbridge.directory.models import Organisation
from techbridge.events.domain.requests import check_answer_request, check_send_request
from techbridge.events.models import Event, MeetingRequest, Registration
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import Listing
from techbridge_core.market.lifecycle import Action, Status

NOW = datetime(2027, 5, 10, 8, 0, tzinfo=UTC)


def build_listing(owner: Organisation, *, publish: bool = True, **fields: Any) -> Listing:
    fields.setdefault("kind", "offer")
    fields.setdefault(
        "title", {"en": "Low-temperature electrolyte for lithium batteries", "zh-hans": "低温锂电池电解液"}
    )
    fields.setdefault("summary", {"en": "An electrolyte that keeps lithium cells working at -40 °C."})
    fields.setdefault("description", {"en": "<p>Tested in electric buses in Harbin.</p>"})
    fields.setdefault("country", owner.country)
    listing = do_save_listing(listing=Listing(owner_organisation=owner, **fields), actor=None, now=NOW)
    if publish:
        do_listing_action(
            listing=listing, action=Action.SUBMIT, target=Status.SUBMITTED, actor=None, reason="", now=NOW
        )
        do_listing_action(
            listing=listing, action=Action.APPROVE, target=Status.PUBLISHED, actor=None, reason="", now=NOW
        )
    return listing


def participant(
    event: Event, organisation: Organisation, *, name: str, listings: tuple[Listing, ...] = (), **fields: Any
) -> Registration:
    user = make_member(organisation, make_user(display_name=name))
    registration = register(event, user, organisation=organisation, **fields)
    registration.listings.set(listings)
    return registration


@dataclass
class B2B:
    events: Events
    event: Event
    budapest_org: Organisation
    chongqing_org: Organisation
    offer: Listing
    demand: Listing
    anna: Registration  # Budapest university, brings the offer
    li: Registration  # Chongqing enterprise, brings the demand
    zoltan: Registration  # a third participant without listings
    outsider: User  # no registration at all

    @property
    def organiser(self) -> User:
        return self.events.world.operator


def build_b2b(events: Events) -> B2B:
    event = events.event
    budapest_org = make_organisation(name={"en": "Óbuda Battery Lab"}, country="HU")
    chongqing_org = make_organisation(
        name={"en": "Jialing Electric Buses", "zh-hans": "嘉陵电动客车"},
        kind=OrganisationKind.ENTERPRISE,
        country="CN",
        centre=events.world.centre,
    )
    offer = build_listing(budapest_org)
    demand = build_listing(
        chongqing_org,
        kind="demand",
        title={"en": "Cold-weather battery electrolyte wanted", "zh-hans": "寻求耐寒电池电解液"},
        summary={"en": "Our buses lose range in Harbin winters; we need a lithium electrolyte for -40 °C."},
    )
    anna = participant(event, budapest_org, name="Anna Kovács", listings=(offer,), country="HU")
    li = participant(
        event, chongqing_org, name="Li Wei", listings=(demand,), category="enterprise", country="CN"
    )
    zoltan = participant(event, make_organisation(country="HU"), name="Zoltán Nagy", country="HU")
    return B2B(
        events=events,
        event=event,
        budapest_org=budapest_org,
        chongqing_org=chongqing_org,
        offer=offer,
        demand=demand,
        anna=anna,
        li=li,
        zoltan=zoltan,
        outsider=make_user(display_name="Nobody"),
    )


def send(
    requester: Registration, recipient: Registration, *, now: datetime = NOW, **fields: Any
) -> MeetingRequest:
    return check_send_request(
        event=requester.event,
        requester=requester,
        recipient=recipient,
        message=fields.get("message", "Shall we meet?"),
        listing=fields.get("listing"),
        now=now,
    )


def accept(request: MeetingRequest, *, now: datetime = NOW) -> MeetingRequest:
    return check_answer_request(
        request=request, actor=request.recipient, accept=True, answer="Gladly.", now=now
    )
