from scheduling_factories import make_problem

from techbridge_core.scheduling import Meeting, Placement, Problem, find_violations, solve
from techbridge_core.scheduling.metrics import ScheduleMetrics


def test_solve_star_packs_meetings_without_breaks() -> None:
    problem = make_problem([(0, 1), (0, 2), (0, 3)], n_slots=6)

    result = solve(problem, time_limit=1.0)

    assert result.metrics == ScheduleMetrics(3, 0, 0, 0)
    assert find_violations(problem, result.schedule) == []


def test_solve_overfull_participant_schedules_the_maximum() -> None:
    problem = make_problem([(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)], n_slots=4)

    result = solve(problem, time_limit=1.0)

    assert result.metrics.scheduled == 4
    assert result.scheduled_upper_bound == 4
    assert find_violations(problem, result.schedule) == []


def test_solve_forced_gap_counts_one_break_and_proves_it() -> None:
    problem = make_problem(
        [(0, 1), (0, 2)],
        n_slots=3,
        unavailable={1: frozenset({1, 2}), 2: frozenset({0, 1})},
    )

    result = solve(problem, time_limit=1.0)

    assert result.metrics == ScheduleMetrics(2, 1, 1, 1)
    assert result.lower_bound_breaks == 1
    assert result.gap == 0.0


def test_solve_gap_across_sessions_is_not_a_break() -> None:
    problem = make_problem(
        [(0, 1), (0, 2)],
        n_slots=4,
        sessions=((0, 1), (2, 3)),
        unavailable={1: frozenset({1, 2, 3}), 2: frozenset({0, 1, 2})},
    )

    result = solve(problem, time_limit=1.0)

    assert result.metrics == ScheduleMetrics(2, 0, 0, 0)


def test_solve_table_shortage_leaves_one_meeting_out() -> None:
    problem = make_problem([(0, 1), (2, 3)], n_slots=1, n_tables=1)

    result = solve(problem, time_limit=1.0)

    assert result.metrics.scheduled == 1
    assert find_violations(problem, result.schedule) == []


def test_solve_online_meeting_needs_no_table() -> None:
    problem = make_problem([(0, 1), (2, 3)], n_slots=1, n_tables=1, online=frozenset({3}))

    result = solve(problem, time_limit=1.0)

    assert result.schedule == (Placement(0, 0), Placement(0, None))


def test_solve_pinned_meeting_stays_in_its_slot() -> None:
    problem = Problem(
        n_participants=3,
        n_slots=4,
        n_tables=2,
        sessions=((0, 3),),
        meetings=(Meeting(0, 1, pinned_slot=2), Meeting(0, 2)),
    )

    result = solve(problem, time_limit=1.0)

    assert result.schedule[0] == Placement(2, 0)
    assert result.metrics.breaks == 0


def test_solve_reports_progress_up_to_completion() -> None:
    problem = make_problem([(0, 1), (0, 2)], n_slots=3)
    reports: list[tuple[float, str]] = []

    solve(
        problem,
        time_limit=0.5,
        progress=lambda fraction, message: reports.append((fraction, message)),
    )

    assert reports[-1][0] == 1.0
    assert all(0.0 <= fraction <= 1.0 for fraction, _ in reports)


def test_solve_same_seed_gives_same_schedule() -> None:
    problem = make_problem([(0, 1), (0, 2), (1, 2), (2, 3), (3, 4), (1, 4)], n_slots=5)

    first = solve(problem, time_limit=0.5, seed=3)
    second = solve(problem, time_limit=0.5, seed=3)

    assert first.metrics == second.metrics
