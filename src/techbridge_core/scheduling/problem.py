"""Immutable description of one brokerage event's meeting-scheduling problem."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Meeting:
    """An accepted meeting between two participants (0-based ids).

    ``pinned_slot`` is an organiser's fixed choice; ``required`` makes scheduling it a hard
    constraint instead of an objective.
    """

    first: int
    second: int
    pinned_slot: int | None = None
    required: bool = False

    @property
    def participants(self) -> tuple[int, int]:
        return (self.first, self.second)

    @property
    def pair(self) -> tuple[int, int]:
        """Order-free identity of the meeting, stable across problem versions."""
        return (min(self.first, self.second), max(self.first, self.second))


@dataclass(frozen=True, slots=True)
class Problem:
    """Participants, slots grouped into sessions, identical tables and accepted meetings.

    ``sessions`` are inclusive ``(first_slot, last_slot)`` ranges covering every slot in
    order; a break never spans two sessions. ``unavailable`` maps a participant to the slots
    they cannot meet in. Meetings with an ``online`` participant need no table.
    """

    n_participants: int
    n_slots: int
    n_tables: int
    sessions: tuple[tuple[int, int], ...]
    meetings: tuple[Meeting, ...]
    unavailable: Mapping[int, frozenset[int]] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    online: frozenset[int] = frozenset()
    name: str = ""

    def __post_init__(self) -> None:
        # A read-only copy keeps the value object immutable whatever the caller passed.
        frozen = MappingProxyType({p: frozenset(s) for p, s in self.unavailable.items()})
        object.__setattr__(self, "unavailable", frozen)
        _check_sessions(self.sessions, self.n_slots)
        for meeting in self.meetings:
            _check_meeting(meeting, self.n_participants, self.n_slots)

    def is_available(self, participant: int, slot: int) -> bool:
        return slot not in self.unavailable.get(participant, frozenset())

    def needs_table(self, meeting: Meeting) -> bool:
        return meeting.first not in self.online and meeting.second not in self.online


def _check_sessions(sessions: tuple[tuple[int, int], ...], n_slots: int) -> None:
    expected_first = 0
    for first, last in sessions:
        if first != expected_first or last < first:
            msg = f"sessions must cover slots 0..{n_slots - 1} in order, got {sessions}"
            raise ValueError(msg)
        expected_first = last + 1
    if expected_first != n_slots:
        msg = f"sessions must cover slots 0..{n_slots - 1} in order, got {sessions}"
        raise ValueError(msg)


def _check_meeting(meeting: Meeting, n_participants: int, n_slots: int) -> None:
    ids = meeting.participants
    if meeting.first == meeting.second or not all(0 <= p < n_participants for p in ids):
        msg = f"meeting {ids} needs two distinct participants below {n_participants}"
        raise ValueError(msg)
    if meeting.pinned_slot is not None and not 0 <= meeting.pinned_slot < n_slots:
        msg = f"meeting {ids} is pinned to slot {meeting.pinned_slot}, outside 0..{n_slots - 1}"
        raise ValueError(msg)
