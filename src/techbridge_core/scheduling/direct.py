"""Reference solver: the timeline CP-SAT model alone, no heuristic start, one objective.

The benchmark measures ``solve`` against this in the same run and time budget.
"""

from __future__ import annotations

import time

from techbridge_core.scheduling.cpsat_model import build_timeline_model
from techbridge_core.scheduling.cpsat_run import run_model
from techbridge_core.scheduling.cpsat_solution import read_slots
from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.metrics import ScheduleMetrics, compute_metrics
from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.schedule import Schedule, assign_tables


def solve_direct(
    problem: Problem, *, time_limit: float, seed: int = 0, workers: int = 2
) -> tuple[Schedule, ScheduleMetrics, float | None, str]:
    """Schedule, metrics, seconds to the first solution (``None`` if none) and status."""
    started = time.monotonic()
    index = ProblemIndex.build(problem)
    built = build_timeline_model(problem, index)
    breaks_weight = problem.n_slots + 1
    count_weight = breaks_weight * (problem.n_participants * problem.n_slots + 1)
    built.model.minimize(
        -count_weight * built.total_scheduled + breaks_weight * built.total_breaks + built.max_breaks
    )
    seconds = time_limit - (time.monotonic() - started)
    solver, outcome = run_model(built.model, seconds=seconds, seed=seed, workers=workers)
    slots = (
        read_slots(built, solver, (None,) * len(problem.meetings))
        if outcome.has_solution
        else (None,) * len(problem.meetings)
    )
    schedule = assign_tables(problem, slots)
    first = (
        None
        if outcome.first_solution_s is None
        else outcome.first_solution_s + (time.monotonic() - started - solver.wall_time)
    )
    return schedule, compute_metrics(problem, schedule), first, outcome.status.lower()
