"""Best matches for a listing: visible complementary listings, ranked by the matching core."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from techbridge.directory.models import TechnologyField
from techbridge.directory.roles import AnyUser, member_organisation_ids
from techbridge.market.models import Listing
from techbridge.matching.domain.corpus import catalogue_statistics, tokenised_fields
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.listing_documents import (
    CORE_KIND,
    MARKET_KIND,
    listing_document,
    listing_fields,
)
from techbridge.matching.domain.nearest import nearest_listing_ids, warn_once_without_index
from techbridge.matching.domain.pool_cache import cached_pool
from techbridge.matching.domain.vector_index import ann_shortlist_size, ann_threshold
from techbridge.matching.enums import DecisionKind, FeedbackKind
from techbridge.matching.models import ListingVector, MatchDecision, MatchFeedback
from techbridge_core.matching import (
    CandidatePool,
    Embedder,
    Feedback,
    Match,
    MatchDocument,
    Query,
    RankingSettings,
    TokenisedText,
    Vectors,
    prepare_pool,
    query_terms,
    rank,
)
from techbridge_core.matching.filters import COMPATIBLE_KINDS
from techbridge_core.matching.semantic import query_vector


@dataclass(frozen=True, slots=True)
class SuggestedMatch:
    """One suggestion: the candidate (annotated with `owner_visible`), the core's match and
    what the reader and the brokers said about it."""

    listing: Listing
    match: Match
    shared_fields: tuple[TechnologyField, ...]
    feedback: str
    decision: str


def complementary_kinds(kind: str) -> frozenset[str]:
    """Market kinds that answer `kind` (demand ↔ offer/expertise/service, capital ↔ offer, ...)."""
    core = COMPATIBLE_KINDS.get(CORE_KIND.get(kind, kind), frozenset())
    return frozenset(MARKET_KIND[k] for k in core if k in MARKET_KIND)


def _candidates(
    candidates: QuerySet[Listing], *, kinds: frozenset[str], model_name: str
) -> QuerySet[Listing]:
    """Visible, indexed listings of the complementary kinds. The asker's organisations are left
    out by `rank` (allowed ids), so users who see the same listings share one cached pool."""
    return candidates.filter(kind__in=kinds, match_vector__model_name=model_name).order_by("pk")


@dataclass(frozen=True, slots=True)
class _Row:
    """What ranking needs to know of a visible candidate besides its text: read as plain values,
    never as a model instance (loading hundreds of listings per page was most of its time)."""

    pk: int
    organisation_id: int
    owner_visible: bool
    key: tuple[object, ...]  # identifies its document: id, text hash, last change


def _rows(visible: QuerySet[Listing]) -> list[_Row]:
    """The candidates of `visible` (the access funnel's queryset, so the database decides).

    A listing's document is keyed by its text hash and last change: saving a listing (its
    technology fields included) moves `updated_at`, so a changed listing misses the cache."""
    annotated = "owner_visible" in visible.query.annotations
    values = visible.values_list(
        "pk",
        "owner_organisation_id",
        "updated_at",
        "match_vector__text_hash",
        *(["owner_visible"] if annotated else []),
    )
    return [
        _Row(
            pk=row[0],
            organisation_id=row[1],
            owner_visible=bool(row[4]) if annotated else True,
            key=(row[0], row[3], row[2]),
        )
        for row in values
    ]


@dataclass(frozen=True, slots=True)
class _Prepared:
    document: MatchDocument
    tokenised: TokenisedText
    vector: Vectors


_PREPARED_CACHE_SIZE = 50_000
_prepared: OrderedDict[tuple[object, ...], _Prepared] = OrderedDict()
_prepared_lock = Lock()


def _prepared_candidates(rows: list[_Row]) -> list[_Prepared]:
    """Each candidate's document, tokens and stored vector, kept per process by `_Row.key`:
    only listings this process has not seen in their current state are loaded and tokenised."""
    with _prepared_lock:
        found = {row.key: _prepared[row.key] for row in rows if row.key in _prepared}
    missing = {row.pk: row.key for row in rows if row.key not in found}
    if missing:
        codes: dict[int, list[str]] = {}
        through = Listing.technology_fields.through
        for listing_id, code in (
            through.objects.filter(listing_id__in=list(missing))
            .order_by("listing_id", "technologyfield_id")
            .values_list("listing_id", "technologyfield__code")
        ):
            codes.setdefault(listing_id, []).append(code)
        for listing in Listing.objects.filter(pk__in=list(missing)).select_related("match_vector"):
            document = listing_document(listing, technology_codes=codes.get(listing.pk, ()))
            found[missing[listing.pk]] = _Prepared(
                document, tokenised_fields(document.fields), listing.match_vector.as_array()
            )
        with _prepared_lock:
            for key in missing.values():
                if key in found:
                    _prepared[key] = found[key]
            while len(_prepared) > _PREPARED_CACHE_SIZE:
                _prepared.popitem(last=False)
    return [found[row.key] for row in rows if row.key in found]


def candidate_pool(rows: list[_Row], *, embedder: Embedder) -> tuple[CandidatePool, list[_Row]]:
    """The prepared pool (tokens, BM25, stored vectors) of these candidates, cached per process
    by the candidates' keys, and the rows it holds (a listing deleted meanwhile is left out)."""
    prepared = _prepared_candidates(rows)
    present = {p.document.id for p in prepared}
    kept = [row for row in rows if str(row.pk) in present]

    def build() -> CandidatePool:
        return prepare_pool(
            [p.document for p in prepared],
            embedder=embedder,
            vectors=np.stack([p.vector for p in prepared]),
            tokenised=[p.tokenised for p in prepared],
        )

    return cached_pool(("listings", embedder.name, *(row.key for row in kept)), build), kept


def never_organisation_ids(*, user: AnyUser, listing: Listing) -> frozenset[int]:
    """Organisations the user said "never this organisation" to, on `listing`'s matches."""
    if not user.is_authenticated:
        return frozenset()
    rows = MatchFeedback.objects.filter(
        user=user, listing=listing, kind=FeedbackKind.NEVER_THIS_ORGANISATION
    ).values_list("candidate__owner_organisation_id", flat=True)
    return frozenset(rows)


def feedback_for(*, user: AnyUser, listing: Listing) -> tuple[Feedback, dict[int, str], dict[int, str]]:
    """The core's Feedback from the user's own feedback and the brokers' decisions on `listing`.

    "Never this organisation" is not handed to the core: the core would also drop that
    organisation's anonymous listings, and their disappearing would tell who owns them.
    `best_matches_for_listing` applies it only to candidates whose owner the user may see."""
    said: dict[int, str] = {}
    if user.is_authenticated:
        said = dict(
            MatchFeedback.objects.filter(user=user, listing=listing).values_list("candidate_id", "kind")
        )
    decided = dict(MatchDecision.objects.filter(listing=listing).values_list("candidate_id", "kind"))
    feedback = Feedback(
        not_relevant_ids=frozenset(str(c) for c, k in said.items() if k == FeedbackKind.NOT_RELEVANT),
        good_match_ids=frozenset(str(c) for c, k in said.items() if k == FeedbackKind.GOOD),
        pinned_ids=tuple(str(c) for c, k in decided.items() if k == DecisionKind.PIN),
        vetoed_ids=frozenset(str(c) for c, k in decided.items() if k == DecisionKind.VETO),
    )
    return feedback, said, decided


def _shortlisted_candidates(
    visible: QuerySet[Listing],
    *,
    vector: Vectors,
    kinds: frozenset[str],
    model_name: str,
    pinned_ids: tuple[str, ...],
) -> QuerySet[Listing]:
    """Two-stage retrieval for a large pool: the index's nearest listings (and the brokers'
    pins, and the listings embedded since the index was built), read through the visible
    queryset so the database still decides visibility.
    Without a published index yet: the newest `threshold` candidates, so a page never loads them all."""
    nearest = nearest_listing_ids(vector, model_name=model_name, kinds=kinds, k=ann_shortlist_size())
    if nearest is None:
        warn_once_without_index(model_name)
        newest = list(visible.order_by("-pk").values_list("pk", flat=True)[: ann_threshold()])
        return visible.filter(pk__in=newest)
    shortlist = {*nearest.ids, *(int(pk) for pk in pinned_ids)}
    # Listings embedded since the index was built are not in it yet: rank the newest of them too
    # (found through the vectors' `updated_at` index; `visible` then decides which may be shown).
    written_since = ListingVector.objects.filter(model_name=model_name)
    if nearest.built_from:
        written_since = written_since.filter(updated_at__gt=nearest.built_from)
    shortlist.update(
        written_since.order_by("-updated_at").values_list("listing_id", flat=True)[: ann_shortlist_size()]
    )
    return visible.filter(pk__in=shortlist)


def best_matches_for_listing(
    *,
    user: AnyUser,
    candidates: QuerySet[Listing],
    listing: Listing,
    limit: int = 10,
    kinds: frozenset[str] | None = None,
) -> list[SuggestedMatch]:
    """The best visible complementary listings for `listing`, with explanations.

    Candidates come only from `candidates`, the published listings the user may see
    (`matching.access.candidate_listings(user)`, annotated with `owner_visible`); the user's own organisations and the
    listing's owner are left out; feedback and broker pins/vetoes shape the order. `kinds`
    narrows the complementary kinds (an offer's investors are shown apart from its demands).
    Above `ann_threshold()` visible candidates only a nearest-neighbour shortlist is ranked.
    Either way BM25 and the calibration read the whole catalogue's statistics (kept by the
    indexing job, `domain/corpus.py`), so the shortlist ranks its listings as the whole pool would.
    """
    embedder = get_embedder()
    wanted = complementary_kinds(listing.kind) if kinds is None else kinds & complementary_kinds(listing.kind)
    if not wanted:
        return []
    feedback, said, decided = feedback_for(user=user, listing=listing)
    query = Query(
        fields=listing_fields(listing),
        kind=CORE_KIND.get(listing.kind, listing.kind),
        organisation_id=str(listing.owner_organisation_id),
        exclude_ids=frozenset({str(listing.pk)}),
        today=timezone.localdate(),
    )
    visible = _candidates(candidates, kinds=wanted, model_name=embedder.name)
    vector: Vectors | None = None
    if visible.values("pk")[ann_threshold() : ann_threshold() + 1].exists():  # more than the threshold
        # Embedded once by the core's own rule (the pool holds passages): the index is searched
        # with the vector that `rank` then scores the shortlist with.
        vector = query_vector(query.fields, pool_role="passage", embedder=embedder)
        visible = _shortlisted_candidates(
            visible,
            vector=vector,
            kinds=wanted,
            model_name=embedder.name,
            pinned_ids=feedback.pinned_ids,
        )
    rows = _rows(visible)
    if not rows:
        return []
    pool, rows = candidate_pool(rows, embedder=embedder)
    excluded = set(member_organisation_ids(user)) | {listing.owner_organisation_id}
    never = never_organisation_ids(user=user, listing=listing)
    allowed = frozenset(
        str(c.pk)
        for c in rows
        if c.organisation_id not in excluded
        and c.pk != listing.pk
        and not (c.organisation_id in never and c.owner_visible)
    )
    statistics = catalogue_statistics(
        embedder.name, dimension=embedder.dimension, kinds=wanted, terms=query_terms(query)
    )
    matches = rank(
        query,
        pool,
        embedder=embedder,
        feedback=feedback,
        allowed_ids=allowed,
        query_vector=vector,
        settings=RankingSettings(limit=limit),
        statistics=statistics,
    )
    # Only the listings shown are loaded as instances, again through the visible queryset.
    shown = {
        str(c.pk): c
        for c in visible.filter(pk__in=[int(match.id) for match in matches])
        .select_related("match_vector", "owner_organisation")
        .prefetch_related("technology_fields")
    }
    own_fields = {f.pk for f in listing.technology_fields.all()}
    return [
        SuggestedMatch(
            listing=shown[match.id],
            match=match,
            shared_fields=tuple(f for f in shown[match.id].technology_fields.all() if f.pk in own_fields),
            feedback=said.get(shown[match.id].pk, ""),
            decision=decided.get(shown[match.id].pk, ""),
        )
        for match in matches
        if match.id in shown
    ]
