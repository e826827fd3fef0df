"""Repair a published schedule after changes, moving as few meetings as possible.

Changes arrive as a new problem (cancelled meetings gone, new ones added, new unavailable
slots for someone leaving early) plus the previous placements keyed by meeting pair.
Priorities, in order: keep every meeting that had a slot and schedule every new one; move
as few previously placed meetings as possible; fit previously unplaced ones; fewest breaks.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

from techbridge_core.scheduling.cpsat_model import TimelineModel, build_timeline_model
from techbridge_core.scheduling.cpsat_run import ProgressCallback, run_model
from techbridge_core.scheduling.cpsat_solution import add_hint, read_slots
from techbridge_core.scheduling.greedy import best_slot
from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.metrics import ScheduleMetrics, compute_metrics
from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.schedule import Placement, Schedule, assign_tables
from techbridge_core.scheduling.timeline import FREE, Timeline

# Above this many (meeting, slot) Booleans only the neighbourhood of the change is re-solved.
FULL_MODEL_MAX_LITERALS = 60_000


@dataclass(frozen=True, slots=True)
class RescheduleResult:
    schedule: Schedule
    metrics: ScheduleMetrics
    moved: tuple[tuple[int, int], ...]  # pairs that had a slot and now have another or none
    wall_s: float
    status: str


def reschedule(
    problem: Problem,
    *,
    previous: Mapping[tuple[int, int], Placement],
    previously_known: frozenset[tuple[int, int]] = frozenset(),
    time_limit: float = 10.0,
    seed: int = 0,
    workers: int = 2,
    progress: ProgressCallback | None = None,
) -> RescheduleResult:
    """``previously_known``: pairs that existed before but had no slot (not new meetings)."""
    started = time.monotonic()
    index = ProblemIndex.build(problem)
    start_slots, moves = _keep_then_insert(problem, index, previous)
    status = "kept"
    new_or_placed = [m.pair in previous or m.pair not in previously_known for m in problem.meetings]
    unplaced_priority = [m for m, slot in enumerate(start_slots) if slot is None and new_or_placed[m]]
    slots = start_slots
    if moves or unplaced_priority:
        free = _disruption_neighbourhood(problem, index, previous, start_slots)
        built = build_timeline_model(problem, index, free=free, fixed_slots=start_slots)
        _minimise_disruption(built, problem, previous, new_or_placed)
        add_hint(built, problem, start_slots)
        seconds = time_limit - (time.monotonic() - started)
        solver, outcome = run_model(
            built.model, seconds=seconds, seed=seed, workers=workers, progress=progress
        )
        if outcome.has_solution:
            slots = read_slots(built, solver, start_slots, free)
            status = outcome.status.lower()
    schedule = assign_tables(problem, slots, preferred=_previous_tables(problem, previous, slots))
    moved = tuple(
        meeting.pair
        for meeting, slot in zip(problem.meetings, slots, strict=True)
        if meeting.pair in previous and previous[meeting.pair].slot != slot
    )
    return RescheduleResult(
        schedule=schedule,
        metrics=compute_metrics(problem, schedule),
        moved=moved,
        wall_s=time.monotonic() - started,
        status=status,
    )


def _previous_tables(
    problem: Problem, previous: Mapping[tuple[int, int], Placement], slots: tuple[int | None, ...]
) -> dict[int, int]:
    """Tables of meetings that stay in their slot, so their participants get no notice."""
    tables: dict[int, int] = {}
    for meeting, details in enumerate(problem.meetings):
        placement = previous.get(details.pair)
        if placement is not None and placement.slot == slots[meeting] and placement.table is not None:
            tables[meeting] = placement.table
    return tables


def _keep_then_insert(
    problem: Problem, index: ProblemIndex, previous: Mapping[tuple[int, int], Placement]
) -> tuple[tuple[int | None, ...], int]:
    """Keep every previous placement that is still valid, then add the rest greedily."""
    timeline = Timeline(problem, index)
    moves = 0
    for meeting, details in enumerate(problem.meetings):
        placement = previous.get(details.pair)
        if placement is None:
            continue
        allowed = placement.slot in index.allowed_slots[meeting]
        if allowed and timeline.fits(meeting, placement.slot):
            timeline.place(meeting, placement.slot)
        else:
            moves += 1
    for meeting, slot in enumerate(timeline.slot_of):
        if slot == FREE:
            new_slot = best_slot(timeline, meeting)
            if new_slot != FREE:
                timeline.place(meeting, new_slot)
    return timeline.slots(), moves


def _disruption_neighbourhood(
    problem: Problem,
    index: ProblemIndex,
    previous: Mapping[tuple[int, int], Placement],
    start_slots: tuple[int | None, ...],
) -> list[int] | None:
    """Meetings CP-SAT may touch: all of them on small events; on large ones, those that
    lost their place or found none, plus every meeting of their participants and partners.
    """
    if sum(len(allowed) for allowed in index.allowed_slots) <= FULL_MODEL_MAX_LITERALS:
        return None
    troubled = [
        m
        for m, meeting in enumerate(problem.meetings)
        if start_slots[m] is None
        or (meeting.pair in previous and previous[meeting.pair].slot != start_slots[m])
    ]
    free = set(troubled)
    for _hop in range(2):
        people = {p for m in free for p in problem.meetings[m].participants}
        free.update(m for p in people for m in index.meetings_of[p])
    return sorted(free)


def _minimise_disruption(
    built: TimelineModel,
    problem: Problem,
    previous: Mapping[tuple[int, int], Placement],
    new_or_placed: list[bool],
) -> None:
    # Weights make the priorities strict: each level outweighs everything below it.
    n_meetings = len(built.meetings)
    breaks_weight = problem.n_slots + 1
    fit_old_weight = breaks_weight * (problem.n_participants * problem.n_slots + 1)
    move_weight = fit_old_weight * (n_meetings + 1)
    priority_weight = move_weight * (n_meetings + 1)
    stays = []
    for meeting in built.meetings:
        placement = previous.get(problem.meetings[meeting].pair)
        if placement is not None and (meeting, placement.slot) in built.assign:
            stays.append(built.assign[meeting, placement.slot])
    n_previous = sum(1 for m in built.meetings if problem.meetings[m].pair in previous)
    scheduled = list(zip(built.meetings, built.scheduled, strict=True))
    priority = sum(s for m, s in scheduled if new_or_placed[m])
    old = sum(s for m, s in scheduled if not new_or_placed[m])
    built.model.minimize(
        -priority_weight * priority
        + move_weight * (n_previous - sum(stays))
        - fit_old_weight * old
        + breaks_weight * built.total_breaks
        + built.max_breaks
    )
