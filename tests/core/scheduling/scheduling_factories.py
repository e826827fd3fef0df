"""Hand-made problems for the scheduling tests."""

from __future__ import annotations

from techbridge_core.scheduling import Meeting, Problem


def make_problem(
    meetings: list[tuple[int, int]],
    *,
    n_participants: int | None = None,
    n_slots: int = 4,
    n_tables: int = 10,
    sessions: tuple[tuple[int, int], ...] | None = None,
    unavailable: dict[int, frozenset[int]] | None = None,
    online: frozenset[int] = frozenset(),
) -> Problem:
    people = n_participants or 1 + max(max(pair) for pair in meetings)
    return Problem(
        n_participants=people,
        n_slots=n_slots,
        n_tables=n_tables,
        sessions=sessions or ((0, n_slots - 1),),
        meetings=tuple(Meeting(p, q) for p, q in meetings),
        unavailable=unavailable or {},
        online=online,
    )
