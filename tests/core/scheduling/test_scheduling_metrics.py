from scheduling_factories import make_problem

from techbridge_core.scheduling import Placement, compute_metrics
from techbridge_core.scheduling.metrics import ScheduleMetrics, count_breaks


def test_count_breaks_counts_runs_of_idle_slots_within_a_session() -> None:
    session_of = (0, 0, 0, 0, 0, 1, 1, 1)

    assert count_breaks([0, 2, 3, 6], session_of) == (1, 1)
    assert count_breaks([0, 4, 7], session_of) == (1, 3)
    assert count_breaks([4, 5], session_of) == (0, 0)


def test_compute_metrics_sums_breaks_and_takes_the_maximum() -> None:
    problem = make_problem([(0, 1), (0, 2), (0, 3), (1, 2)], n_slots=6)
    schedule = (Placement(0, 0), Placement(2, 0), Placement(5, 0), Placement(4, 1))

    assert compute_metrics(problem, schedule) == ScheduleMetrics(4, 4, 7, 2)
