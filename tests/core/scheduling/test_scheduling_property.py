from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge_core.scheduling import Meeting, Problem, find_violations, solve


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    n_participants = draw(st.integers(2, 6))
    n_slots = draw(st.integers(1, 5))
    split = draw(st.integers(1, n_slots))
    sessions = ((0, split - 1),) + (((split, n_slots - 1),) if split < n_slots else ())
    pairs = st.tuples(st.integers(0, n_participants - 1), st.integers(0, n_participants - 1))
    meetings = {(min(p, q), max(p, q)) for p, q in draw(st.lists(pairs, max_size=10)) if p != q}
    blocked = st.frozensets(st.integers(0, n_slots - 1), max_size=n_slots)
    return Problem(
        n_participants=n_participants,
        n_slots=n_slots,
        n_tables=draw(st.integers(0, 3)),
        sessions=sessions,
        meetings=tuple(Meeting(p, q) for p, q in sorted(meetings)),
        unavailable=draw(st.dictionaries(st.integers(0, n_participants - 1), blocked)),
        online=draw(st.frozensets(st.integers(0, n_participants - 1), max_size=2)),
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solve_any_small_problem_returns_valid_schedule(problem: Problem) -> None:
    result = solve(problem, time_limit=0.3)

    assert find_violations(problem, result.schedule) == []
    assert result.metrics.scheduled <= result.scheduled_upper_bound
    assert result.lower_bound_breaks <= result.metrics.breaks
