"""The cooperation funnel: each step's count, the conversion from the step before, and the median
number of days a record took to reach a step from the one before it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median


@dataclass(frozen=True, kw_only=True)
class FunnelStage:
    code: str
    count: int
    conversion: float | None  # count / previous step's count; None for the first step or after 0
    median_days: float | None  # from the previous step to this one, for records that made both


def median_days(pairs: Iterable[tuple[date, date]]) -> float | None:
    """Median of (later - earlier) in days over pairs; pairs whose later date precedes the earlier
    (a data-entry error) are left out rather than counted as negative durations."""
    days = [(later - earlier).days for earlier, later in pairs if later >= earlier]
    return float(median(days)) if days else None


def median_of_counts(counts: Mapping[int, int]) -> float | None:
    """The median of a multiset given as value -> how many times it occurs (e.g. days -> records),
    equal to statistics.median over the expanded values, without expanding them; negative values
    (later before earlier, a data-entry error) are left out as in `median_days`."""
    ordered = sorted((value, times) for value, times in counts.items() if value >= 0 and times > 0)
    total = sum(times for _value, times in ordered)
    if not total:
        return None
    # 0-based positions of the middle value(s): one for an odd total, two for an even one.
    low, high = (total - 1) // 2, total // 2
    found: dict[int, int] = {}
    seen = 0
    for value, times in ordered:
        for position in (low, high):
            if seen <= position < seen + times:
                found[position] = value
        seen += times
        if high in found:
            break
    return (found[low] + found[high]) / 2


def funnel_stages(
    steps: Sequence[str],
    counts: Mapping[str, int],
    *,
    durations: Mapping[str, float | None] | None = None,
) -> tuple[FunnelStage, ...]:
    """The funnel in step order; a step missing from `counts` counts 0."""
    stages: list[FunnelStage] = []
    previous: int | None = None
    for code in steps:
        count = counts.get(code, 0)
        if count < 0:
            raise ValueError(f"negative count for {code!r}")
        conversion = count / previous if previous else None
        stages.append(
            FunnelStage(
                code=code,
                count=count,
                conversion=conversion,
                median_days=(durations or {}).get(code),
            )
        )
        previous = count
    return tuple(stages)
