"""Rows into the booking core's immutable values (techbridge_core.booking)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from techbridge.instruments.enums import ACTIVE_STATUSES
from techbridge.instruments.models import Blackout, Booking, Instrument, Qualification, SubsidyScheme
from techbridge.instruments.roles import BookerProfile
from techbridge_core import booking as core
from techbridge_core.booking.fees import ChargeUnit, Rate, RateCard
from techbridge_core.booking.fees import SubsidyScheme as CoreScheme

QUOTA_REACH = timedelta(days=8)
"""Bookings this far around a request are enough for weekly quotas (an ISO week plus a day)."""


def _minutes(value: int | None) -> timedelta | None:
    return None if value is None else timedelta(minutes=value)


def opening_windows(instrument: Instrument) -> tuple[core.OpeningWindow, ...]:
    opens, closes = instrument.opens_at, instrument.closes_at
    if closes != time(0) and closes <= opens:
        return ()
    return tuple(core.OpeningWindow(day, opens, closes) for day in sorted(set(instrument.open_weekdays)))


def instrument_policy(
    instrument: Instrument, *, blackouts: Iterable[Blackout] | None = None
) -> core.InstrumentPolicy:
    rows = instrument.blackouts.all() if blackouts is None else blackouts
    return core.InstrumentPolicy(
        time_zone=ZoneInfo(instrument.facility.time_zone),
        granularity=timedelta(minutes=instrument.granularity_minutes),
        min_duration=timedelta(minutes=instrument.min_duration_minutes),
        max_duration=_minutes(instrument.max_duration_minutes),
        lead_time=timedelta(minutes=instrument.lead_time_minutes),
        horizon=timedelta(days=instrument.horizon_days),
        quotas=core.Quotas(
            user_daily=_minutes(instrument.user_daily_minutes),
            user_weekly=_minutes(instrument.user_weekly_minutes),
            organisation_daily=_minutes(instrument.organisation_daily_minutes),
            organisation_weekly=_minutes(instrument.organisation_weekly_minutes),
        ),
        opening_hours=opening_windows(instrument),
        blackouts=tuple(
            core.Blackout(core.Interval(row.start, row.end), row.label) for row in rows if row.end > row.start
        ),
        capacity=instrument.capacity,
        approval_required_for=frozenset(core.UserCategory(code) for code in instrument.approval_for),
        required_qualification=instrument.required_qualification or None,
        self_service_allowed=instrument.self_service_allowed,
        operated_needs_approval=instrument.operated_needs_approval,
        free_cancellation_notice=timedelta(hours=instrument.free_cancellation_hours),
    )


def organisation_key(*, organisation_id: int | None, user_id: int) -> int:
    """Users without an organisation form an organisation of their own for quotas."""
    return organisation_id if organisation_id is not None else -user_id


def booker(*, user_id: int, profile: BookerProfile) -> core.Booker:
    return core.Booker(
        user_id=user_id,
        organisation_id=organisation_key(organisation_id=profile.organisation_id, user_id=user_id),
        category=core.UserCategory(profile.category),
        qualifications=frozenset(
            Qualification.objects.filter(user_id=user_id).values_list("code", flat=True)
        ),
    )


def active_bookings_near(
    instrument: Instrument, *, start: datetime, end: datetime, reach: timedelta = QUOTA_REACH
) -> list[Booking]:
    return list(
        Booking.objects.filter(
            instrument=instrument,
            status__in=ACTIVE_STATUSES,
            end__gt=start - reach,
            start__lt=end + reach,
        ).order_by("start", "id")
    )


def existing(bookings: Iterable[Booking]) -> tuple[core.ExistingBooking, ...]:
    return tuple(
        core.ExistingBooking(
            booking_id=row.pk,
            user_id=row.user_id,
            organisation_id=organisation_key(organisation_id=row.organisation_id, user_id=row.user_id),
            interval=core.Interval(row.start, row.end),
        )
        for row in bookings
    )


def rate_card(instrument: Instrument) -> RateCard:
    rates = tuple(
        Rate(core.UserCategory(row.category), ChargeUnit(row.unit), row.price)
        for row in instrument.rates.all()
    )
    return RateCard(
        currency=instrument.currency,
        rates=rates,
        late_cancellation_percent=Decimal(instrument.late_cancellation_percent),
    )


def subsidy_scheme(scheme: SubsidyScheme) -> CoreScheme:
    return CoreScheme(
        scheme_id=scheme.slug,
        percent=Decimal(scheme.percent),
        budget_cap=Decimal(scheme.budget_cap),
        eligible_categories=frozenset(core.UserCategory(code) for code in scheme.eligible_categories),
        currency=scheme.currency,
        covers_late_cancellation=scheme.covers_late_cancellation,
    )


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
