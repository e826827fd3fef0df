"""Who books what: immutable value objects the web layer builds from its rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from techbridge_core.booking.intervals import Interval


class UserCategory(StrEnum):
    """Drives approval (policy) and price (fees)."""

    INTERNAL = "internal"
    ALLIANCE_MEMBER = "alliance_member"
    EXTERNAL_ENTERPRISE = "external_enterprise"


class BookingMode(StrEnum):
    SELF_SERVICE = "self_service"
    """The user runs the instrument alone: needs the instrument's qualification."""
    OPERATED = "operated"
    """Staff run the instrument for the user: no qualification, staff must agree."""


@dataclass(frozen=True, slots=True)
class Booker:
    user_id: int
    organisation_id: int
    category: UserCategory
    qualifications: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class BookingRequest:
    booker: Booker
    interval: Interval
    mode: BookingMode = BookingMode.SELF_SERVICE


@dataclass(frozen=True, slots=True)
class ExistingBooking:
    """An active (not cancelled) booking of the same instrument."""

    booking_id: int
    user_id: int
    organisation_id: int
    interval: Interval


@dataclass(frozen=True, slots=True)
class Blackout:
    """A period when nobody may use the instrument (maintenance, calibration)."""

    interval: Interval
    label: str = ""


def request_at(
    request: BookingRequest, start: datetime, *, length: timedelta | None = None
) -> BookingRequest:
    """The same request moved to ``start``, keeping its duration unless ``length`` is given."""
    span = request.interval.duration if length is None else length
    real_start = start.astimezone(UTC)  # adding to a zoned datetime would add wall time
    moved = Interval(real_start, real_start + span)
    return BookingRequest(booker=request.booker, interval=moved, mode=request.mode)
