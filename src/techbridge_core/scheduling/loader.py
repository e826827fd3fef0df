"""Read and write the brokerage-event JSON format of ``eval/b2b`` (see its README)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from techbridge_core.scheduling.problem import Meeting, Problem


def load_problem(path: Path | str) -> Problem:
    with Path(path).open(encoding="utf-8") as handle:
        return problem_from_dict(json.load(handle))


def problem_from_dict(data: Mapping[str, Any]) -> Problem:
    """Build a problem from the JSON layout; unknown keys are ignored."""
    return Problem(
        name=str(data.get("name", "")),
        n_participants=int(data["n_participants"]),
        n_slots=int(data["n_slots"]),
        n_tables=int(data["n_tables"]),
        sessions=tuple((int(first), int(last)) for first, last in data["sessions"]),
        meetings=tuple(Meeting(int(p), int(q)) for p, q in data["meetings"]),
        # JSON object keys are strings, participant ids are ints.
        unavailable={
            int(p): frozenset(int(s) for s in slots) for p, slots in data.get("unavailable", {}).items()
        },
        online=frozenset(int(p) for p in data.get("online", [])),
    )


def problem_to_dict(problem: Problem, *, slot_minutes: int = 30) -> dict[str, Any]:
    """The JSON layout of ``problem`` (pins and required flags are not part of it)."""
    return {
        "name": problem.name,
        "n_participants": problem.n_participants,
        "n_slots": problem.n_slots,
        "n_tables": problem.n_tables,
        "slot_minutes": slot_minutes,
        "sessions": [list(session) for session in problem.sessions],
        "meetings": [list(meeting.pair) for meeting in problem.meetings],
        "unavailable": {str(p): sorted(slots) for p, slots in sorted(problem.unavailable.items()) if slots},
        "online": sorted(problem.online),
    }
