"""Hard filters: what may never be suggested, whatever its score.

Listing types pair up as a market does: a demand is answered by offers, expertise or
services; capital looks for offers; an R&D request looks for expertise, services or
offers. The relation is symmetric, so the reverse direction also holds.
"""

from __future__ import annotations

from collections.abc import Mapping

from techbridge_core.matching.documents import Feedback, MatchDocument, Query

_ANSWERS: Mapping[str, frozenset[str]] = {
    "demand": frozenset({"offer", "expertise", "service"}),
    "capital": frozenset({"offer"}),
    "offer": frozenset({"demand", "capital"}),
    "rnd_request": frozenset({"expertise", "service", "offer"}),
}


def _symmetric(answers: Mapping[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    pairs = {(a, b) for a, targets in answers.items() for b in targets}
    pairs |= {(b, a) for a, b in pairs}
    kinds = {a for a, _ in pairs}
    return {kind: frozenset(b for a, b in pairs if a == kind) for kind in kinds}


COMPATIBLE_KINDS: Mapping[str, frozenset[str]] = _symmetric(_ANSWERS)


def kinds_compatible(asking: str | None, candidate: str) -> bool:
    """None (a free search) is compatible with every kind."""
    return asking is None or candidate in COMPATIBLE_KINDS.get(asking, frozenset())


def trl_in_window(query: Query, document: MatchDocument) -> bool:
    """An unknown TRL passes: incomplete listings are demoted by completeness instead."""
    if document.trl is None:
        return True
    low_ok = query.trl_min is None or document.trl >= query.trl_min
    return low_ok and (query.trl_max is None or document.trl <= query.trl_max)


def passes_filters(
    query: Query,
    document: MatchDocument,
    *,
    feedback: Feedback,
    allowed_ids: frozenset[str] | None,
) -> bool:
    """True when `document` may appear among this query's results."""
    return (
        _may_be_shown(query, document, feedback=feedback, allowed_ids=allowed_ids)
        and kinds_compatible(query.kind, document.kind)
        and (not query.countries or document.country in query.countries)
        and (not query.technology_fields or bool(query.technology_fields & document.technology_fields))
        and trl_in_window(query, document)
    )


def _may_be_shown(
    query: Query,
    document: MatchDocument,
    *,
    feedback: Feedback,
    allowed_ids: frozenset[str] | None,
) -> bool:
    """Not hidden by the caller, by a veto, or as the asker's own or a banned organisation."""
    if allowed_ids is not None and document.id not in allowed_ids:
        return False
    if document.id in query.exclude_ids or document.id in feedback.vetoed_ids:
        return False
    organisation = document.organisation_id
    return not organisation or (
        organisation != query.organisation_id and organisation not in feedback.never_organisations
    )
