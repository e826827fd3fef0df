from __future__ import annotations

from datetime import time, timedelta

from booking_factories import NOW, at, make_existing, make_policy, make_request, span

from techbridge_core.booking import (
    Blackout,
    Quotas,
    Suggestion,
    evaluate,
    suggest_windows,
    weekdays,
)
from techbridge_core.booking.intervals import Interval
from techbridge_core.booking.suggest import suggested_length
from techbridge_core.booking.values import request_at

OFFICE_HOURS = weekdays(time(8), time(18))


def starts(suggestions: tuple[Suggestion, ...]) -> list[tuple[int, int, int]]:
    """(day, hour, minute) of each suggested start, in Budapest time."""
    local = [s.interval.start.astimezone(at(1, 0).tzinfo) for s in suggestions]
    return [(moment.day, moment.hour, moment.minute) for moment in local]


def test_suggest_windows_closest_first_on_both_sides_of_a_booking() -> None:
    policy = make_policy(opening_hours=OFFICE_HOURS)
    existing = (make_existing(1, at(2, 10), 120),)
    suggestions = suggest_windows(
        make_request(at(2, 10), 60), policy=policy, existing=existing, now=NOW, limit=5
    )
    assert starts(suggestions) == [(2, 9, 0), (2, 8, 30), (2, 8, 0), (2, 12, 0), (2, 12, 30)]
    assert suggestions[0] == Suggestion(timedelta(hours=1), span(at(2, 9), 60))


def test_suggest_windows_skip_blackouts() -> None:
    policy = make_policy(
        opening_hours=OFFICE_HOURS,
        blackouts=(Blackout(Interval(at(2, 12), at(2, 15)), "service"),),
        lead_time=timedelta(days=1, hours=4),  # nothing before Tuesday noon
    )
    existing = (make_existing(1, at(2, 10), 120),)
    suggestions = suggest_windows(
        make_request(at(2, 12), 60), policy=policy, existing=existing, now=NOW, limit=2
    )
    assert starts(suggestions) == [(2, 15, 0), (2, 15, 30)]


def test_suggest_windows_outside_opening_hours_stays_inside_them() -> None:
    policy = make_policy(opening_hours=OFFICE_HOURS)
    suggestions = suggest_windows(
        make_request(at(2, 17, 30), 60), policy=policy, existing=(), now=NOW, limit=3
    )
    assert starts(suggestions) == [(2, 17, 0), (2, 16, 30), (2, 16, 0)]


def test_suggest_windows_on_closed_weekend_moves_to_friday_and_monday() -> None:
    policy = make_policy(opening_hours=OFFICE_HOURS)
    request = make_request(at(6, 12), 60)  # Saturday noon
    suggestions = suggest_windows(request, policy=policy, existing=(), now=NOW, limit=2)
    assert starts(suggestions) == [(5, 17, 0), (5, 16, 30)]


def test_suggest_windows_never_before_lead_time() -> None:
    suggestions = suggest_windows(
        make_request(at(1, 9), 60), policy=make_policy(), existing=(), now=NOW, limit=2
    )
    assert starts(suggestions) == [(1, 10, 0), (1, 10, 30)]


def test_suggest_windows_with_capacity_two_uses_the_free_seat() -> None:
    policy = make_policy(opening_hours=OFFICE_HOURS, capacity=2)
    existing = (make_existing(1, at(2, 10), 120), make_existing(2, at(2, 11), 60))
    suggestions = suggest_windows(
        make_request(at(2, 11), 60), policy=policy, existing=existing, now=NOW, limit=3
    )
    # 10:00-11:00 has one seat left; 11:00-12:00 is full.
    assert starts(suggestions) == [(2, 10, 0), (2, 12, 0), (2, 9, 30)]


def test_suggest_windows_respect_daily_quota() -> None:
    policy = make_policy(opening_hours=OFFICE_HOURS, quotas=Quotas(user_daily=timedelta(hours=2)))
    own = (make_existing(1, at(2, 8), 120, user_id=1, organisation_id=10),)
    suggestions = suggest_windows(make_request(at(2, 14), 60), policy=policy, existing=own, now=NOW, limit=1)
    assert starts(suggestions) == [(3, 8, 0)]


def test_suggest_windows_none_when_training_missing() -> None:
    policy = make_policy(required_qualification="sem-advanced")
    suggestions = suggest_windows(make_request(at(2, 10), 60), policy=policy, existing=(), now=NOW)
    assert suggestions == ()


def test_suggest_windows_none_within_search_span_when_fully_booked() -> None:
    policy = make_policy(max_duration=None)
    existing = (make_existing(1, at(1, 8), 14 * 24 * 60),)
    suggestions = suggest_windows(
        make_request(at(3, 10), 60),
        policy=policy,
        existing=existing,
        now=NOW,
        search_span=timedelta(days=3),
    )
    assert suggestions == ()


def test_suggest_windows_every_suggestion_passes_evaluate() -> None:
    policy = make_policy(
        opening_hours=OFFICE_HOURS,
        capacity=2,
        quotas=Quotas(user_daily=timedelta(hours=3), organisation_weekly=timedelta(hours=12)),
        blackouts=(Blackout(Interval(at(3, 9), at(3, 13)), "cleaning"),),
    )
    existing = tuple(
        make_existing(i, at(2 + i % 4, 8 + i % 9), 90, user_id=1 + i % 3, organisation_id=10 + i % 2)
        for i in range(24)
    )
    request = make_request(at(3, 10), 120)
    suggestions = suggest_windows(request, policy=policy, existing=existing, now=NOW, limit=20)
    assert len(suggestions) == 20
    distances = [s.distance for s in suggestions]
    assert distances == sorted(distances)
    for suggestion in suggestions:
        moved = request_at(request, suggestion.interval.start)
        assert evaluate(moved, policy=policy, existing=existing, now=NOW).refusals == ()


def test_suggested_length_rounds_up_to_minimum_and_grid() -> None:
    policy = make_policy()
    assert suggested_length(timedelta(minutes=45), policy) == timedelta(minutes=60)
    assert suggested_length(timedelta(minutes=75), policy) == timedelta(minutes=90)
    assert suggested_length(timedelta(hours=9), policy) == timedelta(hours=4)
