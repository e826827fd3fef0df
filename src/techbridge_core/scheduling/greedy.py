"""Fast first schedule: place meetings one by one where they add the fewest breaks.

Meetings of the busiest participants go first, so their timelines are packed into
contiguous blocks before the slots fill up; a repair pass then fits leftovers by moving
one blocking meeting elsewhere.
"""

from __future__ import annotations

from techbridge_core.scheduling.timeline import FREE, Timeline

# Total breaks dominate; the square spreads breaks evenly (objective 3) among equal totals.
BREAK_WEIGHT = 64


def participant_cost_change(breaks: int, change: int) -> int:
    return BREAK_WEIGHT * change + (breaks + change) ** 2 - breaks**2


def insertion_cost(timeline: Timeline, meeting: int, slot: int) -> int:
    cost = 0
    for participant in timeline.problem.meetings[meeting].participants:
        change = timeline.add_delta(participant, slot)
        cost += participant_cost_change(timeline.breaks[participant], change)
    return cost


def _distance_to_busy(timeline: Timeline, participant: int, slot: int) -> int:
    """How far the nearest meeting of the participant is within the session (gap to fill)."""
    first, last = timeline.problem.sessions[timeline.index.session_of[slot]]
    row = timeline.occupant[participant]
    distances = [abs(other - slot) for other in range(first, last + 1) if row[other] != FREE]
    return min(distances, default=0)


def best_slot(timeline: Timeline, meeting: int, *, exclude: int = FREE) -> int:
    """Cheapest free slot for ``meeting`` (``FREE`` when none fits)."""
    best, best_key = FREE, (0, 0, 0)
    first, second = timeline.problem.meetings[meeting].participants
    for slot in timeline.index.allowed_slots[meeting]:
        if slot == exclude or not timeline.fits(meeting, slot):
            continue
        cost = insertion_cost(timeline, meeting, slot)
        key = (cost, 0, slot)
        if best == FREE or key < best_key:
            gap = _distance_to_busy(timeline, first, slot) + _distance_to_busy(timeline, second, slot)
            key = (cost, gap, slot)
            if best == FREE or key < best_key:
                best, best_key = slot, key
    return best


def greedy_order(timeline: Timeline) -> list[int]:
    problem, index = timeline.problem, timeline.index
    degree = [len(meetings) for meetings in index.meetings_of]

    def key(meeting: int) -> tuple[int, int, int, int, int]:
        # Pinned first, then the least flexible, then the busiest participant's meetings
        # together so that they land next to each other.
        first, second = problem.meetings[meeting].participants
        busiest, other = sorted((first, second), key=lambda p: (-degree[p], p))
        unpinned = problem.meetings[meeting].pinned_slot is not None
        flexibility = len(index.allowed_slots[meeting])
        return (int(not unpinned), flexibility, -degree[busiest], busiest, -degree[other])

    return sorted(range(len(problem.meetings)), key=key)


def build_greedy(timeline: Timeline) -> None:
    for meeting in greedy_order(timeline):
        slot = best_slot(timeline, meeting)
        if slot != FREE:
            timeline.place(meeting, slot)
    repair_unscheduled(timeline)


def repair_unscheduled(timeline: Timeline) -> None:
    """Fit each unscheduled meeting by relocating the meetings that block one of its slots."""
    for meeting, slot in enumerate(timeline.slot_of):
        if slot == FREE:
            _insert_by_ejection(timeline, meeting)


def _blockers(timeline: Timeline, meeting: int, slot: int) -> list[int]:
    blockers = {
        timeline.occupant[participant][slot]
        for participant in timeline.problem.meetings[meeting].participants
    } - {FREE}
    return sorted(blockers)


def _insert_by_ejection(timeline: Timeline, meeting: int) -> bool:
    return _insert_by_moving_participants(timeline, meeting) or _insert_by_freeing_table(timeline, meeting)


def _insert_by_freeing_table(timeline: Timeline, meeting: int) -> bool:
    """Free a table in a full slot by moving one of its table meetings to another slot."""
    first, second = timeline.problem.meetings[meeting].participants
    for slot in timeline.index.allowed_slots[meeting]:
        if timeline.occupant[first][slot] != FREE or timeline.occupant[second][slot] != FREE:
            continue
        for participant_row in timeline.occupant:
            blocker = participant_row[slot]
            if blocker == FREE or not timeline.index.needs_table[blocker]:
                continue
            if timeline.problem.meetings[blocker].pinned_slot is not None:
                continue
            if not _has_spare_table_elsewhere(timeline, blocker, slot):
                continue
            timeline.remove(blocker)
            new_slot = best_slot(timeline, blocker, exclude=slot)
            if new_slot != FREE:
                timeline.place(blocker, new_slot)
                timeline.place(meeting, slot)
                return True
            timeline.place(blocker, slot)
    return False


def _has_spare_table_elsewhere(timeline: Timeline, meeting: int, slot: int) -> bool:
    # Cheap filter before the costly ``best_slot``: most blockers have nowhere to go.
    capacity, used = timeline.problem.n_tables, timeline.tables_used
    return any(s != slot and used[s] < capacity for s in timeline.index.allowed_slots[meeting])


def _insert_by_moving_participants(timeline: Timeline, meeting: int) -> bool:
    for slot in timeline.index.allowed_slots[meeting]:
        blockers = _blockers(timeline, meeting, slot)
        if any(timeline.problem.meetings[b].pinned_slot is not None for b in blockers):
            continue
        for blocker in blockers:
            timeline.remove(blocker)
        if timeline.fits(meeting, slot):
            timeline.place(meeting, slot)
            moved = [(b, best_slot(timeline, b)) for b in blockers]
            for blocker, new_slot in moved:
                if new_slot == FREE or not timeline.fits(blocker, new_slot):
                    break
                timeline.place(blocker, new_slot)
            else:
                return True
            timeline.remove(meeting)
            for blocker, _ in moved:
                if timeline.slot_of[blocker] != FREE:
                    timeline.remove(blocker)
        for blocker in blockers:
            timeline.place(blocker, slot)
    return False
