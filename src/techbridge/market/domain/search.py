"""Filtering and searching listings: one filter object shared by pages, API, feeds, exports and alerts.

`search_listings(visible=..., filters=...)` takes the queryset from the access funnel
(`market.access.find_listings(user, filters)` wires the two) and never widens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, QuerySet

from techbridge.market.domain.ranking import RankingBackend, ranking_backend
from techbridge.market.enums import ListingStatus
from techbridge.market.models import Listing

SORTS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "updated": ("-updated_at", "-id"),
    "trl": ("-trl", "-published_at", "-id"),
    "deadline": ("deadline", "-id"),
}
FACETS = ("kind", "stage", "ipr_status", "country")
MAX_FACET_VALUES = 30


@dataclass(frozen=True, kw_only=True)
class ListingFilters:
    q: str = ""
    kinds: tuple[str, ...] = ()
    field_ids: tuple[int, ...] = ()
    industry_ids: tuple[int, ...] = ()
    country: str = ""
    stage: str = ""
    trl_min: int | None = None
    trl_max: int | None = None
    ipr_status: str = ""
    partnership_type: str = ""
    centre_id: int | None = None
    language: str = ""
    statuses: tuple[str, ...] = (ListingStatus.PUBLISHED,)
    open_for_interest: bool | None = None
    modified_since: datetime | None = None
    sort: str = "relevance"


def _through_filter(listings: QuerySet[Listing], relation: str, ids: tuple[int, ...]) -> QuerySet[Listing]:
    through = getattr(Listing, relation).through
    column = "technologyfield_id" if relation == "technology_fields" else "industry_id"
    rows = through.objects.filter(listing_id=OuterRef("pk"), **{f"{column}__in": ids})
    return listings.filter(Exists(rows))


def filter_listings(listings: QuerySet[Listing], filters: ListingFilters) -> QuerySet[Listing]:
    """Every filter but the keyword query; each is a plain column or an EXISTS, never a join."""
    exact = {
        "kind__in": filters.kinds,
        "status__in": filters.statuses,
        "country": filters.country.upper(),
        "stage": filters.stage,
        "ipr_status": filters.ipr_status,
        "centre_id": filters.centre_id,
        "trl__gte": filters.trl_min,
        "trl__lte": filters.trl_max,
        "open_for_interest": filters.open_for_interest,
        "updated_at__gte": filters.modified_since,
    }
    listings = listings.filter(**{key: value for key, value in exact.items() if value not in ("", (), None)})
    if filters.field_ids:
        listings = _through_filter(listings, "technology_fields", filters.field_ids)
    if filters.industry_ids:
        listings = _through_filter(listings, "industries", filters.industry_ids)
    if filters.partnership_type:
        # JSON containment is not portable to SQLite; the quoted code inside the stored list is.
        listings = listings.filter(partnership_types__icontains=f'"{filters.partnership_type}"')
    if filters.language:
        listings = listings.filter(languages__contains=f" {filters.language} ")
    return listings


def search_listings(
    *, visible: QuerySet[Listing], filters: ListingFilters, ranking: RankingBackend | None = None
) -> QuerySet[Listing]:
    """The visible listings that pass the filters, ranked by the backend when there is a query."""
    listings = filter_listings(visible, filters)
    if filters.q.strip() and filters.sort == "relevance":
        return (ranking or ranking_backend()).rank(listings, query=filters.q)
    if filters.q.strip():
        listings = (ranking or ranking_backend()).rank(listings, query=filters.q)
    return listings.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def facet_counts(listings: QuerySet[Listing]) -> dict[str, list[tuple[str, int]]]:
    """Counts per value of a few columns, over the already visible and filtered listings only."""
    counts: dict[str, list[tuple[str, int]]] = {}
    for column in FACETS:
        rows = (
            listings.order_by()
            .exclude(**{column: ""})
            .values_list(column)
            .annotate(total=Count("id"))
            .order_by("-total", column)[:MAX_FACET_VALUES]
        )
        counts[column] = [(value, total) for value, total in rows]
    return counts


def with_list_relations(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """What every list page and endpoint shows, fetched in a constant number of queries."""
    return listings.select_related("owner_organisation", "centre").prefetch_related(
        "technology_fields", "industries"
    )
