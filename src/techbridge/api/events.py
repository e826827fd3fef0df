"""Events endpoints of the API (read-only): events, and an event's programme, through the same
access funnel as the pages. Live-stream links appear only for approved participants and organisers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from techbridge.api.auth import READ, READ_OPENAPI
from techbridge.api.pagination import BoundedPageNumberPagination
from techbridge.api.schemas import ErrorOut
from techbridge.events.access import access_event, can_see_stream_links, visible_events
from techbridge.events.domain.programme import programme_activities

router = Router(tags=["events"])


class EventOut(Schema):
    slug: str
    title: dict[str, str] = Field(description="One text per language code: en, zh-hans, hu")
    summary: dict[str, str]
    status: str
    time_zone: str
    languages: list[str]
    starts_on: date
    ends_on: date
    city: str
    country: str
    registration_open: bool
    b2b_enabled: bool
    organising_centres: list[str] = Field(description="Slugs of the organising centres")

    @staticmethod
    def resolve_organising_centres(event: Any) -> list[str]:
        return [centre.slug for centre in event.organising_centres.all()]


class RoomOut(Schema):
    id: int
    name: dict[str, str]
    venue: dict[str, str]
    capacity: int | None

    @staticmethod
    def resolve_venue(room: Any) -> dict[str, str]:
        return dict(room.venue.name)


class SpeakerOut(Schema):
    name: str
    affiliation: dict[str, str]
    role: str


class ActivityOut(Schema):
    id: int
    kind: str
    title: dict[str, str]
    description: dict[str, str] = Field(description="Sanitised HTML per language")
    starts_at: datetime
    ends_at: datetime
    room: RoomOut | None
    capacity: int | None
    mode: str
    speakers: list[SpeakerOut]
    stream_url: str | None = Field(description="Only for the event's approved participants and organisers")

    @staticmethod
    def resolve_speakers(activity: Any) -> list[Any]:
        return list(activity.speakers.all())


class ProgrammeOut(Schema):
    event: str
    time_zone: str
    activities: list[ActivityOut]


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@router.get(
    "/events",
    response={200: list[EventOut], 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_events(request: HttpRequest) -> Any:
    """Published events, and the caller's own drafts if they organise any."""
    return (
        visible_events(_user(request)).prefetch_related("organising_centres").order_by("-starts_on", "slug")
    )


@router.get(
    "/events/{slug}",
    response={200: EventOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_event(request: HttpRequest, slug: str) -> Any:
    return access_event(_user(request), slug)


@router.get(
    "/events/{slug}/programme",
    response={200: ProgrammeOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_programme(request: HttpRequest, slug: str) -> Any:
    user = _user(request)
    event = access_event(user, slug)
    show_links = can_see_stream_links(user, event)
    activities = programme_activities(event)
    for activity in activities:
        activity.stream_url = (activity.stream_url or None) if show_links else None  # type: ignore[assignment]
    return {"event": event.slug, "time_zone": event.time_zone, "activities": activities}
