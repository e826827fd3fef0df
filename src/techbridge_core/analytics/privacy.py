"""Small groups that would reveal a confidential deal are not shown.

A breakdown (by country, field, centre...) hides every group smaller than the minimum size. When
exactly one group is hidden, its value could be worked out from the total and the others, so the
next smallest group is hidden with it (complementary suppression). Totals are never suppressed:
they are the sum of many groups.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Suppressed:
    """A value hidden because its group is too small; shown as "< minimum"."""

    minimum: int


def suppress_small_groups[K: Hashable](groups: Mapping[K, int], *, minimum: int) -> dict[K, int | Suppressed]:
    """Each group's count, or Suppressed where showing it could identify a deal.

    Groups with a count of 0 are shown (nothing to reveal); `minimum` ≤ 1 hides nothing.
    """
    if minimum <= 1:
        return dict(groups)
    hidden = {key for key, count in groups.items() if 0 < count < minimum}
    if len(hidden) == 1:
        shown = sorted(
            ((count, repr(key), key) for key, count in groups.items() if key not in hidden and count > 0),
            key=lambda item: (item[0], item[1]),
        )
        if shown:
            hidden.add(shown[0][2])
    return {key: Suppressed(minimum) if key in hidden else count for key, count in groups.items()}
