"""Nearest bookable windows around a refused request, like Indico's booking suggestions.

The free region (open, no blackout, not full) is computed once for a bounded search span;
grid points inside it are then walked outwards from the requested start, before and after
at once, and each candidate is checked against every time rule, so a suggestion is never
something ``evaluate`` would refuse.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from techbridge_core.booking.context import RuleContext, prepare_context
from techbridge_core.booking.grid import grid_points
from techbridge_core.booking.intervals import Interval, subtract
from techbridge_core.booking.opening_hours import open_intervals
from techbridge_core.booking.policy import InstrumentPolicy
from techbridge_core.booking.rules import BOOKER_RULES, TIME_RULES, run_rules
from techbridge_core.booking.values import BookingRequest, ExistingBooking, request_at


@dataclass(frozen=True, slots=True, order=True)
class Suggestion:
    distance: timedelta
    """How far the suggested start is from the requested one."""
    interval: Interval


def suggest_windows(
    request: BookingRequest,
    *,
    policy: InstrumentPolicy,
    existing: Iterable[ExistingBooking],
    now: datetime,
    limit: int = 6,
    search_span: timedelta = timedelta(days=7),
) -> tuple[Suggestion, ...]:
    """Up to ``limit`` allowed windows within ``search_span`` of the requested start,
    closest first (earlier first on a tie).

    The length is the requested one, brought within the policy's minimum and maximum
    and onto the grid. Nothing is suggested when a rule no time can fix (training,
    self-service) refuses the booker.
    """
    length = suggested_length(request.interval.duration, policy)
    if length is None:
        return ()
    anchor = request.interval.start
    search = Interval(anchor - search_span, anchor + search_span + length)
    context = prepare_context(policy=policy, booker=request.booker, existing=existing, now=now, within=search)
    if run_rules(BOOKER_RULES, context, request):
        return ()
    probe = request_at(request, anchor, length=length)
    windows = _free_region(context, search, length)
    after = _candidates_after(context, probe, windows)
    before = _candidates_before(context, probe, windows)
    return tuple(islice(heapq.merge(before, after), limit))


def suggested_length(requested: timedelta, policy: InstrumentPolicy) -> timedelta | None:
    grain = policy.granularity
    length = max(requested, policy.min_duration)
    length = -(-length // grain) * grain  # round up onto the grid
    if policy.max_duration is not None and length > policy.max_duration:
        length = policy.max_duration // grain * grain
    return length if length >= policy.min_duration else None


def _free_region(context: RuleContext, search: Interval, length: timedelta) -> tuple[Interval, ...]:
    """Open, not blacked out, not full, and within lead time and horizon."""
    low = max(search.start, context.earliest_start)
    high = min(search.end, context.latest_end)
    if low >= high:
        return ()
    policy = context.policy
    opened = open_intervals(policy.opening_hours, Interval(low, high), policy.time_zone)
    closed = [b.interval for b in policy.blackouts] + list(context.full.periods)
    return tuple(window for window in subtract(opened, closed) if window.duration >= length)


def _candidates_after(
    context: RuleContext, probe: BookingRequest, windows: tuple[Interval, ...]
) -> Iterator[Suggestion]:
    anchor, length = probe.interval.start, probe.interval.duration
    for window in windows:
        if window.end - length < anchor:
            continue
        first = max(window.start, anchor)
        yield from _allowed(context, probe, _starts(context, first, window.end - length))


def _candidates_before(
    context: RuleContext, probe: BookingRequest, windows: tuple[Interval, ...]
) -> Iterator[Suggestion]:
    anchor, length = probe.interval.start, probe.interval.duration
    for window in reversed(windows):
        if window.start >= anchor:
            continue
        last = min(window.end - length, anchor - timedelta(microseconds=1))
        starts = list(_starts(context, window.start, last))
        yield from _allowed(context, probe, reversed(starts))


def _starts(context: RuleContext, first: datetime, last: datetime) -> Iterator[datetime]:
    """Grid points in ``[first, last]``."""
    policy = context.policy
    return grid_points(
        first, last + timedelta(microseconds=1), granularity=policy.granularity, tz=policy.time_zone
    )


def _allowed(context: RuleContext, probe: BookingRequest, starts: Iterable[datetime]) -> Iterator[Suggestion]:
    anchor = probe.interval.start
    for start in starts:
        candidate = request_at(probe, start)
        if not run_rules(TIME_RULES, context, candidate):
            yield Suggestion(abs(start - anchor), candidate.interval)
