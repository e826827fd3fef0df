"""`techbridge-bench booking-rules`: evaluate() + suggest_windows() on a busy month.

An instrument (Europe/Budapest, open 06:00-24:00 daily, 15-minute grid, capacity 2,
quotas, two maintenance blackouts) holds a month of 1,000 bookings. For each of N
seeded requests we time ``evaluate`` followed by ``suggest_windows`` (5 suggestions,
search span +-7 days), beside a naive baseline: walk every grid point of the search
span closest first and call ``evaluate`` on each, which rescans every booking per
candidate. Both must return the same suggestions; the run says whether they did.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

from techbridge_core.booking import (
    Blackout,
    Booker,
    BookingRequest,
    Decision,
    ExistingBooking,
    InstrumentPolicy,
    Interval,
    OpeningWindow,
    Outcome,
    Quotas,
    Suggestion,
    UserCategory,
    evaluate,
    suggest_windows,
)
from techbridge_core.booking.grid import grid_points
from techbridge_core.booking.suggest import suggested_length
from techbridge_core.booking.values import request_at

TZ = ZoneInfo("Europe/Budapest")
MONTH_START = datetime(2026, 6, 1, tzinfo=TZ)
NOW = datetime(2026, 5, 31, 12, tzinfo=TZ)
SPAN = timedelta(days=7)
LIMIT = 5
GRAIN = timedelta(minutes=15)


@dataclass(frozen=True)
class Scenario:
    policy: InstrumentPolicy
    existing: tuple[ExistingBooking, ...]
    requests: tuple[BookingRequest, ...]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "booking-rules", help="booking evaluate()+suggestions vs a naive grid scan"
    )
    parser.add_argument("--bookings", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    scenario = build_scenario(n_bookings=args.bookings, n_queries=args.queries, seed=args.seed)
    ours, ours_results = _time_each(scenario, _ours)
    naive, naive_results = _time_each(scenario, _naive)
    refused = sum(1 for decision, _ in ours_results if decision.outcome is Outcome.REFUSED)
    print(
        f"booking-rules: {len(scenario.existing)} bookings in June 2026, capacity 2, "
        f"15-min grid, {len(scenario.requests)} requests ({refused} refused), "
        f"{LIMIT} suggestions within +-{SPAN.days} days"
    )
    print(f"{'per request (ms)':<22}{'core':>12}{'naive scan':>14}{'speed-up':>10}")
    for label, pick in (("median", statistics.median), ("p95", _p95), ("max", max)):
        core_ms, naive_ms = pick(ours) * 1000, pick(naive) * 1000
        print(f"{label:<22}{core_ms:>12.2f}{naive_ms:>14.2f}{naive_ms / core_ms:>9.1f}x")
    same = ours_results == naive_results
    print(f"identical decisions and suggestions: {'yes' if same else 'NO'}")
    return 0 if same else 1


Result = tuple[Decision, tuple[Suggestion, ...]]


def _ours(scenario: Scenario, request: BookingRequest) -> Result:
    decision = evaluate(request, policy=scenario.policy, existing=scenario.existing, now=NOW)
    suggestions = suggest_windows(
        request,
        policy=scenario.policy,
        existing=scenario.existing,
        now=NOW,
        limit=LIMIT,
        search_span=SPAN,
    )
    return decision, suggestions


def _naive(scenario: Scenario, request: BookingRequest) -> Result:
    policy, existing = scenario.policy, scenario.existing
    decision = evaluate(request, policy=policy, existing=existing, now=NOW)
    length = suggested_length(request.interval.duration, policy)
    if length is None:
        return decision, ()
    anchor = request.interval.start
    points = grid_points(anchor - SPAN, anchor + SPAN + timedelta(minutes=1), granularity=GRAIN, tz=TZ)
    found: list[Suggestion] = []
    for start in sorted(points, key=lambda p: (abs(p - anchor), p)):
        candidate = request_at(request, start, length=length)
        if not evaluate(candidate, policy=policy, existing=existing, now=NOW).refusals:
            found.append(Suggestion(abs(start - anchor), candidate.interval))
            if len(found) == LIMIT:
                break
    return decision, tuple(found)


def _time_each(
    scenario: Scenario, method: Callable[[Scenario, BookingRequest], Result]
) -> tuple[list[float], list[Result]]:
    seconds, results = [], []
    for request in scenario.requests:
        started = time.perf_counter()
        results.append(method(scenario, request))
        seconds.append(time.perf_counter() - started)
    return seconds, results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def build_scenario(*, n_bookings: int, n_queries: int, seed: int) -> Scenario:
    rng = random.Random(seed)
    policy = InstrumentPolicy(
        time_zone=TZ,
        granularity=GRAIN,
        min_duration=timedelta(minutes=30),
        max_duration=timedelta(hours=4),
        lead_time=timedelta(hours=12),
        horizon=timedelta(days=60),
        quotas=Quotas(user_daily=timedelta(hours=6), organisation_weekly=timedelta(hours=60)),
        opening_hours=tuple(OpeningWindow(day, clock(6), clock(0)) for day in range(7)),
        blackouts=(
            Blackout(Interval(MONTH_START + timedelta(days=9), MONTH_START + timedelta(days=10))),
            Blackout(
                Interval(
                    MONTH_START + timedelta(days=20, hours=6),
                    MONTH_START + timedelta(days=20, hours=14),
                )
            ),
        ),
        capacity=2,
    )
    bookers = [Booker(u, u % 12, UserCategory.INTERNAL) for u in range(60)]
    existing = _fill_month(policy, bookers, n_bookings, rng)
    requests = tuple(_random_request(policy, rng.choice(bookers), rng) for _ in range(n_queries))
    return Scenario(policy, existing, requests)


def _fill_month(
    policy: InstrumentPolicy, bookers: list[Booker], n_bookings: int, rng: random.Random
) -> tuple[ExistingBooking, ...]:
    """Random bookings kept only where a seat is free, tracked per grid slot (fast)."""
    seats: dict[datetime, int] = {}
    existing: list[ExistingBooking] = []
    for _ in range(n_bookings * 50):
        if len(existing) == n_bookings:
            break
        request = _random_request(policy, rng.choice(bookers), rng)
        slots = list(_slots(request.interval))
        if any(seats.get(slot, 0) >= policy.capacity for slot in slots):
            continue
        for slot in slots:
            seats[slot] = seats.get(slot, 0) + 1
        booker = request.booker
        existing.append(
            ExistingBooking(len(existing), booker.user_id, booker.organisation_id, request.interval)
        )
    return tuple(existing)


def _slots(interval: Interval) -> Iterator[datetime]:
    slot = interval.start
    while slot < interval.end:
        yield slot
        slot += GRAIN


def _random_request(policy: InstrumentPolicy, booker: Booker, rng: random.Random) -> BookingRequest:
    day = MONTH_START + timedelta(days=rng.randrange(30))
    start = day.astimezone(UTC) + timedelta(hours=6) + GRAIN * rng.randrange(66)
    minutes = 15 * rng.randint(2, 4)
    return request_at(
        BookingRequest(booker, Interval(start, start + GRAIN)),
        start,
        length=timedelta(minutes=minutes),
    )
