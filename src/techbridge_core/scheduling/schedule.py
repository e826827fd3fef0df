"""A schedule: for each meeting of a problem, where it takes place (or ``None``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from techbridge_core.scheduling.problem import Problem


class Placement(NamedTuple):
    """Slot index and 0-based table index; ``table`` is ``None`` for online meetings."""

    slot: int
    table: int | None


# Indexed like ``Problem.meetings``; ``None`` means the meeting is not scheduled.
type Schedule = tuple[Placement | None, ...]


def schedule_by_pair(problem: Problem, schedule: Schedule) -> dict[tuple[int, int], Placement]:
    """Placements keyed by meeting pair: the identity that survives problem changes."""
    return {
        meeting.pair: placement
        for meeting, placement in zip(problem.meetings, schedule, strict=True)
        if placement is not None
    }


def assign_tables(
    problem: Problem,
    slots: tuple[int | None, ...],
    *,
    preferred: Mapping[int, int] | None = None,
) -> Schedule:
    """Turn per-meeting slots into placements, numbering tables 0.. within each slot.

    Tables are identical, so any numbering is valid; ``preferred`` (meeting -> table) keeps
    a meeting at its previous table when that table is still free, to avoid needless notices.
    """
    preferred = preferred or {}
    taken: dict[int, set[int]] = {}
    tables: dict[int, int] = {}
    table_meetings = [
        (m, slot)
        for m, slot in enumerate(slots)
        if slot is not None and problem.needs_table(problem.meetings[m])
    ]
    for m, slot in table_meetings:
        want = preferred.get(m)
        slot_taken = taken.setdefault(slot, set())
        if want is not None and want not in slot_taken and 0 <= want < problem.n_tables:
            tables[m] = want
            slot_taken.add(want)
    for m, slot in table_meetings:
        if m not in tables:
            slot_taken = taken.setdefault(slot, set())
            tables[m] = next(t for t in range(len(slot_taken) + 1) if t not in slot_taken)
            slot_taken.add(tables[m])
    return tuple(None if slot is None else Placement(slot, tables.get(m)) for m, slot in enumerate(slots))
