"""The whole catalogue's ranking statistics: written by the indexing job, read by every page.

Best matches above the ANN threshold rank a shortlist of the nearest listings; BM25's document
frequencies, N and average length and the calibration's per-language moments must still be the
catalogue's, or the shortlist ranks differently from the whole pool (techbridge_core.matching.
corpus). The worker streams every published listing with a stored vector through
`CorpusAccumulator` and stores the result as one row per embedding model (`CorpusSnapshot`);
a page reads that row's token (one indexed row) and loads the data only when its process
holds another one, then asks it for the statistics of the query's terms and kinds.

The statistics are aggregates over all published listings, whoever may see them, like the
market search's vector statistics: they weigh the evidence of the candidates a user may see
and never bring a candidate in (candidates still come only through the access funnel).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import BinaryField, Case, Count, F, Max, Q, Sum, When

from techbridge.market.enums import ListingStatus
from techbridge.market.models import Listing
from techbridge.matching.domain.listing_documents import listing_fields
from techbridge.matching.models import CorpusSnapshot, ListingVector
from techbridge_core.matching import CatalogueCorpus, CorpusAccumulator, CorpusStatistics, TokenisedText
from techbridge_core.matching.documents import Fields
from techbridge_core.matching.pool import tokenise_document

logger = logging.getLogger(__name__)

READ_BATCH = 1000
TOKEN_CACHE_SIZE = 50_000


@lru_cache(maxsize=TOKEN_CACHE_SIZE)
def tokenised_fields(fields: Fields) -> TokenisedText:
    """A listing text's language, tokens and BM25 terms, kept per process: tokenising is most of
    the cost of preparing a shortlist, and a listing's text rarely changes."""
    return tokenise_document(fields, None)


def _published(model_name: str) -> Any:
    return ListingVector.objects.filter(model_name=model_name, listing__status=ListingStatus.PUBLISHED)


def corpus_source(model_name: str) -> dict[str, Any]:
    """Changes when a published listing's vector, text, kind or status changes (or one comes or goes)."""
    summary = _published(model_name).aggregate(
        rows=Count("pk"),
        ids=Sum("listing_id"),
        vectors=Max("updated_at"),
        listings=Max("listing__updated_at"),
    )
    return {
        "rows": summary["rows"],
        "ids": int(summary["ids"] or 0),
        "vectors": summary["vectors"].isoformat() if summary["vectors"] else None,
        "listings": summary["listings"].isoformat() if summary["listings"] else None,
    }


def refresh_corpus_statistics(
    model_name: str, *, batch_size: int = READ_BATCH, force: bool = False
) -> dict[str, int]:
    """Recompute the catalogue's statistics for `model_name` unless the stored ones were made
    from the same listings; streamed in batches of increasing listing id."""
    source = corpus_source(model_name)
    stored = CorpusSnapshot.objects.filter(model_name=model_name).values_list("source", flat=True).first()
    if stored == source and not force:
        return {"documents": source["rows"], "refreshed": 0}
    dimension = _published(model_name).values_list("dimension", flat=True).first()
    accumulator = CorpusAccumulator(dimension=int(dimension or 0))
    listings = (
        Listing.objects.filter(status=ListingStatus.PUBLISHED, match_vector__model_name=model_name)
        .annotate(stored_vector=F("match_vector__vector"))
        .only("pk", "kind", "title", "summary", "description", "keywords")
        .order_by("pk")
    )
    last = count = 0
    while batch := list(listings.filter(pk__gt=last)[:batch_size]):
        for listing in batch:
            text = tokenised_fields(listing_fields(listing))
            vector = np.frombuffer(bytes(listing.stored_vector), dtype=np.float32)
            accumulator.add(kind=listing.kind, language=text.language, terms=text.terms, vector=vector)
        last = batch[-1].pk
        count += len(batch)
    data = accumulator.result().to_bytes()
    with transaction.atomic():
        snapshot, created = CorpusSnapshot.objects.select_for_update().get_or_create(
            model_name=model_name, defaults={"source": source, "documents": count, "data": data}
        )
        if not created:
            snapshot.version += 1
            snapshot.token = uuid.uuid4()
            snapshot.source, snapshot.documents, snapshot.data = source, count, data
            snapshot.save()
    logger.info("matching statistics: %d listings, version %d", count, snapshot.version)
    return {"documents": count, "refreshed": 1}


@dataclass(frozen=True)
class _Loaded:
    token: uuid.UUID
    corpus: CatalogueCorpus


_loaded: dict[str, _Loaded] = {}
_loaded_lock = Lock()


def catalogue_corpus(model_name: str) -> CatalogueCorpus | None:
    """The stored statistics of `model_name`, loaded once per process and token; None before
    the indexing job first computed them. One query: the data comes back only when the row's
    token differs from the one this process holds."""
    with _loaded_lock:
        cached = _loaded.get(model_name)
    held = cached.token if cached is not None else uuid.UUID(int=0)
    row = (
        CorpusSnapshot.objects.filter(model_name=model_name)
        .annotate(newer=Case(When(~Q(token=held), then=F("data")), output_field=BinaryField(null=True)))
        .values_list("token", "newer")
        .first()
    )
    if row is None:
        return None
    token, data = row
    if cached is not None and token == cached.token:
        return cached.corpus
    loaded = _Loaded(token, CatalogueCorpus.from_bytes(bytes(data)))
    with _loaded_lock:
        _loaded[model_name] = loaded
    return loaded.corpus


def forget_loaded_statistics() -> None:
    with _loaded_lock:
        _loaded.clear()


def catalogue_statistics(
    model_name: str, *, dimension: int, kinds: Iterable[str], terms: Iterable[str]
) -> CorpusStatistics | None:
    """The catalogue's statistics of the listings of `kinds` for the query's `terms`, or None
    (then the core calibrates on the candidates, as before the first indexing run)."""
    corpus = catalogue_corpus(model_name)
    if corpus is None or corpus.dimension != dimension or not len(corpus):
        return None
    return corpus.statistics(kinds, terms)
