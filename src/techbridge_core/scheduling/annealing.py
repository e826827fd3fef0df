"""Simulated annealing over the heuristic's timeline: cheap moves, millions of them.

Moves keep the number of scheduled meetings: relocate one meeting to a free slot, or swap
the slots of two meetings that share a participant (that participant's day is unchanged
while both partners' days change). Each move touches at most three participants, so its
cost change is computed from their break counts alone.
"""

from __future__ import annotations

import math
import random
import time

from techbridge_core.scheduling.greedy import participant_cost_change
from techbridge_core.scheduling.timeline import FREE, Timeline

START_TEMPERATURE = 40.0
END_TEMPERATURE = 0.5
CHECK_EVERY = 2_000
# Share of relocations aimed next to another meeting of one of the participants.
NEXT_TO_SHARE = 0.5


def anneal(timeline: Timeline, *, seconds: float, seed: int = 0) -> None:
    """Anneal in place; ends on the best timeline seen."""
    rng = random.Random(seed)  # noqa: S311 - search diversification, seeded for repeatability
    movable = [m for m, details in enumerate(timeline.problem.meetings) if details.pinned_slot is None]
    if not movable:
        return
    started = time.monotonic()
    cost = _cost(timeline)
    best_cost, best_slots = cost, list(timeline.slot_of)
    temperature = START_TEMPERATURE
    moves = 0
    while True:
        moves += 1
        if moves % CHECK_EVERY == 0:
            progress = (time.monotonic() - started) / seconds
            if progress >= 1.0 or best_cost == 0:
                break
            temperature = START_TEMPERATURE * (END_TEMPERATURE / START_TEMPERATURE) ** progress
        meeting = rng.choice(movable)
        if timeline.slot_of[meeting] == FREE:
            continue
        change = (
            _relocate(timeline, meeting, rng, temperature)
            if rng.random() < 0.5
            else _swap(timeline, meeting, rng, temperature)
        )
        cost += change
        if cost < best_cost:
            best_cost, best_slots = cost, list(timeline.slot_of)
    _restore(timeline, best_slots)


def _cost(timeline: Timeline) -> int:
    return sum(participant_cost_change(0, breaks) for breaks in timeline.breaks)


def _people_cost(timeline: Timeline, people: set[int]) -> int:
    return sum(participant_cost_change(0, timeline.breaks[p]) for p in people)


def _accept(change: int, temperature: float, rng: random.Random) -> bool:
    return change <= 0 or rng.random() < math.exp(-change / temperature)


def _relocate(timeline: Timeline, meeting: int, rng: random.Random, temperature: float) -> int:
    old = timeline.slot_of[meeting]
    target = (
        _next_to_partner_meeting(timeline, meeting, rng)
        if rng.random() < NEXT_TO_SHARE
        else rng.choice(timeline.index.allowed_slots[meeting])
    )
    if target == old:
        return 0
    people = set(timeline.problem.meetings[meeting].participants)
    before = _people_cost(timeline, people)
    timeline.remove(meeting)
    if not timeline.fits(meeting, target):
        timeline.place(meeting, old)
        return 0
    timeline.place(meeting, target)
    change = _people_cost(timeline, people) - before
    if _accept(change, temperature, rng):
        return change
    timeline.remove(meeting)
    timeline.place(meeting, old)
    return 0


def _next_to_partner_meeting(timeline: Timeline, meeting: int, rng: random.Random) -> int:
    """A slot beside another meeting of one participant: where a move can close a gap."""
    participant = rng.choice(timeline.problem.meetings[meeting].participants)
    other = rng.choice(timeline.index.meetings_of[participant])
    slot = timeline.slot_of[other]
    if slot == FREE:
        return timeline.slot_of[meeting]
    target = slot + rng.choice((-1, 1))
    if target < 0 or target >= timeline.problem.n_slots:
        return timeline.slot_of[meeting]
    return target if target in timeline.index.allowed_slots[meeting] else timeline.slot_of[meeting]


def _swap(timeline: Timeline, meeting: int, rng: random.Random, temperature: float) -> int:
    shared = rng.choice(timeline.problem.meetings[meeting].participants)
    other = rng.choice(timeline.index.meetings_of[shared])
    slot, other_slot = timeline.slot_of[meeting], timeline.slot_of[other]
    if (
        other == meeting
        or other_slot == FREE
        or timeline.problem.meetings[other].pinned_slot is not None
        or other_slot not in timeline.index.allowed_slots[meeting]
        or slot not in timeline.index.allowed_slots[other]
    ):
        return 0
    people = set(timeline.problem.meetings[meeting].participants)
    people |= set(timeline.problem.meetings[other].participants)
    before = _people_cost(timeline, people)
    timeline.remove(meeting)
    timeline.remove(other)
    if _place_pair(timeline, (meeting, other_slot), (other, slot)):
        change = _people_cost(timeline, people) - before
        if _accept(change, temperature, rng):
            return change
        timeline.remove(meeting)
        timeline.remove(other)
    timeline.place(meeting, slot)
    timeline.place(other, other_slot)
    return 0


def _place_pair(timeline: Timeline, first: tuple[int, int], second: tuple[int, int]) -> bool:
    if not timeline.fits(*first):
        return False
    timeline.place(*first)
    if timeline.fits(*second):
        timeline.place(*second)
        return True
    timeline.remove(first[0])
    return False


def _restore(timeline: Timeline, slots: list[int]) -> None:
    for meeting, slot in enumerate(timeline.slot_of):
        if slot != FREE:
            timeline.remove(meeting)
    for meeting, slot in enumerate(slots):
        if slot != FREE:
            timeline.place(meeting, slot)
