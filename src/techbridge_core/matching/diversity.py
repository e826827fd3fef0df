"""Diversity: at most a few results per organisation among the first results.

A large institute with fifty similar offers would otherwise fill the whole first page;
the overflow is not dropped, it moves below the capped window in its original order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence


def cap_per_organisation[T](
    ordered: Sequence[T],
    *,
    organisation_of: Callable[[T], str],
    cap: int,
    window: int,
    limit: int | None = None,
) -> tuple[T, ...]:
    """Reorder so that no organisation has more than `cap` items in the first `window`.

    Items without an organisation are never capped. Scanning stops once the window is
    full, so only the first `limit` items of the rest are returned when `limit` is given.
    """
    counts: Counter[str] = Counter()
    head: list[T] = []
    skipped: list[T] = []
    stop = len(ordered)
    for index, item in enumerate(ordered):
        if len(head) >= window:
            stop = index
            break
        organisation = organisation_of(item)
        if not organisation or counts[organisation] < cap:
            head.append(item)
            counts[organisation] += 1
        else:
            skipped.append(item)
    rest_end = len(ordered) if limit is None else min(len(ordered), stop + limit)
    return (*head, *skipped, *ordered[stop:rest_end])
