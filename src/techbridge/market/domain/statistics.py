"""Per-centre figures for the operator workbench: listings by status and type, interests by status."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from techbridge.market.models import ExpressionOfInterest, Listing


@dataclass
class CentreFigures:
    centre_id: int | None
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    interests_by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def centre_statistics(
    *, listings: QuerySet[Listing], interests: QuerySet[ExpressionOfInterest]
) -> dict[int | None, CentreFigures]:
    """Three grouped queries whatever the number of centres."""
    figures: dict[int | None, CentreFigures] = defaultdict(lambda: CentreFigures(None))
    for centre_id, status, total in (
        listings.order_by().values_list("centre_id", "status").annotate(n=Count("id"))
    ):
        figures[centre_id].by_status[status] = total
    for centre_id, kind, total in (
        listings.order_by().values_list("centre_id", "kind").annotate(n=Count("id"))
    ):
        figures[centre_id].by_kind[kind] = total
    rows = interests.order_by().values_list("listing__centre_id", "status").annotate(n=Count("id"))
    for centre_id, status, total in rows:
        figures[centre_id].interests_by_status[status] = total
    for centre_id, figure in figures.items():
        figure.centre_id = centre_id
    return dict(figures)
