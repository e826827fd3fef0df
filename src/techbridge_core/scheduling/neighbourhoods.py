"""Which meetings to free in one step of large-neighbourhood search."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import NamedTuple

from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.problem import Problem


class Neighbourhood(NamedTuple):
    meetings: list[int]
    window: tuple[int, int] | None  # slots the freed meetings must stay within


def pick_neighbourhood(
    problem: Problem,
    *,
    index: ProblemIndex,
    slots: tuple[int | None, ...],
    breaks: list[int],
    rng: random.Random,
    size: int,
    kind: str,
) -> Neighbourhood:
    seed_participant = _seed_participant(problem, index, slots, breaks, rng)
    if kind == "session":
        return _session_neighbourhood(
            problem, index=index, slots=slots, start=seed_participant, rng=rng, size=size
        )
    meetings = _participants_neighbourhood(problem, index, seed_participant, rng, size)
    return Neighbourhood(meetings, None)


def _seed_participant(
    problem: Problem,
    index: ProblemIndex,
    slots: tuple[int | None, ...],
    breaks: list[int],
    rng: random.Random,
) -> int:
    """Someone with a break or an unscheduled meeting: where improvement is possible."""
    unscheduled = [
        p
        for m, slot in enumerate(slots)
        if slot is None and index.allowed_slots[m]
        for p in problem.meetings[m].participants
    ]
    candidates = [p for p, count in enumerate(breaks) if count] + unscheduled
    return rng.choice(candidates) if candidates else rng.randrange(problem.n_participants)


def _participants_neighbourhood(
    problem: Problem, index: ProblemIndex, start: int, rng: random.Random, size: int
) -> list[int]:
    return sorted(_grow(problem, index, start, rng, size, keep=lambda _meeting: True))


def _grow(
    problem: Problem,
    index: ProblemIndex,
    start: int,
    rng: random.Random,
    size: int,
    *,
    keep: Callable[[int], bool],
) -> set[int]:
    """Meetings reached from `start` through shared participants, in random order, taking only
    meetings `keep` accepts (and walking on only through those), until `size` are chosen."""
    frontier, seen, chosen = [start], set[int](), set[int]()
    while frontier and len(chosen) < size:
        participant = frontier.pop(rng.randrange(len(frontier)))
        if participant in seen:
            continue
        seen.add(participant)
        for meeting in index.meetings_of[participant]:
            if keep(meeting):
                chosen.add(meeting)
                frontier.extend(problem.meetings[meeting].participants)
    return chosen


def _session_neighbourhood(
    problem: Problem,
    *,
    index: ProblemIndex,
    slots: tuple[int | None, ...],
    start: int,
    rng: random.Random,
    size: int,
) -> Neighbourhood:
    own = [slot for m in index.meetings_of[start] if (slot := slots[m]) is not None]
    session = index.session_of[rng.choice(own)] if own else rng.randrange(len(problem.sessions))
    window = problem.sessions[session]
    first, last = window

    def in_window(meeting: int) -> bool:
        slot = slots[meeting]
        if slot is None:
            return any(first <= s <= last for s in index.allowed_slots[meeting])
        return first <= slot <= last

    return Neighbourhood(sorted(_grow(problem, index, start, rng, size, keep=in_window)), window)
