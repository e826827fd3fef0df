from scheduling_factories import make_problem

from techbridge_core.scheduling import solve
from techbridge_core.scheduling.bounds import breaks_lower_bound
from techbridge_core.scheduling.index import ProblemIndex


def test_a_talk_in_the_middle_of_a_busy_morning_forces_a_break() -> None:
    # Participant 0 has five meetings in a six-slot session and gives a talk in slot 2.
    problem = make_problem([(0, q) for q in range(1, 6)], n_slots=6, unavailable={0: frozenset({2})})
    index = ProblemIndex.build(problem)

    assert breaks_lower_bound(problem, index, dropped=0) == 1
    result = solve(problem, time_limit=1.0)
    assert result.metrics.breaks == 1
    assert result.lower_bound_breaks == 1
    assert result.gap == 0.0


def test_no_forced_break_when_the_meetings_fit_in_one_run_per_session() -> None:
    problem = make_problem(
        [(0, q) for q in range(1, 5)],
        n_slots=6,
        sessions=((0, 2), (3, 5)),
        unavailable={0: frozenset({2, 5})},
    )

    assert (
        breaks_lower_bound(problem, ProblemIndex.build(problem), dropped=0) == 0
    )  # one run of two slots per session


def test_each_left_out_meeting_weakens_the_bound_by_two() -> None:
    problem = make_problem(
        [(0, q) for q in range(1, 6)] + [(6, q) for q in range(7, 12)],
        n_slots=6,
        unavailable={0: frozenset({2}), 6: frozenset({3})},
    )
    index = ProblemIndex.build(problem)

    assert breaks_lower_bound(problem, index, dropped=0) == 2
    assert breaks_lower_bound(problem, index, dropped=1) == 0
