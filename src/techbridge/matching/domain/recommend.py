"""Best matches for a listing: visible complementary listings, ranked by the matching core."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from techbridge.directory.models import TechnologyField
from techbridge.directory.roles import AnyUser, member_organisation_ids
from techbridge.market.models import Listing
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
from techbridge.matching.models import MatchDecision, MatchFeedback
from techbridge_core.matching import (
    CandidatePool,
    Embedder,
    Feedback,
    Match,
    Query,
    RankingSettings,
    Vectors,
    prepare_pool,
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
    return (
        candidates.filter(kind__in=kinds, match_vector__model_name=model_name)
        .select_related("match_vector", "owner_organisation")
        .prefetch_related("technology_fields")
        .order_by("pk")
    )


def _pool_key(
    candidates: list[Listing], fields_of: dict[int, tuple[TechnologyField, ...]]
) -> tuple[object, ...]:
    """Identifies a candidate set exactly: the same listings, texts and metadata."""
    return tuple(
        (c.pk, c.match_vector.text_hash, c.updated_at, tuple(f.pk for f in fields_of[c.pk]))
        for c in candidates
    )


def candidate_pool(
    candidates: list[Listing], fields_of: dict[int, tuple[TechnologyField, ...]], *, embedder: Embedder
) -> CandidatePool:
    """The prepared pool (tokens, BM25, stored vectors) of these candidates, cached per process."""

    def build() -> CandidatePool:
        documents = [
            listing_document(c, technology_codes=(f.code for f in fields_of[c.pk])) for c in candidates
        ]
        vectors = np.stack([c.match_vector.as_array() for c in candidates])
        return prepare_pool(documents, embedder=embedder, vectors=vectors)

    return cached_pool(("listings", embedder.name, *_pool_key(candidates, fields_of)), build)


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
) -> list[Listing]:
    """Two-stage retrieval for a large pool: the index's nearest listings (and the brokers'
    pins, and the listings embedded since the index was built), loaded through the visible
    queryset so the database still decides visibility.
    Without a published index yet: the newest `threshold` candidates, so a page never loads them all."""
    nearest = nearest_listing_ids(vector, model_name=model_name, kinds=kinds, k=ann_shortlist_size())
    if nearest is None:
        warn_once_without_index(model_name)
        newest = list(visible.order_by("-pk")[: ann_threshold()])
        return sorted(newest, key=lambda listing: listing.pk)
    shortlist = {*nearest.ids, *(int(pk) for pk in pinned_ids)}
    # Listings embedded since the index was built are not in it yet: rank the newest of them too.
    written_since = visible.filter(
        **({"match_vector__updated_at__gt": nearest.built_from} if nearest.built_from else {})
    )
    shortlist.update(written_since.order_by("-pk").values_list("pk", flat=True)[: ann_shortlist_size()])
    return list(visible.filter(pk__in=shortlist))


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
    if visible.count() > ann_threshold():
        # Embedded once by the core's own rule (the pool holds passages): the index is searched
        # with the vector that `rank` then scores the shortlist with.
        vector = query_vector(query.fields, pool_role="passage", embedder=embedder)
        shortlist = _shortlisted_candidates(
            visible,
            vector=vector,
            kinds=wanted,
            model_name=embedder.name,
            pinned_ids=feedback.pinned_ids,
        )
    else:
        shortlist = list(visible)
    if not shortlist:
        return []
    fields_of = {c.pk: tuple(c.technology_fields.all()) for c in shortlist}
    pool = candidate_pool(shortlist, fields_of, embedder=embedder)
    own_fields = {f.pk for f in listing.technology_fields.all()}
    excluded = set(member_organisation_ids(user)) | {listing.owner_organisation_id}
    never = never_organisation_ids(user=user, listing=listing)
    allowed = frozenset(
        str(c.pk)
        for c in shortlist
        if c.owner_organisation_id not in excluded
        and c.pk != listing.pk
        and not (c.owner_organisation_id in never and getattr(c, "owner_visible", True))
    )
    matches = rank(
        query,
        pool,
        embedder=embedder,
        feedback=feedback,
        allowed_ids=allowed,
        query_vector=vector,
        settings=RankingSettings(limit=limit),
    )
    by_id = {str(c.pk): c for c in shortlist}
    return [
        SuggestedMatch(
            listing=by_id[match.id],
            match=match,
            shared_fields=tuple(f for f in fields_of[by_id[match.id].pk] if f.pk in own_fields),
            feedback=said.get(by_id[match.id].pk, ""),
            decision=decided.get(by_id[match.id].pk, ""),
        )
        for match in matches
    ]
