"""Move schedules in and out of a CP-SAT timeline model: hints and solution reading."""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from techbridge_core.scheduling.cpsat_model import TimelineModel
from techbridge_core.scheduling.index import slot_sessions
from techbridge_core.scheduling.metrics import count_breaks
from techbridge_core.scheduling.problem import Problem


def add_hint(built: TimelineModel, problem: Problem, slots: tuple[int | None, ...]) -> None:
    """Hint a complete, consistent solution so CP-SAT starts from it immediately."""
    model = built.model
    for (meeting, slot), literal in built.assign.items():
        model.add_hint(literal, slots[meeting] == slot)
    busy = [set[int]() for _ in range(problem.n_participants)]
    for meeting, chosen in enumerate(slots):
        if chosen is not None:
            busy[problem.meetings[meeting].first].add(chosen)
            busy[problem.meetings[meeting].second].add(chosen)
    session_of = slot_sessions(problem)
    for (participant, slot), literal in built.starts.items():
        previous = slot - 1 in busy[participant] and session_of[slot - 1] == session_of[slot]
        model.add_hint(literal, slot in busy[participant] and not previous)
    for (participant, session), literal in built.active.items():
        model.add_hint(literal, any(session_of[s] == session for s in busy[participant]))
    model.add_hint(built.max_breaks, max((count_breaks(b, session_of)[0] for b in busy), default=0))


def read_slots(
    built: TimelineModel,
    solver: cp_model.CpSolver,
    base: Sequence[int | None],
    free: Sequence[int] | None = None,
) -> tuple[int | None, ...]:
    """``base`` with the solver's choice for each free meeting (all meetings by default)."""
    slots = list(base)
    for meeting in range(len(base)) if free is None else free:
        slots[meeting] = None
    for (meeting, slot), literal in built.assign.items():
        if solver.boolean_value(literal):
            slots[meeting] = slot
    return tuple(slots)
