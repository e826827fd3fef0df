"""Filtering the alliance catalogue: one function shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from techbridge.instruments.models import Instrument


@dataclass(frozen=True, kw_only=True)
class InstrumentFilters:
    q: str = ""
    category: str = ""
    """A category code; a top-level code includes its subcategories."""
    organisation_id: int | None = None
    country: str = ""
    status: str = ""


def filter_instruments(instruments: QuerySet[Instrument], filters: InstrumentFilters) -> QuerySet[Instrument]:
    if filters.q:
        needle = filters.q.casefold()
        instruments = instruments.filter(
            Q(search_text__contains=needle) | Q(facility__organisation__search_text__contains=needle)
        )
    if filters.category:
        instruments = instruments.filter(
            Q(category__code=filters.category) | Q(category__parent__code=filters.category)
        )
    if filters.organisation_id:
        instruments = instruments.filter(facility__organisation_id=filters.organisation_id)
    if filters.country:
        instruments = instruments.filter(facility__organisation__country=filters.country.upper())
    if filters.status:
        instruments = instruments.filter(status=filters.status)
    return instruments.select_related("facility__organisation", "category").order_by("id")
