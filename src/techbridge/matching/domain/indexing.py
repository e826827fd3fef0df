"""Indexing for matching: embed published listings and expert profiles, drop vectors of the rest.

Resumable by construction: each batch is committed on its own and a document is embedded only
when the hash of its text (and model) differs from the stored one, so a re-run after a crash
picks up where the last one stopped. The jobs in matching/tasks.py call these.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Model, QuerySet

from techbridge.directory.models import ExpertProfile
from techbridge.market.domain.search import bump_search_revision
from techbridge.market.enums import ListingStatus
from techbridge.market.models import Listing
from techbridge.matching.domain.corpus import refresh_corpus_statistics
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.expert_documents import expert_fields, expert_text_hash
from techbridge.matching.domain.listing_documents import listing_fields, listing_text_hash
from techbridge.matching.domain.vector_index import build_listing_indexes
from techbridge.matching.models import ExpertVector, ListingVector
from techbridge_core.matching import Embedder
from techbridge_core.matching.documents import Fields
from techbridge_core.matching.pool import embedding_text

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 64


@dataclass(frozen=True)
class VectorTable[T: Model, V: Model]:
    """Where the vectors of one kind of document live and how their text is made."""

    model: type[V]
    owner_field: str
    text_hash: Callable[[T, str], str]
    fields: Callable[[T], Fields]


LISTING_VECTORS: VectorTable[Listing, ListingVector] = VectorTable(
    ListingVector,
    "listing",
    lambda listing, model: listing_text_hash(listing, model_name=model),
    listing_fields,
)
EXPERT_VECTORS: VectorTable[ExpertProfile, ExpertVector] = VectorTable(
    ExpertVector, "profile", lambda profile, model: expert_text_hash(profile, model_name=model), expert_fields
)


def _embed_changed[T: Model, V: Model](
    items: Sequence[T], table: VectorTable[T, V], *, embedder: Embedder
) -> int:
    """Embed the documents of one batch whose text changed; returns how many were embedded."""
    owner_id = f"{table.owner_field}_id"
    stored = dict(
        table.model._default_manager.filter(**{f"{table.owner_field}__in": items}).values_list(
            owner_id, "text_hash"
        )
    )
    hashes = {item.pk: table.text_hash(item, embedder.name) for item in items}
    changed = [item for item in items if stored.get(item.pk) != hashes[item.pk]]
    if not changed:
        return 0
    vectors = embedder.embed([embedding_text(table.fields(item)) for item in changed], role="passage")
    rows = [
        table.model(
            **{table.owner_field: item},
            model_name=embedder.name,
            dimension=embedder.dimension,
            vector=np.ascontiguousarray(vector, dtype=np.float32).tobytes(),
            text_hash=hashes[item.pk],
        )
        for item, vector in zip(changed, vectors, strict=True)
    ]
    with transaction.atomic():
        table.model._default_manager.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=[table.owner_field],
            update_fields=["model_name", "dimension", "vector", "text_hash", "updated_at"],
        )
    return len(changed)


def remove_unpublished_vectors(listing_ids: Sequence[int] | None = None) -> int:
    vectors = ListingVector.objects.exclude(listing__status=ListingStatus.PUBLISHED)
    if listing_ids is not None:
        vectors = vectors.filter(listing_id__in=listing_ids)
    removed, _ = vectors.delete()
    if removed:
        bump_search_revision()  # search results depend on the vectors (docs/decisions/0011)
    return removed


def index_queryset(listings: QuerySet[Listing], *, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Embed the changed published listings of `listings` in batches of increasing id."""
    embedder = get_embedder()
    published = listings.filter(status=ListingStatus.PUBLISHED).order_by("pk")
    total = published.count()
    done = embedded = 0
    last_pk = 0
    while batch := list(published.filter(pk__gt=last_pk)[:batch_size]):
        embedded += _embed_changed(batch, LISTING_VECTORS, embedder=embedder)
        done += len(batch)
        last_pk = batch[-1].pk
        logger.info("matching index: %d/%d listings checked, %d embedded", done, total, embedded)
    if embedded:
        bump_search_revision()  # search results depend on the vectors (docs/decisions/0011)
    return embedded


def index_expert_queryset(profiles: QuerySet[ExpertProfile], *, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Embed the changed expert profiles in batches of increasing id (resumable like listings)."""
    embedder = get_embedder()
    embedded = 0
    last_pk = 0
    while batch := list(profiles.filter(pk__gt=last_pk).order_by("pk")[:batch_size]):
        embedded += _embed_changed(batch, EXPERT_VECTORS, embedder=embedder)
        last_pk = batch[-1].pk
    return embedded


def index_all_listings(*, batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, int]:
    """Embed every published listing whose text changed; drop vectors of unpublished ones."""
    removed = remove_unpublished_vectors()
    embedded = index_queryset(Listing.objects.all(), batch_size=batch_size)
    logger.info("matching index: %d embedded, %d removed", embedded, removed)
    return {"embedded": embedded, "removed": removed}


def index_one_listing(*, listing_id: int) -> dict[str, int]:
    removed = remove_unpublished_vectors([listing_id])
    embedded = index_queryset(Listing.objects.filter(pk=listing_id))
    return {"embedded": embedded, "removed": removed}


def build_listing_index() -> dict[str, int]:
    """Build and publish the nearest-neighbour index files of the stored listing vectors, and
    the whole catalogue's ranking statistics (domain/corpus.py) the pages rank shortlists with.

    Only the worker writes them; web processes open the published generation read-only.
    Resumes an interrupted build; kinds whose vectors did not change are left as they are,
    and the statistics are recomputed only when a published listing changed.
    """
    model_name = get_embedder().name
    built = build_listing_indexes(model_name=model_name)
    statistics = refresh_corpus_statistics(model_name)
    rows = sum(result["rows"] for result in built.values())
    rebuilt = [kind for kind, result in built.items() if result["built"]]
    logger.info("matching ANN index: %d rows, kinds rebuilt: %s", rows, ", ".join(rebuilt) or "none")
    return {"rows": rows, "kinds_rebuilt": len(rebuilt), "statistics_refreshed": statistics["refreshed"]}


def index_all_experts(*, batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, int]:
    """Embed every expert profile whose text changed (visibility is applied when suggesting)."""
    embedded = index_expert_queryset(ExpertProfile.objects.all(), batch_size=batch_size)
    logger.info("matching index: %d expert profiles embedded", embedded)
    return {"embedded": embedded}
