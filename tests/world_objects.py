"""World (tests/world.py) plus one object of every kind the routes take, for the permission matrix
and the API's robustness tests.

"Own" objects belong to the organisation of org_member and org_admin (`world.pending`, in the
operator's centre); "same centre" ones to `world.published` (same centre, not the roles' own);
"other centre" ones to an organisation of `world.other_centre`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from factories import make_organisation, make_user
from techbridge.accounts.domain.tokens import do_create_api_token
from techbridge.directory.models import Organisation
from techbridge.events.enums import EventStatus, ParticipantCategory, RegistrationStatus
from techbridge.events.models import Event, Registration
from techbridge.instruments.domain.taxonomy import load_categories
from techbridge.instruments.enums import BookingStatus, ChargeUnit, UserCategory
from techbridge.instruments.models import (
    Booking,
    Facility,
    FacilityManager,
    Instrument,
    InstrumentCategory,
    Rate,
)
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge_core.market.lifecycle import Action, Status
from world import World, build_world

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOOKING_DAY = timezone.now().date() + timedelta(days=14)


@dataclass
class Objects:
    world: World
    other_org: Organisation
    listings: dict[str, Listing]
    interest: ExpressionOfInterest
    facility: Facility
    instrument: Instrument
    booking: Booking
    event: Event
    draft_event: Event
    registration: Registration
    tokens: dict[str, str]


def build_listing(owner: Organisation, *, actor: Any = None, publish: bool = True, **fields: Any) -> Listing:
    fields.setdefault("kind", "offer")
    fields.setdefault("title", {"en": "Low-temperature electrolyte", "zh-hans": "低温锂电池电解液"})
    fields.setdefault("summary", {"en": "An electrolyte that keeps cells working at -40 °C."})
    shared_with = fields.pop("shared_with", None)
    listing = do_save_listing(
        listing=Listing(owner_organisation=owner, **fields), actor=actor, now=NOW, shared_with=shared_with
    )
    if publish:
        for action, target in ((Action.SUBMIT, Status.SUBMITTED), (Action.APPROVE, Status.PUBLISHED)):
            do_listing_action(listing=listing, action=action, target=target, actor=None, reason="", now=NOW)
    return listing


def _listings(world: World, other_org: Organisation) -> dict[str, Listing]:
    own = world.pending
    return {
        "own": build_listing(own, actor=world.org_member),
        "own_draft": build_listing(own, actor=world.org_member, publish=False),
        "same_centre": build_listing(world.published, visibility="centre"),
        "other_centre": build_listing(other_org, visibility="centre"),
        "anonymous": build_listing(other_org, anonymous=True),
        "confidential": build_listing(other_org, visibility="confidential", shared_with=[world.published]),
    }


def _instrument(world: World) -> tuple[Facility, Instrument]:
    if not InstrumentCategory.objects.exists():  # transactional tests flush the data migration's rows
        load_categories(InstrumentCategory)
    facility = Facility.objects.create(
        organisation=world.pending, name={"en": "Electron microscopy lab"}, time_zone="Europe/Budapest"
    )
    FacilityManager.objects.create(facility=facility, user=world.org_admin)
    instrument = Instrument.objects.create(
        facility=facility,
        name={"en": "Scanning electron microscope", "zh-hans": "扫描电子显微镜"},
        category=InstrumentCategory.objects.get(code="0101"),
        manufacturer="Zeiss",
        model_number="Sigma 300",
        granularity_minutes=30,
        min_duration_minutes=30,
        horizon_days=400,
        approval_for=[],
        opens_at=time(0),
        closes_at=time(0),
        open_weekdays=[0, 1, 2, 3, 4, 5, 6],
    )
    Rate.objects.create(
        instrument=instrument, category=UserCategory.INTERNAL, unit=ChargeUnit.HOUR, price=Decimal(100)
    )
    return facility, instrument


def _event(world: World, slug: str, status: str) -> Event:
    event = Event.objects.create(
        slug=slug,
        title={"en": "China–Hungary technology exchange", "zh-hans": "中匈技术交流会"},
        status=status,
        time_zone="Asia/Shanghai",
        languages=["en", "zh-hans", "hu"],
        starts_on=date(2027, 5, 18),
        ends_on=date(2027, 5, 18),
        city="Chongqing",
        country="CN",
        registration_open=True,
        b2b_enabled=True,
        created_by=world.operator,
    )
    event.organising_centres.add(world.centre)
    return event


def build_objects() -> Objects:
    world = build_world()
    other_org = make_organisation(centre=world.other_centre)
    listings = _listings(world, other_org)
    facility, instrument = _instrument(world)
    start = datetime.combine(BOOKING_DAY, time(10), tzinfo=UTC)
    event = _event(world, "cq-hu-2027", EventStatus.PUBLISHED)
    return Objects(
        world=world,
        other_org=other_org,
        listings=listings,
        interest=ExpressionOfInterest.objects.create(
            listing=listings["same_centre"],
            sender=world.org_member,
            message="We would like to talk.",
            created_at=NOW,
        ),
        facility=facility,
        instrument=instrument,
        booking=Booking.objects.create(
            instrument=instrument,
            user=world.org_member,
            organisation=world.pending,
            start=start,
            end=start + timedelta(hours=1),
            status=BookingStatus.PENDING,
            category=UserCategory.INTERNAL,
        ),
        event=event,
        draft_event=_event(world, "draft-2027", EventStatus.DRAFT),
        registration=Registration.objects.create(
            event=event,
            user=world.org_member,
            status=RegistrationStatus.APPROVED,
            b2b=True,
            category=ParticipantCategory.ENTERPRISE,
            country="CN",
        ),
        tokens={
            role: do_create_api_token(user=world.user(role), name="robustness")[1]
            for role in ("org_member", "operator", "platform_admin")
        },
    )


__all__ = ["Objects", "build_objects", "make_user"]
