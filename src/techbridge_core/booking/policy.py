"""An instrument's booking rules as one immutable value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from zoneinfo import ZoneInfo

from techbridge_core.booking.grid import validate_granularity
from techbridge_core.booking.opening_hours import OpeningWindow, always_open
from techbridge_core.booking.values import Blackout, UserCategory


@dataclass(frozen=True, slots=True)
class Quotas:
    """Most booked time per local day / ISO week; ``None`` means unlimited."""

    user_daily: timedelta | None = None
    user_weekly: timedelta | None = None
    organisation_daily: timedelta | None = None
    organisation_weekly: timedelta | None = None


@dataclass(frozen=True, slots=True)
class InstrumentPolicy:
    time_zone: ZoneInfo
    granularity: timedelta = timedelta(minutes=30)
    min_duration: timedelta = timedelta(minutes=30)
    max_duration: timedelta | None = None
    lead_time: timedelta = timedelta(0)
    """How long before its start a booking must be made."""
    horizon: timedelta = timedelta(days=90)
    """How far ahead of now a booking may end."""
    quotas: Quotas = field(default_factory=Quotas)
    opening_hours: tuple[OpeningWindow, ...] = field(default_factory=always_open)
    blackouts: tuple[Blackout, ...] = ()
    capacity: int = 1
    """How many bookings may run at the same instant."""
    approval_required_for: frozenset[UserCategory] = frozenset(
        {UserCategory.ALLIANCE_MEMBER, UserCategory.EXTERNAL_ENTERPRISE}
    )
    required_qualification: str | None = None
    """Needed for self-service use; operated bookings are run by trained staff."""
    self_service_allowed: bool = True
    operated_needs_approval: bool = True
    """Staff must confirm they can run the instrument at that time."""
    free_cancellation_notice: timedelta = timedelta(hours=24)

    def __post_init__(self) -> None:
        validate_granularity(self.granularity)
        if self.capacity < 1:
            raise ValueError("capacity must be at least 1")
        if self.min_duration <= timedelta(0):
            raise ValueError("minimum duration must be positive")
        if self.max_duration is not None and self.max_duration < self.min_duration:
            raise ValueError("maximum duration must not be below the minimum")
