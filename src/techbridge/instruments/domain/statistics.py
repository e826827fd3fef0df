"""Usage and sharing statistics for a month: utilisation, no-shows, and what was shared with whom.

Utilisation per instrument comes from techbridge_core.booking.usage (booked time inside opening
hours ÷ open time × capacity); facilities, organisations and the alliance sum the same parts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from django.db.models import QuerySet, Sum
from django.utils import timezone

from techbridge.instruments.domain import policies
from techbridge.instruments.enums import BookingStatus, UserCategory
from techbridge.instruments.models import Booking, Charge, Instrument
from techbridge_core import booking as core
from techbridge_core.booking.usage import Attendance, attendance_summary, utilisation

ZERO = Decimal("0.00")


def month_span(month: date) -> core.Interval:
    start = datetime(month.year, month.month, 1, tzinfo=UTC)
    following = (start + timedelta(days=32)).replace(day=1)
    return core.Interval(start, following)


@dataclass
class Usage:
    booked: timedelta = timedelta(0)
    available: timedelta = timedelta(0)
    reserved: timedelta = timedelta(0)
    actual: timedelta = timedelta(0)
    bookings: int = 0
    no_shows: int = 0

    @property
    def ratio(self) -> float:
        if not self.available:
            return 0.0
        return float(Fraction(self.booked // timedelta(seconds=1), self.available // timedelta(seconds=1)))

    def add(self, other: Usage) -> None:
        self.booked += other.booked
        self.available += other.available
        self.reserved += other.reserved
        self.actual += other.actual
        self.bookings += other.bookings
        self.no_shows += other.no_shows


@dataclass
class SharingFigures:
    external_bookings: int = 0
    external_organisations: int = 0
    hours_shared: float = 0.0
    fees_collected: dict[str, Decimal] = field(default_factory=dict)
    subsidies_paid: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class MonthReport:
    month: date
    per_instrument: list[tuple[Instrument, Usage]]
    per_facility: list[tuple[str, Usage]]
    per_organisation: list[tuple[str, Usage]]
    total: Usage
    sharing: SharingFigures


def _instrument_usage(
    instrument: Instrument, rows: Iterable[Booking], span: core.Interval, now: datetime
) -> Usage:
    bookings = list(rows)
    policy = policies.instrument_policy(instrument, blackouts=())
    intervals = [core.Interval(max(b.start, span.start), min(b.end, span.end)) for b in bookings]
    used = utilisation(intervals, policy=policy, period=span)
    attendance = attendance_summary(
        [Attendance(core.Interval(b.start, b.end), b.checked_in_at, b.checked_out_at) for b in bookings],
        now=now,
    )
    return Usage(
        booked=used.booked,
        available=used.available,
        reserved=attendance.reserved,
        actual=attendance.actual,
        bookings=len(bookings),
        no_shows=attendance.no_shows,
    )


def month_report(
    *, instruments: QuerySet[Instrument], month: date, now: datetime | None = None
) -> MonthReport:
    now = now or timezone.now()
    span = month_span(month)
    chosen = list(instruments.select_related("facility__organisation").order_by("id"))
    rows = Booking.objects.filter(
        instrument__in=[i.pk for i in chosen],
        status=BookingStatus.CONFIRMED,
        start__lt=span.end,
        end__gt=span.start,
    ).order_by("start")
    by_instrument: dict[int, list[Booking]] = defaultdict(list)
    for row in rows:
        by_instrument[row.instrument_id].append(row)
    per_instrument = [(i, _instrument_usage(i, by_instrument[i.pk], span, now)) for i in chosen]
    return MonthReport(
        month=month,
        per_instrument=per_instrument,
        per_facility=_grouped(per_instrument, lambda i: str(i.facility)),
        per_organisation=_grouped(per_instrument, lambda i: str(i.facility.organisation)),
        total=_sum(usage for _i, usage in per_instrument),
        sharing=_sharing([b for rows in by_instrument.values() for b in rows], chosen, month),
    )


def _sum(usages: Iterable[Usage]) -> Usage:
    total = Usage()
    for usage in usages:
        total.add(usage)
    return total


def _grouped(per_instrument: list[tuple[Instrument, Usage]], key) -> list[tuple[str, Usage]]:  # type: ignore[no-untyped-def]
    groups: dict[str, Usage] = defaultdict(Usage)
    for instrument, usage in per_instrument:
        groups[key(instrument)].add(usage)
    return sorted(groups.items(), key=lambda item: -item[1].ratio)


def _sharing(bookings: list[Booking], instruments: list[Instrument], month: date) -> SharingFigures:
    shared = [b for b in bookings if b.category != UserCategory.INTERNAL]
    figures = SharingFigures(
        external_bookings=len(shared),
        external_organisations=len({b.organisation_id for b in shared if b.organisation_id}),
        hours_shared=round(sum((b.end - b.start for b in shared), timedelta(0)) / timedelta(hours=1), 1),
    )
    charges = (
        Charge.objects.filter(booking__instrument__in=[i.pk for i in instruments], month=month)
        .values("currency")
        .annotate(gross=Sum("gross"), subsidy=Sum("subsidy"))
        .order_by("currency")
    )
    for row in charges:
        figures.fees_collected[row["currency"]] = row["gross"] or ZERO
        figures.subsidies_paid[row["currency"]] = row["subsidy"] or ZERO
    return figures
