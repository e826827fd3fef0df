from __future__ import annotations

from datetime import datetime, timedelta

from booking_factories import NOW, at, make_booker, make_existing, make_policy, make_request, span

from techbridge_core.booking import (
    CancellationDecision,
    CancellationKind,
    Outcome,
    WaitingEntry,
    cancellation,
    evaluate,
    may_join_waiting_list,
    promote_from_waiting_list,
)

BOOKING = span(at(3, 10), 60)
DEADLINE = at(2, 10)  # 24 h notice


def test_cancellation_before_deadline_is_free() -> None:
    decision = cancellation(BOOKING, policy=make_policy(), now=DEADLINE - timedelta(minutes=1))
    assert decision == CancellationDecision(CancellationKind.FREE, DEADLINE)


def test_cancellation_exactly_at_deadline_is_late() -> None:
    decision = cancellation(BOOKING, policy=make_policy(), now=DEADLINE)
    assert decision.kind is CancellationKind.LATE


def test_cancellation_after_start_is_refused() -> None:
    decision = cancellation(BOOKING, policy=make_policy(), now=at(3, 10))
    assert decision.kind is CancellationKind.STARTED


def test_may_join_waiting_list_when_only_full() -> None:
    existing = (make_existing(1, at(2, 10), 60),)
    decision = evaluate(make_request(at(2, 10), 60), policy=make_policy(), existing=existing, now=NOW)
    assert may_join_waiting_list(decision) is True


def test_may_not_join_waiting_list_when_another_rule_also_refuses() -> None:
    existing = (make_existing(1, at(2, 10), 60),)
    request = make_request(at(2, 10), 30)  # full and too short
    decision = evaluate(request, policy=make_policy(), existing=existing, now=NOW)
    assert may_join_waiting_list(decision) is False


def test_may_not_join_waiting_list_when_allowed() -> None:
    decision = evaluate(make_request(at(2, 10), 60), policy=make_policy(), existing=(), now=NOW)
    assert may_join_waiting_list(decision) is False


def entry(entry_id: int, joined: datetime, start: datetime, minutes: int, user: int) -> WaitingEntry:
    booker = make_booker(user_id=user)
    return WaitingEntry(entry_id, joined, make_request(start, minutes, booker=booker))


def test_promote_first_in_line_whose_request_now_fits() -> None:
    remaining = (make_existing(2, at(2, 11), 60),)  # booking 1 (10:00-11:00) was cancelled
    waiting = [
        entry(30, at(1, 9, 30), at(2, 12), 60, user=6),  # fits, but joined last
        entry(10, at(1, 8), at(2, 10), 120, user=4),  # first, still clashes with 11:00
        entry(20, at(1, 9), at(2, 10), 60, user=5),  # second, fits the freed hour
    ]
    promoted = promote_from_waiting_list(waiting, policy=make_policy(), existing=remaining, now=NOW)
    assert promoted is not None
    assert promoted[0].entry_id == 20
    assert promoted[1].outcome is Outcome.ALLOWED


def test_promote_breaks_join_time_ties_by_entry_id() -> None:
    waiting = [entry(8, at(1, 8), at(2, 10), 60, user=4), entry(7, at(1, 8), at(2, 10), 60, user=5)]
    promoted = promote_from_waiting_list(waiting, policy=make_policy(), existing=(), now=NOW)
    assert promoted is not None
    assert promoted[0].entry_id == 7


def test_promote_nobody_when_no_request_fits() -> None:
    remaining = (make_existing(2, at(2, 10), 120),)
    waiting = [entry(1, at(1, 8), at(2, 11), 60, user=4)]
    promoted = promote_from_waiting_list(waiting, policy=make_policy(), existing=remaining, now=NOW)
    assert promoted is None
