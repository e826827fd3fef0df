"""`techbridge-bench schedule`: our scheduler beside a direct CP-SAT model, same budget.

Instances are JSON files in the ``eval/b2b`` layout, or ``synthetic:N[:SEED]`` for a
generated event with N meetings. One JSON line per instance.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import time
from dataclasses import replace
from typing import Any

from techbridge_core.scheduling.direct import solve_direct
from techbridge_core.scheduling.loader import load_problem, problem_to_dict
from techbridge_core.scheduling.metrics import ScheduleMetrics
from techbridge_core.scheduling.problem import Meeting, Problem
from techbridge_core.scheduling.reschedule import reschedule
from techbridge_core.scheduling.schedule import Schedule, schedule_by_pair
from techbridge_core.scheduling.solver import solve
from techbridge_core.scheduling.validator import find_violations

SESSION_LENGTH = 12


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("schedule", help="B2B meeting scheduler vs direct CP-SAT")
    parser.add_argument("instances", nargs="+", help="JSON files or synthetic:N[:SEED]")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--reschedule", action="store_true", help="also time changes to our schedule")
    parser.add_argument("--write-synthetic", help="also save generated instances to this folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for spec in args.instances:
        problem = _load(spec, args.write_synthetic)
        line, schedule = _measure_ours(problem, args)
        if args.reschedule:
            line["reschedule"] = measure_changes(problem, schedule, seed=args.seed)
        if not args.no_baseline:
            line["baseline"] = _measure_baseline(problem, args)
        print(json.dumps(line), flush=True)
    return 0


def _load(spec: str, folder: str | None) -> Problem:
    if not spec.startswith("synthetic:"):
        return load_problem(spec)
    parts = spec.split(":")
    problem = generate_event(n_meetings=int(parts[1]), seed=int(parts[2]) if len(parts) > 2 else 0)
    if folder:
        from pathlib import Path

        path = Path(folder) / f"{problem.name}.json"
        path.write_text(json.dumps(problem_to_dict(problem)), encoding="utf-8")
    return problem


def _figures(problem: Problem, metrics: ScheduleMetrics) -> dict[str, Any]:
    return {
        "meetings": len(problem.meetings),
        "scheduled": metrics.scheduled,
        "breaks": metrics.breaks,
        "idle_slots": metrics.idle_slots,
        "max_breaks_per_participant": metrics.max_breaks_per_participant,
    }


def _measure_ours(problem: Problem, args: argparse.Namespace) -> tuple[dict[str, Any], Schedule]:
    started = time.monotonic()
    result = solve(problem, time_limit=args.time_limit, seed=args.seed, workers=args.workers)
    wall = time.monotonic() - started
    return {
        "name": problem.name,
        **_figures(problem, result.metrics),
        "lower_bound_breaks": result.lower_bound_breaks,
        "scheduled_upper_bound": result.scheduled_upper_bound,
        "gap": round(result.gap, 3),
        "wall_s": round(wall, 2),
        "first_solution_s": round(result.first_solution_s, 2),
        "violations": len(find_violations(problem, result.schedule)),
        "heuristic_breaks": result.heuristic_metrics.breaks,
        "status": result.status,
    }, result.schedule


def _measure_baseline(problem: Problem, args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()
    schedule, metrics, first, status = solve_direct(
        problem, time_limit=args.time_limit, seed=args.seed, workers=args.workers
    )
    return {
        **_figures(problem, metrics),
        "wall_s": round(time.monotonic() - started, 2),
        "first_solution_s": None if first is None else round(first, 2),
        "violations": len(find_violations(problem, schedule)),
        "status": status,
    }


def measure_changes(problem: Problem, schedule: Schedule, *, seed: int) -> dict[str, Any]:
    """Moves and seconds for the usual changes to a published schedule."""
    previous = schedule_by_pair(problem, schedule)
    unplaced = frozenset(m.pair for m, p in zip(problem.meetings, schedule, strict=True) if p is None)
    rng = random.Random(seed)
    busiest = max(
        range(problem.n_participants),
        key=lambda p: (sum(p in m.participants for m in problem.meetings), -p),
    )
    last_first, last_end = problem.sessions[-1]
    leaving = dict(problem.unavailable)
    leaving[busiest] = frozenset(leaving.get(busiest, frozenset()) | set(range(last_first, last_end + 1)))
    cancelled = set(rng.sample(range(len(problem.meetings)), min(20, len(problem.meetings))))
    changes = {
        "unchanged": problem,
        "cancel_20": replace(
            problem, meetings=tuple(m for i, m in enumerate(problem.meetings) if i not in cancelled)
        ),
        "busiest_leaves_early": replace(problem, unavailable=leaving),
    }
    figures: dict[str, Any] = {}
    for label, changed in changes.items():
        result = reschedule(changed, previous=previous, previously_known=unplaced, time_limit=10.0, seed=seed)
        figures[label] = {
            "moved": len(result.moved),
            "scheduled": result.metrics.scheduled,
            "of": len(changed.meetings),
            "wall_s": round(result.wall_s, 2),
            "violations": len(find_violations(changed, result.schedule)),
        }
    return figures


def generate_event(*, n_meetings: int, seed: int = 0) -> Problem:
    """A congress-like event: 2 days x 2 sessions of 12 slots, Pareto-skewed popularity.

    A fifth of participants attend the first session only, a tenth the last only, a tenth
    have three blocked slots (their own talks); tables give about 25 % headroom.
    """
    rng = random.Random(seed)
    n_participants = max(4, n_meetings // 4)
    n_slots = 4 * SESSION_LENGTH
    sessions = tuple((k * SESSION_LENGTH, (k + 1) * SESSION_LENGTH - 1) for k in range(4))
    unavailable = _availability(rng, n_participants, n_slots)
    capacity = [int(0.7 * (n_slots - len(unavailable.get(p, ())))) for p in range(n_participants)]
    cumulative = list(itertools.accumulate(rng.paretovariate(1.2) for _ in range(n_participants)))
    pairs: set[tuple[int, int]] = set()
    degree = [0] * n_participants
    attempts = 0
    while len(pairs) < n_meetings and attempts < 50 * n_meetings:
        attempts += 1
        first, second = rng.choices(range(n_participants), cum_weights=cumulative, k=2)
        pair = (min(first, second), max(first, second))
        blocked = unavailable.get(first, frozenset()) | unavailable.get(second, frozenset())
        if first == second or pair in pairs or len(blocked) == n_slots:
            continue
        if degree[first] >= capacity[first] or degree[second] >= capacity[second]:
            continue
        pairs.add(pair)
        degree[first] += 1
        degree[second] += 1
    return Problem(
        name=f"synthetic-{n_meetings}-s{seed}",
        n_participants=n_participants,
        n_slots=n_slots,
        n_tables=math.ceil(1.25 * n_meetings / n_slots),
        sessions=sessions,
        meetings=tuple(Meeting(p, q) for p, q in sorted(pairs)),
        unavailable=unavailable,
    )


def _availability(rng: random.Random, n_participants: int, n_slots: int) -> dict[int, frozenset[int]]:
    unavailable: dict[int, frozenset[int]] = {}
    for participant in range(n_participants):
        draw = rng.random()
        if draw < 0.2:
            unavailable[participant] = frozenset(range(SESSION_LENGTH, n_slots))
        elif draw < 0.3:
            unavailable[participant] = frozenset(range(n_slots - SESSION_LENGTH))
        elif draw < 0.4:
            unavailable[participant] = frozenset(rng.sample(range(n_slots), 3))
    return unavailable
