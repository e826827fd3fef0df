"""Filtering and searching listings: one filter object shared by pages, API, feeds, exports and alerts.

`search_listings(visible=..., filters=...)` takes the queryset from the access funnel
(`market.access.find_listings(user, filters)` wires the two) and never widens it.
Facet counts and the total come from one grouped query, cached per search revision and
visibility scope (`cached_facet_summary`, docs/decisions/0011).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from techbridge.market.domain.ranking import RankingBackend, ranking_backend
from techbridge.market.enums import ListingStatus
from techbridge.market.models import FacetSnapshot, Listing, SearchRevision

SORTS = {
    "newest": ("-published_at", "-id"),
    "oldest": ("published_at", "id"),
    "updated": ("-updated_at", "-id"),
    "trl": ("-trl", "-published_at", "-id"),
    "deadline": ("deadline", "-id"),
}
FACETS = ("kind", "stage", "ipr_status", "country")
MAX_FACET_VALUES = 30
SNAPSHOT_MAX_AGE = timedelta(minutes=10)  # a safety net: every change bumps the revision anyway
REVISION_PK = 1
STORE_LOCK_WAIT_MS = 200


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


@dataclass(frozen=True)
class RankedListings:
    """Search results sliced the cheap way: a window inside the first places that the ranking
    already knows (`RankingBackend.first_places`) is read by primary key, so the first pages of
    a large catalogue neither scan nor sort every match; any other window is the queryset's."""

    listings: QuerySet[Listing]
    first: Sequence[int] = ()

    def __getitem__(self, window: slice) -> list[Listing]:
        start, stop = window.start or 0, window.stop
        if stop is None or stop > len(self.first) or window.step not in (None, 1):
            return list(self.listings[window])
        wanted = list(self.first[start:stop])
        rows = {row.pk: row for row in self.listings.filter(pk__in=wanted)}
        return [rows[pk] for pk in wanted if pk in rows]


def ranked_listings(
    listings: QuerySet[Listing], *, filters: ListingFilters, ranking: RankingBackend
) -> RankedListings:
    """`listings` as `search_listings(…, ranking=ranking)` ranked them for `filters`."""
    ranked_by_relevance = filters.q.strip() and filters.sort == "relevance"
    return RankedListings(listings, ranking.first_places(filters.q) if ranked_by_relevance else ())


@dataclass(frozen=True)
class FacetSummary:
    total: int
    facets: dict[str, list[tuple[str, int]]]
    revision: str = ""  # the search revision the counts belong to (when cached)


def facet_summary(listings: QuerySet[Listing]) -> FacetSummary:
    """The total and the counts per value of a few columns, over the already visible and filtered
    listings only, from ONE query grouped by every facet column at once."""
    counters: dict[str, Counter[str]] = {column: Counter() for column in FACETS}
    total = 0
    for *values, count in listings.order_by().values_list(*FACETS).annotate(count=Count("id")):
        total += count
        for column, value in zip(FACETS, values, strict=True):
            if value:
                counters[column][value] += count
    facets = {
        column: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:MAX_FACET_VALUES]
        for column, counter in counters.items()
    }
    return FacetSummary(total=total, facets=facets)


def facet_counts(listings: QuerySet[Listing]) -> dict[str, list[tuple[str, int]]]:
    return facet_summary(listings).facets


def bump_search_revision() -> None:
    """Call inside the transaction of any change that can alter a search page (the market's signal
    receivers do for saves; bulk writers call it themselves)."""
    token = uuid.uuid4().hex
    if not SearchRevision.objects.filter(pk=REVISION_PK).update(token=token):
        SearchRevision.objects.update_or_create(pk=REVISION_PK, defaults={"token": token})


def current_revision() -> str:
    token = SearchRevision.objects.filter(pk=REVISION_PK).values_list("token", flat=True).first()
    if token is None:  # the migration creates the row; never let caches share an empty token
        bump_search_revision()
        return current_revision()
    return token


def snapshot_key(*, scope: str, ranking: str, filters: ListingFilters) -> str:
    """What the counts depend on besides the data: who looks (scope), how keywords match, the filters.
    The sort order and the page do not change counts."""
    wanted = dataclasses.asdict(filters)
    wanted.pop("sort")
    text = json.dumps([scope, ranking, wanted], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def cached_facet_summary(key: str, compute: Callable[[], FacetSummary]) -> FacetSummary:
    """The snapshot stored for `key` at the current revision (one query), or `compute()` stored.

    The revision is read BEFORE counting: a change committed meanwhile makes the counts newer
    than their revision, never older, and the change's own new revision retires them.
    Counts nobody has stored yet are counted by one process: the others asking for them at the
    same moment wait a little for its snapshot instead of counting the same rows again."""
    stored = _stored_summary(key)
    if stored is not None:
        return stored
    claimed = caches["market"].add(COUNTING_PREFIX + key, 1, timeout=int(COUNTING_WAIT.total_seconds()) + 1)
    if not claimed:
        stored = _wait_for_snapshot(key)
        if stored is not None:
            return stored
    try:
        revision = current_revision()
        summary = dataclasses.replace(compute(), revision=revision)
        _store(key, summary, now=timezone.now())
    finally:
        if claimed:
            caches["market"].delete(COUNTING_PREFIX + key)
    return summary


COUNTING_PREFIX = "facet-counting:"
COUNTING_WAIT = timedelta(seconds=3)
COUNTING_POLL_SECONDS = 0.03


def _stored_summary(key: str) -> FacetSummary | None:
    current = SearchRevision.objects.filter(pk=REVISION_PK).values("token")[:1]
    stored = (
        FacetSnapshot.objects.filter(
            key=key, revision=current, created_at__gte=timezone.now() - SNAPSHOT_MAX_AGE
        )
        .values_list("total", "facets", "revision")
        .first()
    )
    if stored is None:
        return None
    total, facets, revision = stored
    rows = {name: [(value, count) for value, count in values] for name, values in facets.items()}
    return FacetSummary(total=total, facets=rows, revision=revision)


def _wait_for_snapshot(key: str) -> FacetSummary | None:
    """The snapshot another process is counting, once stored; None when it takes too long."""
    deadline = time.monotonic() + COUNTING_WAIT.total_seconds()
    while time.monotonic() < deadline:
        time.sleep(COUNTING_POLL_SECONDS)
        released = not caches["market"].get(COUNTING_PREFIX + key)  # read before the snapshot
        stored = _stored_summary(key)
        if stored is not None:
            return stored
        if released:  # it finished without storing (a busy database) or failed: count here
            return None
    return None


@contextmanager
def _brief_lock_wait() -> Iterator[None]:
    """On SQLite, wait at most a moment for the write lock: a page must not queue behind an import."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {STORE_LOCK_WAIT_MS}")
    try:
        yield
    finally:
        usual = int(float(connection.settings_dict["OPTIONS"].get("timeout", 5)) * 1000)
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {usual}")


def _store(key: str, summary: FacetSummary, *, now: datetime) -> None:
    stale = ~Q(revision=summary.revision) | Q(created_at__lt=now - SNAPSHOT_MAX_AGE)
    snapshot = FacetSnapshot(
        key=key, revision=summary.revision, total=summary.total, facets=summary.facets, created_at=now
    )
    try:
        with _brief_lock_wait(), transaction.atomic():
            FacetSnapshot.objects.filter(stale).delete()
            FacetSnapshot.objects.bulk_create([snapshot], ignore_conflicts=True)
    except DatabaseError:  # a busy database: the page is served anyway, a later request stores
        pass


def with_list_relations(listings: QuerySet[Listing]) -> QuerySet[Listing]:
    """What every list page and endpoint shows, fetched in a constant number of queries."""
    return listings.select_related("owner_organisation", "centre").prefetch_related(
        "technology_fields", "industries"
    )
