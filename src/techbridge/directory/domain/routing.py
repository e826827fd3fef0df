"""Which centre reviews a listing or a proposal: one where at least one active broker works.

A centre without an active broker hands its work to its alliance's coordinating centre, so
nothing waits in a queue nobody reads.
"""

from __future__ import annotations

from techbridge.directory.models import Centre, CentreOperator


def centres_with_active_brokers() -> frozenset[int]:
    operators = CentreOperator.objects.filter(user__is_active=True)
    return frozenset(operators.values_list("centre_id", flat=True))


def responsible_centre_id(centre_id: int | None, *, staffed: frozenset[int] | None = None) -> int | None:
    """The centre itself when a broker works there, else its alliance's coordinating centre when
    one works there; otherwise the centre unchanged (platform admins still see it).
    `staffed` lets bulk callers (the demo, imports) pass `centres_with_active_brokers()` once."""
    if centre_id is None:
        return None
    staffed = centres_with_active_brokers() if staffed is None else staffed
    if centre_id in staffed:
        return centre_id
    coordinating = (
        Centre.objects.filter(pk=centre_id).values_list("alliance__coordinating_centre_id", flat=True).first()
    )
    if coordinating is not None and coordinating in staffed:
        return int(coordinating)
    return centre_id
