"""Greedy construction followed by local improvement: the solver's starting schedule."""

from __future__ import annotations

import time
from typing import NamedTuple

from techbridge_core.scheduling.greedy import build_greedy
from techbridge_core.scheduling.index import ProblemIndex
from techbridge_core.scheduling.local_search import improve
from techbridge_core.scheduling.problem import Problem
from techbridge_core.scheduling.timeline import Timeline


class HeuristicStart(NamedTuple):
    slots: tuple[int | None, ...]  # per meeting, ``None`` = unscheduled
    first_feasible_s: float  # the greedy schedule is already valid


def heuristic_slots(
    problem: Problem, index: ProblemIndex, *, seconds: float, seed: int = 0
) -> HeuristicStart:
    """A valid schedule, improved by hill climbing for at most ``seconds``."""
    started = time.monotonic()
    timeline = Timeline(problem, index)
    build_greedy(timeline)
    first_feasible_s = time.monotonic() - started
    improve(timeline, seconds=seconds, seed=seed)
    return HeuristicStart(timeline.slots(), first_feasible_s)
