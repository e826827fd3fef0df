"""Shared event fixtures: one published B2B event organised by the world's centre, one draft.

Helpers of the events tests live here (conftest modules must not be imported); each test module
may build more on top (registrations, requests, meetings) with the functions below.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from factories import make_user
from techbridge.accounts.models import User
from techbridge.events.enums import EventStatus, ParticipantCategory, RegistrationStatus
from techbridge.events.models import Event, MeetingSession, Registration
from world import World

EVENT_DAY = date(2027, 5, 18)


def make_event(world: World, **fields: Any) -> Event:
    defaults: dict[str, Any] = {
        "slug": f"event-{Event.objects.count() + 1}",
        "title": {
            "en": "China–Hungary technology exchange",
            "zh-hans": "中匈技术交流会",
            "hu": "Kínai–magyar technológiai fórum",
        },
        "status": EventStatus.PUBLISHED,
        "time_zone": "Asia/Shanghai",
        "languages": ["en", "zh-hans", "hu"],
        "starts_on": EVENT_DAY,
        "ends_on": EVENT_DAY,
        "city": "Chongqing",
        "country": "CN",
        "registration_open": True,
        "b2b_enabled": True,
        "created_by": world.operator,
    }
    defaults.update(fields)
    event = Event.objects.create(**defaults)
    event.organising_centres.add(world.centre)
    return event


def make_session(event: Event, *, hour_utc: int = 1, slots: int = 8, tables: int = 5) -> MeetingSession:
    # 01:00 UTC is 09:00 in Chongqing.
    starts = datetime(event.starts_on.year, event.starts_on.month, event.starts_on.day, hour_utc, tzinfo=UTC)
    return MeetingSession.objects.create(event=event, starts_at=starts, slots=slots, tables=tables)


def register(
    event: Event,
    user: User | None = None,
    *,
    status: str = RegistrationStatus.APPROVED,
    b2b: bool = True,
    **fields: Any,
) -> Registration:
    defaults: dict[str, Any] = {"category": ParticipantCategory.ENTERPRISE, "country": "CN"}
    defaults.update(fields)
    return Registration.objects.create(
        event=event, user=user or make_user(), status=status, b2b=b2b, **defaults
    )


@dataclass
class Events:
    world: World
    event: Event
    draft: Event
    session: MeetingSession


def build_events(world: World) -> Events:
    event = make_event(world, slug="cq-hu-2027")
    draft = make_event(world, slug="draft-2027", status=EventStatus.DRAFT)
    return Events(world=world, event=event, draft=draft, session=make_session(event))
