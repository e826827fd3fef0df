"""Large-neighbourhood search: re-solve small parts of the schedule exactly with CP-SAT.

On the full model CP-SAT with two workers barely moves from the heuristic start on events
of a few thousand meetings; exact solves of small neighbourhoods, everything else held
fixed, improve steadily instead. Two kinds alternate: one session of a few connected
participants (meetings may be reordered within the session), and every meeting of a few
connected participants (meetings may change session, unscheduled ones may enter).
"""

from __future__ import annotations

import random
import time

from techbridge_core.scheduling.cpsat_model import build_timeline_model
from techbridge_core.scheduling.cpsat_run import ProgressCallback, run_model
from techbridge_core.scheduling.cpsat_solution import add_hint, read_slots
from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.metrics import busy_slots_by_participant, count_breaks
from techbridge_core.scheduling.neighbourhoods import Neighbourhood, pick_neighbourhood
from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.schedule import assign_tables

type Slots = tuple[int | None, ...]

SUBSOLVE_SECONDS = 1.0


def improve_by_lns(
    problem: Problem,
    index: ProblemIndex,
    slots: Slots,
    *,
    seconds: float,
    seed: int,
    workers: int,
    progress: ProgressCallback | None = None,
    count_target: int | None = None,
) -> Slots:
    """Improve ``slots`` for ``seconds``.

    With ``count_target`` only neighbourhoods around unscheduled meetings are tried, and
    the search stops once that many meetings are scheduled.
    """
    rng = random.Random(seed)  # noqa: S311 - search diversification, seeded for repeatability
    deadline = time.monotonic() + seconds
    sizes = {"session": 40, "participants": 30}
    breaks = _breaks(problem, index, slots)
    current = _key(slots, breaks)
    iteration = 0
    while (left := deadline - time.monotonic()) > 0.1:
        if _finished(index, slots, breaks, count_target):
            break
        iteration += 1
        kind = "session" if iteration % 3 and count_target is None else "participants"
        hood = pick_neighbourhood(
            problem,
            index=index,
            slots=slots,
            breaks=[0] * len(breaks) if count_target is not None else breaks,
            rng=rng,
            size=sizes[kind],
            kind=kind,
        )
        candidate, optimal = _solve_neighbourhood(
            problem,
            index,
            slots,
            hood,
            seconds=min(left, SUBSOLVE_SECONDS),
            seed=rng.randrange(1 << 20),
            workers=workers,
        )
        candidate_breaks = _breaks(problem, index, candidate)
        if _key(candidate, candidate_breaks) <= current:
            slots, breaks = candidate, candidate_breaks
            current = _key(slots, breaks)
        # Grow neighbourhoods that solve to optimality, shrink those that time out.
        grown, shrunk = min(400, int(sizes[kind] * 1.1) + 1), max(8, int(sizes[kind] / 1.3))
        sizes[kind] = grown if optimal else shrunk
        if progress is not None:
            progress(1.0 - max(0.0, deadline - time.monotonic()) / max(seconds, 1e-9), "lns")
    return slots


def _finished(index: ProblemIndex, slots: Slots, breaks: list[int], count_target: int | None) -> bool:
    scheduled = sum(slot is not None for slot in slots)
    all_in = all(
        slot is not None or not allowed for slot, allowed in zip(slots, index.allowed_slots, strict=True)
    )
    if count_target is not None:
        return all_in or scheduled >= count_target
    return all_in and sum(breaks) == 0


def _solve_neighbourhood(
    problem: Problem,
    index: ProblemIndex,
    slots: Slots,
    hood: Neighbourhood,
    *,
    seconds: float,
    seed: int,
    workers: int,
) -> tuple[Slots, bool]:
    if not hood.meetings:
        return slots, False
    built = build_timeline_model(problem, index, free=hood.meetings, fixed_slots=slots, window=hood.window)
    weight = problem.n_slots + 1
    breaks_objective = weight * built.total_breaks + built.max_breaks
    placed = sum(slots[m] is not None for m in hood.meetings)
    if placed < len(hood.meetings):
        count_weight = weight * (len(built.breaks) * problem.n_slots + 1)
        built.model.minimize(-count_weight * built.total_scheduled + breaks_objective)
    else:
        # Proving that no more meetings fit is hard for CP-SAT; when all are in, keep them in.
        built.model.add(built.total_scheduled >= placed)
        built.model.minimize(breaks_objective)
    add_hint(built, problem, slots)
    solver, outcome = run_model(built.model, seconds=seconds, seed=seed, workers=workers)
    if not outcome.has_solution:
        return slots, False
    return read_slots(built, solver, slots, hood.meetings), outcome.status == "OPTIMAL"


def _breaks(problem: Problem, index: ProblemIndex, slots: Slots) -> list[int]:
    busy = busy_slots_by_participant(problem, assign_tables(problem, slots))
    return [count_breaks(b, index.session_of)[0] for b in busy]


def _key(slots: Slots, breaks: list[int]) -> tuple[int, int, int]:
    scheduled = sum(slot is not None for slot in slots)
    return (-scheduled, sum(breaks), max(breaks, default=0))
