"""What changed between two schedules, meeting by meeting (for notifications)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.schedule import Placement, Schedule, schedule_by_pair


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    TABLE_CHANGED = "table_changed"


@dataclass(frozen=True, slots=True)
class ScheduleChange:
    pair: tuple[int, int]
    kind: ChangeKind
    before: Placement | None
    after: Placement | None


def diff_schedules(
    *, before_problem: Problem, before: Schedule, after_problem: Problem, after: Schedule
) -> list[ScheduleChange]:
    """Changes from ``before`` to ``after``, matched by meeting pair and sorted by pair.

    Problems may differ (meetings cancelled or added); a meeting present only on one side
    counts as added or removed when it is scheduled there.
    """
    old = schedule_by_pair(before_problem, before)
    new = schedule_by_pair(after_problem, after)
    changes = [_change(pair, old.get(pair), new.get(pair)) for pair in sorted(old.keys() | new.keys())]
    return [change for change in changes if change is not None]


def _change(pair: tuple[int, int], old: Placement | None, new: Placement | None) -> ScheduleChange | None:
    if old == new:
        return None
    if old is None:
        kind = ChangeKind.ADDED
    elif new is None:
        kind = ChangeKind.REMOVED
    elif old.slot != new.slot:
        kind = ChangeKind.MOVED
    else:
        kind = ChangeKind.TABLE_CHANGED
    return ScheduleChange(pair=pair, kind=kind, before=old, after=new)
