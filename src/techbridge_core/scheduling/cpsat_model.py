"""CP-SAT model of the meeting problem with per-participant timelines.

One Boolean per (meeting, allowed slot). A participant's busy state in a slot is the sum of
their meetings' Booleans there. Breaks are counted as blocks of busy slots minus one per
session with any meeting: a block starts wherever busy follows idle (or the session start),
and minimisation makes the ``starts`` and ``active`` Booleans exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.problem import Problem


@dataclass
class TimelineModel:
    model: cp_model.CpModel
    assign: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    starts: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    active: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    breaks: list[Any] = field(default_factory=list)
    meetings: list[int] = field(default_factory=list)  # the free meetings, as in ``scheduled``
    scheduled: list[Any] = field(default_factory=list)
    max_breaks: Any = None

    @property
    def total_scheduled(self) -> Any:
        return sum(self.scheduled)

    @property
    def total_breaks(self) -> Any:
        return sum(self.breaks)


def build_timeline_model(
    problem: Problem,
    index: ProblemIndex,
    *,
    free: Sequence[int] | None = None,
    fixed_slots: Sequence[int | None] = (),
    window: tuple[int, int] | None = None,
) -> TimelineModel:
    """The whole problem, or only the ``free`` meetings with every other meeting held at
    ``fixed_slots`` (a neighbourhood for large-neighbourhood search).

    Breaks are counted for every participant of a free meeting, fixed meetings included.
    ``window`` (first, last slot) confines the free meetings to those slots.
    """
    first_slot, last_slot = window or (0, problem.n_slots - 1)
    built = TimelineModel(model=cp_model.CpModel())
    free_meetings = range(len(problem.meetings)) if free is None else free
    fixed = _fixed_busy(problem, index, free_meetings, fixed_slots) if free is not None else {}
    tables_left = _tables_left(problem, index, free_meetings, fixed_slots)
    model = built.model
    for meeting in free_meetings:
        first, second = problem.meetings[meeting].participants
        slots = [
            slot
            for slot in index.allowed_slots[meeting]
            if first_slot <= slot <= last_slot
            and slot not in fixed.get(first, ())
            and slot not in fixed.get(second, ())
        ]
        literals = [model.new_bool_var(f"m{meeting}s{slot}") for slot in slots]
        built.assign.update(zip(((meeting, slot) for slot in slots), literals, strict=True))
        model.add_at_most_one(literals)
        built.meetings.append(meeting)
        built.scheduled.append(sum(literals))
        if problem.meetings[meeting].required or problem.meetings[meeting].pinned_slot is not None:
            model.add_exactly_one(literals)
    _add_table_capacity(built, index, tables_left)
    built.max_breaks = model.new_int_var(0, problem.n_slots, "max_breaks")
    people = sorted({p for m in free_meetings for p in problem.meetings[m].participants})
    for participant in people:
        busy = _busy_expressions(built, index, participant, fixed.get(participant, set()))
        breaks = _count_breaks(built, problem, participant, busy)
        # Obvious to us, not to the LP relaxation: without it a zero-break hint is not
        # proven optimal within a minute.
        model.add(breaks >= 0)
        built.breaks.append(breaks)
        model.add(built.max_breaks >= breaks)
    return built


def _fixed_busy(
    problem: Problem, index: ProblemIndex, free: Sequence[int], fixed_slots: Sequence[int | None]
) -> dict[int, set[int]]:
    free_set = set(free)
    people = {p for m in free for p in problem.meetings[m].participants}
    fixed: dict[int, set[int]] = {p: set() for p in people}
    for participant in people:
        for meeting in index.meetings_of[participant]:
            slot = fixed_slots[meeting]
            if meeting not in free_set and slot is not None:
                fixed[participant].add(slot)
    return fixed


def _tables_left(
    problem: Problem, index: ProblemIndex, free: Sequence[int], fixed_slots: Sequence[int | None]
) -> list[int]:
    left = [problem.n_tables] * problem.n_slots
    free_set = set(free)
    for meeting, slot in enumerate(fixed_slots):
        if slot is not None and meeting not in free_set and index.needs_table[meeting]:
            left[slot] -= 1
    return left


def _add_table_capacity(built: TimelineModel, index: ProblemIndex, tables_left: list[int]) -> None:
    per_slot: dict[int, list[cp_model.IntVar]] = {}
    for (meeting, slot), literal in built.assign.items():
        if index.needs_table[meeting]:
            per_slot.setdefault(slot, []).append(literal)
    for slot, literals in per_slot.items():
        if len(literals) > tables_left[slot]:
            built.model.add(sum(literals) <= tables_left[slot])


def _busy_expressions(
    built: TimelineModel, index: ProblemIndex, participant: int, fixed: set[int]
) -> dict[int, Any]:
    """Slot -> 1 for a fixed meeting, or the sum of the free meetings' literals there."""
    literals: dict[int, list[cp_model.IntVar]] = {}
    for meeting in index.meetings_of[participant]:
        for slot in index.allowed_slots[meeting]:
            if (meeting, slot) in built.assign:
                literals.setdefault(slot, []).append(built.assign[meeting, slot])
    for group in literals.values():
        if len(group) > 1:
            built.model.add_at_most_one(group)
    busy: dict[int, Any] = {slot: sum(group) for slot, group in literals.items()}
    busy.update(dict.fromkeys(fixed, 1))
    return busy


def _count_breaks(built: TimelineModel, problem: Problem, participant: int, busy: dict[int, Any]) -> Any:
    model = built.model
    block_starts: list[cp_model.IntVar] = []
    session_actives: list[cp_model.IntVar] = []
    for session, (first, last) in enumerate(problem.sessions):
        slots = [slot for slot in range(first, last + 1) if slot in busy]
        if not slots:
            continue
        active = model.new_bool_var(f"p{participant}k{session}")
        model.add(active <= sum(busy[slot] for slot in slots))
        built.active[participant, session] = active
        session_actives.append(active)
        for slot in slots:
            start = model.new_bool_var(f"p{participant}st{slot}")
            previous = busy[slot - 1] if slot > first and slot - 1 in busy else 0
            model.add(start >= busy[slot] - previous)
            built.starts[participant, slot] = start
            block_starts.append(start)
    return sum(block_starts) - sum(session_actives)
