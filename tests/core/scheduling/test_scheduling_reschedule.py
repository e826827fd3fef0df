import importlib

import pytest
from scheduling_factories import make_problem

from techbridge_core.scheduling import Placement, find_violations, reschedule, solve
from techbridge_core.scheduling.schedule import schedule_by_pair

# The package re-exports the function under the module's name, so fetch the module itself.
reschedule_module = importlib.import_module("techbridge_core.scheduling.reschedule")

MEETINGS = [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (1, 4), (0, 4)]


def test_reschedule_unchanged_problem_moves_nothing() -> None:
    problem = make_problem(MEETINGS, n_slots=6, n_tables=2)
    first = solve(problem, time_limit=1.0)

    result = reschedule(problem, previous=schedule_by_pair(problem, first.schedule), time_limit=1.0)

    assert result.moved == ()
    assert result.schedule == first.schedule


def test_reschedule_cancellation_moves_nothing() -> None:
    problem = make_problem(MEETINGS, n_slots=6, n_tables=2)
    first = solve(problem, time_limit=1.0)
    smaller = make_problem(MEETINGS[1:], n_participants=5, n_slots=6, n_tables=2)

    result = reschedule(smaller, previous=schedule_by_pair(problem, first.schedule), time_limit=1.0)

    assert result.moved == ()
    assert result.metrics.scheduled == len(MEETINGS) - 1


def test_reschedule_new_meeting_moves_one_blocker() -> None:
    # Participant 1 can only meet in slots 0-1 and is busy in 0; participant 0 is busy in
    # both. The cheapest way to fit 0-1 is moving 0-2 out of slot 1.
    previous = {(0, 4): Placement(0, 0), (1, 3): Placement(0, 1), (0, 2): Placement(1, 0)}
    bigger = make_problem([(0, 4), (1, 3), (0, 2), (0, 1)], n_slots=4, unavailable={1: frozenset({2, 3})})

    result = reschedule(bigger, previous=previous, time_limit=2.0)

    assert result.metrics.scheduled == 4
    assert result.moved == ((0, 2),)
    assert result.schedule[3] == Placement(1, 0)
    assert find_violations(bigger, result.schedule) == []


def test_reschedule_leaving_early_moves_only_the_affected_meeting() -> None:
    previous = {(0, 1): Placement(3, 0), (2, 3): Placement(0, 0), (0, 2): Placement(2, 1)}
    leaving = make_problem([(0, 1), (2, 3), (0, 2)], n_slots=4, unavailable={1: frozenset({3})})

    result = reschedule(leaving, previous=previous, time_limit=1.0)

    assert result.moved == ((0, 1),)
    assert result.schedule[1:] == (Placement(0, 0), Placement(2, 1))
    assert find_violations(leaving, result.schedule) == []


def test_reschedule_large_event_path_moves_one_blocker(monkeypatch: pytest.MonkeyPatch) -> None:
    # Large events re-solve only the neighbourhood of the change; force that path here.
    monkeypatch.setattr(reschedule_module, "FULL_MODEL_MAX_LITERALS", 0)
    previous = {(0, 4): Placement(0, 0), (1, 3): Placement(0, 1), (0, 2): Placement(1, 0)}
    bigger = make_problem(
        [(0, 4), (1, 3), (0, 2), (0, 1), (5, 6)], n_slots=4, unavailable={1: frozenset({2, 3})}
    )

    result = reschedule(bigger, previous=previous, time_limit=2.0)

    assert result.metrics.scheduled == 5
    assert result.moved == ((0, 2),)
    assert find_violations(bigger, result.schedule) == []
