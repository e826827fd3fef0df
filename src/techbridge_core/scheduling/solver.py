"""Schedule meetings: heuristic start, then improvement within a time budget.

Objectives are lexicographic: meetings scheduled, total breaks, largest breaks of anyone.
The greedy heuristic gives a valid schedule within about a second. CP-SAT neighbourhoods
then try to fit meetings it left out, simulated annealing removes most breaks, and CP-SAT
neighbourhoods polish the result. A final solve of the whole model, when it is small enough
to help, may improve further and proves a lower bound on the breaks. Record 0005 has the
measurements behind this order.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from techbridge_core.scheduling.annealing import anneal
from techbridge_core.scheduling.bounds import breaks_lower_bound, scheduled_upper_bound
from techbridge_core.scheduling.cpsat_model import build_timeline_model
from techbridge_core.scheduling.cpsat_run import ProgressCallback, RunOutcome, run_model
from techbridge_core.scheduling.cpsat_solution import add_hint, read_slots
from techbridge_core.scheduling.greedy import repair_unscheduled
from techbridge_core.scheduling.heuristic import heuristic_slots
from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.lns import improve_by_lns
from techbridge_core.scheduling.metrics import ScheduleMetrics, compute_metrics
from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.schedule import Schedule, assign_tables
from techbridge_core.scheduling.timeline import Timeline

# Phases after the heuristic, each given this share of the time then left: LNS around
# unscheduled meetings, annealing, LNS on breaks (the full model, if any, gets the rest).
FULL_MODEL_SHARES = (0.1, 0.7, 0.5)
LNS_ONLY_SHARES = (0.1, 0.75, 1.0)
# Above this many (meeting, slot) Booleans the full model finds nothing in the time left
# (measured on congress-large, 110k), so LNS gets the whole budget and no bound is proven.
FULL_MODEL_MAX_LITERALS = 60_000


@dataclass(frozen=True, slots=True)
class SolveResult:
    schedule: Schedule
    metrics: ScheduleMetrics
    heuristic_metrics: ScheduleMetrics
    scheduled_upper_bound: int
    lower_bound_breaks: int
    first_solution_s: float
    wall_s: float
    status: str

    @property
    def gap(self) -> float:
        """Relative distance of the breaks from their proven lower bound (0 = optimal)."""
        breaks = self.metrics.breaks
        return 0.0 if breaks == 0 else (breaks - self.lower_bound_breaks) / breaks


def quality_key(metrics: ScheduleMetrics) -> tuple[int, int, int]:
    return (-metrics.scheduled, metrics.breaks, metrics.max_breaks_per_participant)


def solve(
    problem: Problem,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    workers: int = 2,
    progress: ProgressCallback | None = None,
) -> SolveResult:
    started = time.monotonic()
    report = progress or (lambda _fraction, _message: None)

    def seconds_for(share: float) -> float:
        return max(0.0, share * (time_limit - (time.monotonic() - started)))

    index = ProblemIndex.build(problem)
    start = heuristic_slots(problem, index, seconds=min(0.02 * time_limit, 1.0), seed=seed)
    heuristic = compute_metrics(problem, assign_tables(problem, start.slots))
    report(0.05, f"heuristic schedule: {heuristic.scheduled} meetings, {heuristic.breaks} breaks")
    upper = scheduled_upper_bound(problem, index)
    full_model = sum(len(allowed) for allowed in index.allowed_slots) <= FULL_MODEL_MAX_LITERALS
    shares = FULL_MODEL_SHARES if full_model else LNS_ONLY_SHARES
    slots = start.slots
    if heuristic.scheduled < upper:
        slots = improve_by_lns(
            problem,
            index,
            slots,
            seconds=seconds_for(shares[0]),
            seed=seed,
            workers=workers,
            count_target=upper,
        )
    report(0.15, "annealing")
    timeline = Timeline.from_slots(problem, index, slots)
    anneal(timeline, seconds=seconds_for(shares[1]), seed=seed)
    # Annealing may have opened a place for a meeting that did not fit before.
    repair_unscheduled(timeline)
    report(0.7, "neighbourhood search")
    slots = improve_by_lns(
        problem, index, timeline.slots(), seconds=seconds_for(shares[2]), seed=seed, workers=workers
    )
    optimal = sum(s is not None for s in slots) == upper and _no_breaks(problem, slots)
    lower, status = 0, "optimal" if optimal else "heuristic"
    if full_model and not optimal:
        slots, lower, status = _solve_full_model(
            problem,
            index,
            slots,
            seconds=seconds_for(1.0),
            seed=seed,
            workers=workers,
            progress=progress,
        )
    schedule = assign_tables(problem, slots)
    metrics = compute_metrics(problem, schedule)
    dropped = len(problem.meetings) - metrics.scheduled
    lower = max(lower, breaks_lower_bound(problem, index, dropped=dropped))
    report(1.0, f"done: {metrics.scheduled} meetings, {metrics.breaks} breaks")
    return SolveResult(
        schedule=schedule,
        metrics=metrics,
        heuristic_metrics=heuristic,
        scheduled_upper_bound=max(upper, metrics.scheduled),
        lower_bound_breaks=min(lower, metrics.breaks),
        first_solution_s=start.first_feasible_s,
        wall_s=time.monotonic() - started,
        status=status,
    )


def _solve_full_model(
    problem: Problem,
    index: ProblemIndex,
    best: tuple[int | None, ...],
    *,
    seconds: float,
    seed: int,
    workers: int,
    progress: ProgressCallback | None,
) -> tuple[tuple[int | None, ...], int, str]:
    """Keep the number scheduled, minimise ``weight * breaks + max_breaks`` from ``best``.

    The bound is valid for every schedule with at least as many meetings as ``best``.
    """
    built = build_timeline_model(problem, index)
    built.model.add(built.total_scheduled >= sum(slot is not None for slot in best))
    weight = problem.n_slots + 1
    built.model.minimize(weight * built.total_breaks + built.max_breaks)
    add_hint(built, problem, best)
    solver, outcome = run_model(
        built.model, seconds=seconds, seed=seed, workers=workers, progress=progress, span=(0.8, 1.0)
    )
    if not outcome.has_solution:
        return best, 0, "heuristic"
    candidate = read_slots(built, solver, best)
    better = quality_key(compute_metrics(problem, assign_tables(problem, candidate))) <= quality_key(
        compute_metrics(problem, assign_tables(problem, best))
    )
    return (candidate if better else best), _breaks_bound(outcome, weight), outcome.status.lower()


def _no_breaks(problem: Problem, slots: tuple[int | None, ...]) -> bool:
    return compute_metrics(problem, assign_tables(problem, slots)).breaks == 0


def _breaks_bound(outcome: RunOutcome, weight: int) -> int:
    # objective = weight * breaks + max_breaks with 0 <= max_breaks <= min(breaks, weight - 1).
    return max(
        math.ceil((outcome.bound - (weight - 1)) / weight - 1e-6),
        math.ceil(outcome.bound / (weight + 1) - 1e-6),
        0,
    )
