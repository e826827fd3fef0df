"""The B2B participant catalogue: filters, keyword search and recommended partners.

Callers pass the querysets the access funnel allowed (the catalogue and the listings the viewer may
see next to a participant); nothing here widens them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from techbridge.common.multilingual import searchable_text
from techbridge.directory.roles import AnyUser
from techbridge.events.models import Registration
from techbridge.market.models import Listing
from techbridge.matching.access import candidate_listings
from techbridge.matching.domain.recommend import best_matches_for_listing

REMOTE = "remote"
ON_SITE = "on_site"
RECOMMENDATION_LISTINGS = 5


@dataclass(frozen=True, slots=True)
class CatalogueFilters:
    q: str = ""
    category: str = ""
    country: str = ""
    organisation_kind: str = ""
    technology_field: int | None = None
    mode: str = ""


@dataclass(frozen=True, slots=True)
class Recommendation:
    registration: Registration
    their_listing: Listing
    my_listing: Listing
    score: float


def with_shown_listings(
    registrations: QuerySet[Registration], shown: QuerySet[Listing]
) -> QuerySet[Registration]:
    """Prefetch, as `shown_listings`, only the linked listings the viewer may see beside a participant."""
    return registrations.select_related("user", "organisation").prefetch_related(
        Prefetch("listings", queryset=shown.order_by("pk"), to_attr="shown_listings")
    )


def filter_catalogue(
    registrations: QuerySet[Registration], shown: QuerySet[Listing], filters: CatalogueFilters
) -> list[Registration]:
    if filters.category:
        registrations = registrations.filter(category=filters.category)
    if filters.country:
        registrations = registrations.filter(country=filters.country)
    if filters.organisation_kind:
        registrations = registrations.filter(organisation__kind=filters.organisation_kind)
    if filters.mode == REMOTE:
        registrations = registrations.filter(remote=True)
    elif filters.mode == ON_SITE:
        registrations = registrations.filter(remote=False)
    if filters.technology_field is not None:
        # Only listings the viewer can see (with their owner) may make a participant match.
        fielded = shown.filter(technology_fields=filters.technology_field)
        registrations = registrations.filter(listings__in=fielded).distinct()
    found = list(with_shown_listings(registrations.order_by("user__display_name", "pk"), shown))
    words = filters.q.casefold().split()
    if not words:
        return found
    return [r for r in found if all(word in _catalogue_text(r) for word in words)]


def _catalogue_text(registration: Registration) -> str:
    organisation = registration.organisation
    parts: list[dict[str, str] | str | None] = [
        registration.user.display_name,
        registration.job_title,
        registration.b2b_profile,
        organisation.name if organisation is not None else None,
        organisation.short_name if organisation is not None else None,
    ]
    parts.extend(listing.title for listing in getattr(registration, "shown_listings", []))
    return searchable_text(*parts)


def recommended_partners(
    *,
    user: AnyUser,
    viewer: Registration,
    catalogue: QuerySet[Registration],
    shown: QuerySet[Listing],
    limit: int = 6,
) -> list[Recommendation]:
    """Participants whose linked listings the matching engine ranks best for the viewer's own linked
    listings; empty when the viewer linked none."""
    mine = list(viewer.listings.order_by("pk")[:RECOMMENDATION_LISTINGS])
    if not mine:
        return []
    best: dict[int, tuple[float, Listing]] = {}  # matched listing id -> (score, my listing)
    for listing in mine:
        for suggestion in best_matches_for_listing(
            user=user, candidates=candidate_listings(user), listing=listing, limit=20
        ):
            score = suggestion.match.score
            if suggestion.listing.pk not in best or best[suggestion.listing.pk][0] < score:
                best[suggestion.listing.pk] = (score, listing)
    if not best:
        return []
    shown_by_id = {listing.pk: listing for listing in shown.filter(pk__in=best)}
    partners = with_shown_listings(
        catalogue.exclude(pk=viewer.pk).filter(listings__in=list(shown_by_id)).distinct(), shown
    )
    found: list[Recommendation] = []
    for partner in partners:
        theirs = [listing for listing in partner.shown_listings if listing.pk in shown_by_id]  # type: ignore[attr-defined]
        top = max(theirs, key=lambda listing: best[listing.pk][0])
        score, my_listing = best[top.pk]
        found.append(
            Recommendation(registration=partner, their_listing=top, my_listing=my_listing, score=score)
        )
    found.sort(key=lambda r: (-r.score, r.registration.pk))
    return found[:limit]
