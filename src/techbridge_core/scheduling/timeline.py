"""Mutable working state of the heuristic: who is busy when, and how many breaks each has.

Break changes are computed in O(1) from the two neighbouring slots: adding a meeting next
to none, one or two busy neighbours adds one, zero or minus one block of meetings, and a
participant's breaks in a session are their blocks minus one.
"""

from __future__ import annotations

from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.problem import Problem

FREE = -1


class Timeline:
    def __init__(self, problem: Problem, index: ProblemIndex) -> None:
        self.problem = problem
        self.index = index
        self.slot_of = [FREE] * len(problem.meetings)
        self.occupant = [[FREE] * problem.n_slots for _ in range(problem.n_participants)]
        self.tables_used = [0] * problem.n_slots
        self.in_session = [[0] * len(problem.sessions) for _ in range(problem.n_participants)]
        self.breaks = [0] * problem.n_participants

    @classmethod
    def from_slots(cls, problem: Problem, index: ProblemIndex, slots: tuple[int | None, ...]) -> Timeline:
        timeline = cls(problem, index)
        for meeting, slot in enumerate(slots):
            if slot is not None:
                timeline.place(meeting, slot)
        return timeline

    def fits(self, meeting: int, slot: int) -> bool:
        first, second = self.problem.meetings[meeting].participants
        return (
            self.occupant[first][slot] == FREE
            and self.occupant[second][slot] == FREE
            and (not self.index.needs_table[meeting] or self.tables_used[slot] < self.problem.n_tables)
        )

    def _busy_neighbours(self, participant: int, slot: int) -> int:
        row, session_of = self.occupant[participant], self.index.session_of
        left = slot > 0 and session_of[slot - 1] == session_of[slot] and row[slot - 1] != FREE
        right = slot + 1 < len(row) and session_of[slot + 1] == session_of[slot] and row[slot + 1] != FREE
        return int(left) + int(right)

    def add_delta(self, participant: int, slot: int) -> int:
        """Change in the participant's breaks if they became busy in ``slot``."""
        if self.in_session[participant][self.index.session_of[slot]] == 0:
            return 0
        return 1 - self._busy_neighbours(participant, slot)

    def remove_delta(self, participant: int, slot: int) -> int:
        """Change in the participant's breaks if they stopped being busy in ``slot``."""
        if self.in_session[participant][self.index.session_of[slot]] <= 1:
            return 0
        return self._busy_neighbours(participant, slot) - 1

    def place(self, meeting: int, slot: int) -> None:
        for participant in self.problem.meetings[meeting].participants:
            self.breaks[participant] += self.add_delta(participant, slot)
            self.occupant[participant][slot] = meeting
            self.in_session[participant][self.index.session_of[slot]] += 1
        self.tables_used[slot] += self.index.needs_table[meeting]
        self.slot_of[meeting] = slot

    def remove(self, meeting: int) -> int:
        """Unschedule ``meeting`` and return the slot it had."""
        slot = self.slot_of[meeting]
        for participant in self.problem.meetings[meeting].participants:
            self.breaks[participant] += self.remove_delta(participant, slot)
            self.occupant[participant][slot] = FREE
            self.in_session[participant][self.index.session_of[slot]] -= 1
        self.tables_used[slot] -= self.index.needs_table[meeting]
        self.slot_of[meeting] = FREE
        return slot

    def slots(self) -> tuple[int | None, ...]:
        return tuple(None if slot == FREE else slot for slot in self.slot_of)
