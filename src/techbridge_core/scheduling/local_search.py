"""Hill climbing on a greedy schedule: relocate single meetings, swap partners' slots.

A swap exchanges the slots of two meetings of the same participant: that participant's
timeline stays the same while both partners' timelines change, which closes gaps that
no single relocation can.
"""

from __future__ import annotations

import random
import time

from techbridge_core.scheduling.greedy import best_slot, insertion_cost, participant_cost_change
from techbridge_core.scheduling.timeline import FREE, Timeline


def improve(timeline: Timeline, *, seconds: float, seed: int = 0) -> int:
    """Apply improving moves until none is left or time is up; returns moves applied."""
    rng = random.Random(seed)  # noqa: S311 - search diversification, seeded for repeatability
    deadline = time.monotonic() + seconds
    applied = 0
    while time.monotonic() < deadline:
        order = [m for m, slot in enumerate(timeline.slot_of) if slot != FREE]
        rng.shuffle(order)
        improved = 0
        for meeting in order:
            improved += _try_relocate(timeline, meeting) or _try_swap(timeline, meeting, rng)
            if time.monotonic() >= deadline:
                break
        applied += improved
        if not improved:
            break
    return applied


def _removal_cost(timeline: Timeline, meeting: int, slot: int) -> int:
    cost = 0
    for participant in timeline.problem.meetings[meeting].participants:
        change = timeline.remove_delta(participant, slot)
        cost += participant_cost_change(timeline.breaks[participant], change)
    return cost


def _try_relocate(timeline: Timeline, meeting: int) -> bool:
    if timeline.problem.meetings[meeting].pinned_slot is not None:
        return False
    old = timeline.slot_of[meeting]
    removal = _removal_cost(timeline, meeting, old)
    timeline.remove(meeting)
    new = best_slot(timeline, meeting, exclude=old)
    if new != FREE and removal + insertion_cost(timeline, meeting, new) < 0:
        timeline.place(meeting, new)
        return True
    timeline.place(meeting, old)
    return False


def _try_swap(timeline: Timeline, meeting: int, rng: random.Random) -> bool:
    """Swap slots with another meeting of one of its participants if that lowers the cost."""
    problem = timeline.problem
    if problem.meetings[meeting].pinned_slot is not None:
        return False
    shared = rng.choice(problem.meetings[meeting].participants)
    for other in timeline.index.meetings_of[shared]:
        if other != meeting and timeline.slot_of[other] != FREE and _swap_if_better(timeline, meeting, other):
            return True
    return False


def _swap_if_better(timeline: Timeline, meeting: int, other: int) -> bool:
    if timeline.problem.meetings[other].pinned_slot is not None:
        return False
    slot, other_slot = timeline.slot_of[meeting], timeline.slot_of[other]
    if other_slot not in timeline.index.allowed_slots[meeting] or (
        slot not in timeline.index.allowed_slots[other]
    ):
        return False
    before = _total_cost(timeline, meeting, other)
    timeline.remove(meeting)
    timeline.remove(other)
    if timeline.fits(meeting, other_slot) and _fits_after(timeline, meeting, other_slot, other, slot):
        timeline.place(meeting, other_slot)
        timeline.place(other, slot)
        if _total_cost(timeline, meeting, other) < before:
            return True
        timeline.remove(meeting)
        timeline.remove(other)
    timeline.place(meeting, slot)
    timeline.place(other, other_slot)
    return False


def _fits_after(timeline: Timeline, meeting: int, slot: int, other: int, other_slot: int) -> bool:
    timeline.place(meeting, slot)
    fits = timeline.fits(other, other_slot)
    timeline.remove(meeting)
    return fits


def _total_cost(timeline: Timeline, meeting: int, other: int) -> int:
    people = set(timeline.problem.meetings[meeting].participants)
    people |= set(timeline.problem.meetings[other].participants)
    return sum(participant_cost_change(0, timeline.breaks[p]) for p in people)
