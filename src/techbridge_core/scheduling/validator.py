"""Check a schedule against the rules, independently of any solver.

Every violated rule comes back as labelled data, so the organiser's page can explain
exactly what is wrong instead of showing one exception.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.schedule import Placement, Schedule


class ViolationKind(StrEnum):
    WRONG_LENGTH = "wrong_length"
    SLOT_OUT_OF_RANGE = "slot_out_of_range"
    UNAVAILABLE = "unavailable"
    DOUBLE_BOOKED = "double_booked"
    TOO_MANY_TABLES = "too_many_tables"
    TABLE_MISSING = "table_missing"
    TABLE_OUT_OF_RANGE = "table_out_of_range"
    TABLE_SHARED = "table_shared"
    TABLE_FOR_ONLINE = "table_for_online"
    PIN_IGNORED = "pin_ignored"
    REQUIRED_UNSCHEDULED = "required_unscheduled"


@dataclass(frozen=True, slots=True)
class Violation:
    kind: ViolationKind
    message: str
    meeting: int | None = None
    participant: int | None = None
    slot: int | None = None


def find_violations(problem: Problem, schedule: Schedule) -> list[Violation]:
    """All violated constraints; an empty list means the schedule is valid."""
    if len(schedule) != len(problem.meetings):
        message = f"schedule has {len(schedule)} entries for {len(problem.meetings)} meetings"
        return [Violation(ViolationKind.WRONG_LENGTH, message)]
    violations: list[Violation] = []
    for number, placement in enumerate(schedule):
        violations += _meeting_violations(problem, number, placement)
    violations += _double_bookings(problem, schedule)
    violations += _table_violations(problem, schedule)
    return violations


def _meeting_violations(problem: Problem, number: int, placement: Placement | None) -> list[Violation]:
    meeting = problem.meetings[number]
    if placement is None:
        if meeting.required or meeting.pinned_slot is not None:
            kind = ViolationKind.REQUIRED_UNSCHEDULED
            return [Violation(kind, f"meeting {number} must be scheduled", meeting=number)]
        return []
    slot = placement.slot
    if not 0 <= slot < problem.n_slots:
        message = f"meeting {number} is in slot {slot}, outside 0..{problem.n_slots - 1}"
        return [Violation(ViolationKind.SLOT_OUT_OF_RANGE, message, meeting=number, slot=slot)]
    found = [
        Violation(
            ViolationKind.UNAVAILABLE,
            f"participant {participant} is unavailable in slot {slot} (meeting {number})",
            meeting=number,
            participant=participant,
            slot=slot,
        )
        for participant in meeting.participants
        if not problem.is_available(participant, slot)
    ]
    if meeting.pinned_slot is not None and meeting.pinned_slot != slot:
        message = f"meeting {number} is pinned to slot {meeting.pinned_slot}, placed in {slot}"
        found.append(Violation(ViolationKind.PIN_IGNORED, message, meeting=number, slot=slot))
    return found + _own_table_violations(problem, number, placement)


def _own_table_violations(problem: Problem, number: int, placement: Placement) -> list[Violation]:
    needs_table = problem.needs_table(problem.meetings[number])
    slot, table = placement
    if needs_table and table is None:
        kind, message = ViolationKind.TABLE_MISSING, f"meeting {number} has no table"
    elif not needs_table and table is not None:
        kind, message = ViolationKind.TABLE_FOR_ONLINE, f"online meeting {number} has a table"
    elif table is not None and not 0 <= table < problem.n_tables:
        kind = ViolationKind.TABLE_OUT_OF_RANGE
        message = f"meeting {number} is at table {table}, outside 0..{problem.n_tables - 1}"
    else:
        return []
    return [Violation(kind, message, meeting=number, slot=slot)]


def _double_bookings(problem: Problem, schedule: Schedule) -> list[Violation]:
    seen: dict[tuple[int, int], int] = {}
    found: list[Violation] = []
    for number, (meeting, placement) in enumerate(zip(problem.meetings, schedule, strict=True)):
        if placement is None:
            continue
        for participant in meeting.participants:
            other = seen.setdefault((participant, placement.slot), number)
            if other != number:
                message = (
                    f"participant {participant} is in meetings {other} and {number} in slot {placement.slot}"
                )
                found.append(
                    Violation(
                        ViolationKind.DOUBLE_BOOKED,
                        message,
                        meeting=number,
                        participant=participant,
                        slot=placement.slot,
                    )
                )
    return found


def _table_violations(problem: Problem, schedule: Schedule) -> list[Violation]:
    by_slot: dict[int, list[int]] = defaultdict(list)
    by_table: dict[tuple[int, int], int] = {}
    found: list[Violation] = []
    for number, placement in enumerate(schedule):
        if placement is None or not problem.needs_table(problem.meetings[number]):
            continue
        by_slot[placement.slot].append(number)
        if placement.table is None:
            continue
        other = by_table.setdefault((placement.slot, placement.table), number)
        if other != number:
            message = f"meetings {other} and {number} share table {placement.table}"
            kind = ViolationKind.TABLE_SHARED
            found.append(Violation(kind, message, meeting=number, slot=placement.slot))
    for slot, numbers in sorted(by_slot.items()):
        if len(numbers) > problem.n_tables:
            message = f"{len(numbers)} table meetings in slot {slot}, {problem.n_tables} tables"
            found.append(Violation(ViolationKind.TOO_MANY_TABLES, message, slot=slot))
    return found
