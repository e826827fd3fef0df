"""Everything a rule needs that does not depend on the requested time, prepared once.

``evaluate`` prepares it for one request; ``suggest_windows`` prepares it once and then
checks hundreds of candidate times against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from techbridge_core.booking.capacity import FullPeriods
from techbridge_core.booking.intervals import Interval, overlaps
from techbridge_core.booking.policy import InstrumentPolicy
from techbridge_core.booking.quota import QuotaLedger
from techbridge_core.booking.values import Booker, ExistingBooking

_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class RuleContext:
    policy: InstrumentPolicy
    booker: Booker
    now: datetime
    full: FullPeriods
    ledger: QuotaLedger

    @property
    def earliest_start(self) -> datetime:
        return self.now + self.policy.lead_time

    @property
    def latest_end(self) -> datetime:
        return self.now + self.policy.horizon


def prepare_context(
    *,
    policy: InstrumentPolicy,
    booker: Booker,
    existing: Iterable[ExistingBooking],
    now: datetime,
    within: Interval | None = None,
) -> RuleContext:
    """With ``within``, only bookings that can matter to a request inside it are looked at
    (a linear filter before the sorting and time-zone work), so the context is then valid
    only for requests inside ``within``."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    bookings = tuple(existing)
    nearby, same_weeks = bookings, bookings
    if within is not None:
        nearby = tuple(b for b in bookings if overlaps(b.interval, within))
        # Every ISO week touching `within` lies inside it widened by a week each way.
        weeks = Interval(within.start - _WEEK, within.end + _WEEK)
        same_weeks = tuple(b for b in bookings if overlaps(b.interval, weeks))
    return RuleContext(
        policy=policy,
        booker=booker,
        # UTC, so that now + lead time is real elapsed time, not wall-clock arithmetic.
        now=now.astimezone(UTC),
        full=FullPeriods.build((b.interval for b in nearby), policy.capacity),
        ledger=QuotaLedger.for_booker(
            user_id=booker.user_id,
            organisation_id=booker.organisation_id,
            existing=same_weeks,
            tz=policy.time_zone,
        ),
    )
