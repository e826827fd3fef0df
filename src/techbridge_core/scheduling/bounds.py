"""Cheap proofs that some meetings cannot all be scheduled.

Two counting arguments, each a valid bound on its own: a participant cannot have more
meetings than available slots, and the table meetings that can only happen within one
session cannot exceed that session's tables times slots. CP-SAT often cannot prove this
within the budget on large events because its relaxation ignores the session structure.
"""

from __future__ import annotations

from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.problem import Problem


def scheduled_upper_bound(problem: Problem, index: ProblemIndex) -> int:
    schedulable = sum(1 for allowed in index.allowed_slots if allowed)
    return schedulable - max(
        _excess_over_participant_slots(problem, index), _excess_over_session_tables(problem, index)
    )


def _excess_over_participant_slots(problem: Problem, index: ProblemIndex) -> int:
    excess = 0
    for meetings in index.meetings_of:
        possible = [m for m in meetings if index.allowed_slots[m]]
        usable_slots = {slot for m in possible for slot in index.allowed_slots[m]}
        excess += max(len(possible) - len(usable_slots), _excess_within_sessions(problem, index, possible))
    # A dropped meeting relieves both its participants, so halve and round up the total.
    return (excess + 1) // 2


def _excess_within_sessions(problem: Problem, index: ProblemIndex, meetings: list[int]) -> int:
    """Meetings of one participant that can only happen within one session, beyond its slots."""
    confined: dict[int, set[int]] = {}
    counts: dict[int, int] = {}
    for meeting in meetings:
        sessions = {index.session_of[slot] for slot in index.allowed_slots[meeting]}
        if len(sessions) == 1:
            session = sessions.pop()
            counts[session] = counts.get(session, 0) + 1
            confined.setdefault(session, set()).update(index.allowed_slots[meeting])
    return sum(max(0, counts[session] - len(slots)) for session, slots in confined.items())


def _excess_over_session_tables(problem: Problem, index: ProblemIndex) -> int:
    confined = [0] * len(problem.sessions)
    for meeting, allowed in enumerate(index.allowed_slots):
        sessions = {index.session_of[slot] for slot in allowed}
        if index.needs_table[meeting] and len(sessions) == 1:
            confined[sessions.pop()] += 1
    return sum(
        max(0, count - problem.n_tables * (last - first + 1))
        for count, (first, last) in zip(confined, problem.sessions, strict=True)
    )


def breaks_lower_bound(problem: Problem, index: ProblemIndex, *, dropped: int) -> int:
    """A bound on total breaks valid for every schedule that leaves out at most ``dropped`` meetings.

    Each participant alone: their meetings can only use the slots some meeting of theirs may
    use; within a session those slots form runs, and every run used beyond the first in a
    session costs a break. Filling the largest run of each session for free, then the largest
    remaining runs at one break each, is optimal for that participant. Partners and tables are
    ignored, so the bound is valid but often weak. A dropped meeting relieves two participants
    of one meeting each, and one meeting less saves a participant at most one break.
    """
    total = sum(_participant_breaks_bound(index, meetings) for meetings in index.meetings_of)
    return max(0, total - 2 * dropped)


def _participant_breaks_bound(index: ProblemIndex, meetings: tuple[int, ...]) -> int:
    usable = sorted({slot for m in meetings for slot in index.allowed_slots[m]})
    if len(usable) < len(meetings):
        return 0  # the participant cannot have all meetings: the scheduled-count bounds cover this
    runs_by_session: dict[int, list[int]] = {}
    run_start = previous = None
    for slot in [*usable, None]:
        continues = (
            slot is not None
            and previous is not None
            and slot == previous + 1
            and index.same_session(previous, slot)
        )
        if not continues and previous is not None and run_start is not None:
            runs_by_session.setdefault(index.session_of[previous], []).append(previous - run_start + 1)
        if not continues:
            run_start = slot
        previous = slot
    free = 0
    paid: list[int] = []
    for runs in runs_by_session.values():
        runs.sort(reverse=True)
        free += runs[0]
        paid += runs[1:]
    missing, breaks = len(meetings) - free, 0
    for length in sorted(paid, reverse=True):
        if missing <= 0:
            break
        missing -= length
        breaks += 1
    return breaks
