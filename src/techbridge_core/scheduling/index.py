"""Derived look-up tables for a problem, computed once per solve."""

from __future__ import annotations

from dataclasses import dataclass

from techbridge_core.scheduling.problem import Problem


@dataclass(frozen=True, slots=True)
class ProblemIndex:
    """Where each slot's session is, which slots each meeting may use, who meets whom."""

    session_of: tuple[int, ...]
    allowed_slots: tuple[tuple[int, ...], ...]
    needs_table: tuple[bool, ...]
    meetings_of: tuple[tuple[int, ...], ...]

    @classmethod
    def build(cls, problem: Problem) -> ProblemIndex:
        meetings_of: list[list[int]] = [[] for _ in range(problem.n_participants)]
        for number, meeting in enumerate(problem.meetings):
            meetings_of[meeting.first].append(number)
            meetings_of[meeting.second].append(number)
        return cls(
            session_of=slot_sessions(problem),
            allowed_slots=tuple(_allowed_slots(problem, m) for m in range(len(problem.meetings))),
            needs_table=tuple(problem.needs_table(m) for m in problem.meetings),
            meetings_of=tuple(tuple(ms) for ms in meetings_of),
        )

    def same_session(self, slot: int, other: int) -> bool:
        return self.session_of[slot] == self.session_of[other]


def slot_sessions(problem: Problem) -> tuple[int, ...]:
    """Session number of every slot."""
    return tuple(
        number for number, (first, last) in enumerate(problem.sessions) for _ in range(first, last + 1)
    )


def _allowed_slots(problem: Problem, number: int) -> tuple[int, ...]:
    meeting = problem.meetings[number]
    candidates = range(problem.n_slots) if meeting.pinned_slot is None else (meeting.pinned_slot,)
    if problem.needs_table(meeting) and problem.n_tables == 0:
        return ()
    return tuple(
        slot
        for slot in candidates
        if problem.is_available(meeting.first, slot) and problem.is_available(meeting.second, slot)
    )
