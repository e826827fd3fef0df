"""Hand-made values for the booking-rule tests: a Budapest instrument in June 2026."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from techbridge_core.booking import (
    Booker,
    BookingMode,
    BookingRequest,
    ExistingBooking,
    InstrumentPolicy,
    Interval,
    UserCategory,
)

BUDAPEST = ZoneInfo("Europe/Budapest")
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 1, 8, 0, tzinfo=BUDAPEST)  # a Monday


def at(day: int, hour: int, minute: int = 0, *, month: int = 6, tz: ZoneInfo = BUDAPEST) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=tz)


def span(start: datetime, minutes: int) -> Interval:
    """``minutes`` of real time: adding to a zoned datetime would add wall-clock time."""
    real_start = start.astimezone(UTC)
    return Interval(real_start, real_start + timedelta(minutes=minutes))


def make_booker(
    *,
    user_id: int = 1,
    organisation_id: int = 10,
    category: UserCategory = UserCategory.INTERNAL,
    qualifications: frozenset[str] = frozenset({"sem-basic"}),
) -> Booker:
    return Booker(user_id, organisation_id, category, qualifications)


def make_request(
    start: datetime,
    minutes: int,
    *,
    booker: Booker | None = None,
    mode: BookingMode = BookingMode.SELF_SERVICE,
) -> BookingRequest:
    return BookingRequest(booker or make_booker(), span(start, minutes), mode)


def make_existing(
    booking_id: int, start: datetime, minutes: int, *, user_id: int = 2, organisation_id: int = 20
) -> ExistingBooking:
    return ExistingBooking(booking_id, user_id, organisation_id, span(start, minutes))


def make_policy(**overrides: Any) -> InstrumentPolicy:
    base = InstrumentPolicy(
        time_zone=BUDAPEST,
        granularity=timedelta(minutes=30),
        min_duration=timedelta(minutes=60),
        max_duration=timedelta(hours=4),
        lead_time=timedelta(hours=2),
        horizon=timedelta(days=60),
        approval_required_for=frozenset({UserCategory.EXTERNAL_ENTERPRISE}),
    )
    return replace(base, **overrides)
