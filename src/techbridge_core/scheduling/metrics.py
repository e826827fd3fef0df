"""Quality figures of a schedule: meetings scheduled, breaks, idle slots."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from techbridge_core.scheduling.index import slot_sessions
from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.schedule import Schedule


@dataclass(frozen=True, slots=True)
class ScheduleMetrics:
    scheduled: int
    breaks: int
    idle_slots: int
    max_breaks_per_participant: int


def busy_slots_by_participant(problem: Problem, schedule: Schedule) -> list[list[int]]:
    busy: list[list[int]] = [[] for _ in range(problem.n_participants)]
    for meeting, placement in zip(problem.meetings, schedule, strict=True):
        if placement is not None:
            busy[meeting.first].append(placement.slot)
            busy[meeting.second].append(placement.slot)
    return busy


def count_breaks(busy: Iterable[int], session_of: tuple[int, ...]) -> tuple[int, int]:
    """Breaks and idle slots in one participant's timeline.

    A break is a run of idle slots between two meetings of the same session, so we only
    look at consecutive busy slots of one session.
    """
    breaks = idle = 0
    ordered = sorted(set(busy))
    for before, after in pairwise(ordered):
        if after - before > 1 and session_of[before] == session_of[after]:
            breaks += 1
            idle += after - before - 1
    return breaks, idle


def compute_metrics(problem: Problem, schedule: Schedule) -> ScheduleMetrics:
    session_of = slot_sessions(problem)
    per_participant = [
        count_breaks(busy, session_of) for busy in busy_slots_by_participant(problem, schedule)
    ]
    return ScheduleMetrics(
        scheduled=sum(placement is not None for placement in schedule),
        breaks=sum(breaks for breaks, _ in per_participant),
        idle_slots=sum(idle for _, idle in per_participant),
        max_breaks_per_participant=max((breaks for breaks, _ in per_participant), default=0),
    )
