"""The nearest-neighbour index files of listing vectors: built by the worker, only read by web processes.

Layout under TECHBRIDGE_MATCHING_INDEX_DIR (default DATA_DIR/matching-index): `<model>/<kind>/`
holds one published index per listing kind (techbridge_core.ann generations, swapped in by an
atomic manifest rename), so a search is restricted to the complementary kinds without listing
their ids. A build runs in `<kind>.building/`, checkpointed there so a crash resumes from the
last listing written; only a complete index is then saved into `<kind>/` as a new generation,
so a reader never opens a half-built one. `source.json` beside it records which rows it was
built from: a run over unchanged rows does nothing.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Max, QuerySet, Sum

from techbridge.market.domain.search import bump_search_revision
from techbridge.market.enums import ListingKind, ListingStatus
from techbridge.matching.models import ListingVector
from techbridge_core.ann import BuildProgress, VectorIndex, build_index, save_index
from techbridge_core.ann.exact import Ids, Matrix
from techbridge_core.ann.store import read_manifest
from techbridge_core.matching.catalogue_search import ALL_LANGUAGES, StatisticsAccumulator

logger = logging.getLogger(__name__)

READ_BATCH = 2000
CHECKPOINT_EVERY = 25_000
LOG_EVERY = 10_000
SOURCE_FILE = "source.json"
STATISTICS_FILE = "search-statistics.npz"


def index_root() -> Path:
    configured = getattr(settings, "TECHBRIDGE_MATCHING_INDEX_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "matching-index"


def kind_directory(model_name: str, kind: str) -> Path:
    return index_root() / re.sub(r"[^A-Za-z0-9_.-]+", "-", model_name) / kind


def statistics_path(model_name: str) -> Path:
    """The catalogue's per-language vector statistics (all kinds together), beside the kinds' indexes."""
    return kind_directory(model_name, "_").with_name(STATISTICS_FILE)


def pool_language(languages: str) -> str:
    """The calibration pool of a listing from its stored " en zh " languages: its one language,
    or all languages together for a listing written in several."""
    written = languages.split()
    return written[0] if len(written) == 1 else ALL_LANGUAGES


def ann_threshold() -> int:
    """Above this many candidates a page ranks a nearest-neighbour shortlist, not the whole pool."""
    return int(getattr(settings, "TECHBRIDGE_MATCHING_ANN_THRESHOLD", 5000))


def ann_shortlist_size() -> int:
    return int(getattr(settings, "TECHBRIDGE_MATCHING_ANN_SHORTLIST", 500))


def _stored_vectors(model_name: str, kind: str) -> QuerySet[ListingVector]:
    return ListingVector.objects.filter(
        model_name=model_name, listing__status=ListingStatus.PUBLISHED, listing__kind=kind
    )


def _source_fingerprint(vectors: QuerySet[ListingVector]) -> dict[str, Any]:
    """Changes when a vector is added, removed or re-embedded (or its listing leaves the kind)."""
    summary = vectors.aggregate(rows=Count("pk"), ids=Sum("listing_id"), updated=Max("updated_at"))
    return {
        "rows": summary["rows"],
        "ids": int(summary["ids"] or 0),
        "updated": summary["updated"].isoformat() if summary["updated"] else None,
    }


def published_source(directory: Path) -> dict[str, Any] | None:
    path = directory / SOURCE_FILE
    if read_manifest(directory) is None or not path.exists():
        return None
    source: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return source


def _write_source(directory: Path, source: dict[str, Any]) -> None:
    temporary = directory / (SOURCE_FILE + ".tmp")
    temporary.write_text(json.dumps(source), encoding="utf-8")
    temporary.replace(directory / SOURCE_FILE)


def _row_source(
    vectors: QuerySet[ListingVector], batch_size: int
) -> Callable[[int | None], Iterator[tuple[Ids, Matrix]]]:
    """Batches of (listing ids, vectors) in increasing id, from just above the build's watermark."""

    def rows(watermark: int | None) -> Iterator[tuple[Ids, Matrix]]:
        last = watermark or 0
        ordered = vectors.order_by("listing_id").values_list("listing_id", "vector")
        while batch := list(ordered.filter(listing_id__gt=last)[:batch_size]):
            ids = np.fromiter((listing_id for listing_id, _ in batch), dtype=np.int64, count=len(batch))
            matrix = np.stack([np.frombuffer(bytes(vector), dtype=np.float32) for _, vector in batch])
            yield ids, matrix
            last = int(ids[-1])

    return rows


def _progress_logger(
    kind: str, total: int, hook: Callable[[BuildProgress], None] | None
) -> Callable[[BuildProgress], None]:
    logged = [-1]

    def progress(step: BuildProgress) -> None:
        if step.rows_done // LOG_EVERY != logged[0] or step.rows_done >= total:
            logged[0] = step.rows_done // LOG_EVERY
            resumed = f", resumed after listing {step.resumed_from}" if step.resumed_from is not None else ""
            logger.info("matching ANN index %s: %d/%d rows%s", kind, step.rows_done, total, resumed)
        if hook is not None:
            hook(step)

    return progress


def build_kind_index(
    model_name: str,
    kind: str,
    *,
    dimension: int,
    batch_size: int = READ_BATCH,
    checkpoint_every: int = CHECKPOINT_EVERY,
    progress: Callable[[BuildProgress], None] | None = None,
) -> dict[str, Any]:
    """Build and publish the index of one kind unless the published one was built from the same rows."""
    published = kind_directory(model_name, kind)
    vectors = _stored_vectors(model_name, kind)
    source = _source_fingerprint(vectors)
    if published_source(published) == source:
        return {"rows": source["rows"], "built": False}
    staging = published.with_name(f"{kind}.building")
    if source["rows"] == 0:
        index = VectorIndex.create(dimension)
        resumed_from = None
    else:
        resumed: list[int | None] = [None]

        def remember(step: BuildProgress) -> None:
            resumed[0] = step.resumed_from
            if progress is not None:
                progress(step)

        index = build_index(
            staging,
            dimension=dimension,
            rows=_row_source(vectors, batch_size),
            checkpoint_every=checkpoint_every,
            progress=_progress_logger(kind, source["rows"], remember),
        )
        resumed_from = resumed[0]
    generation = save_index(index, published, complete=True)
    _write_source(published, source)
    shutil.rmtree(staging, ignore_errors=True)
    return {"rows": len(index), "built": True, "generation": generation, "resumed_from": resumed_from}


def build_listing_indexes(
    *,
    model_name: str,
    batch_size: int = READ_BATCH,
    checkpoint_every: int = CHECKPOINT_EVERY,
    progress: Callable[[BuildProgress], None] | None = None,
) -> dict[str, dict[str, Any]]:
    """One index per listing kind of every published listing's stored vector (model `model_name`)."""
    dimension = (
        ListingVector.objects.filter(model_name=model_name).values_list("dimension", flat=True).first()
    )
    if dimension is None:
        return {}
    built = {
        kind: build_kind_index(
            model_name,
            kind,
            dimension=dimension,
            batch_size=batch_size,
            checkpoint_every=checkpoint_every,
            progress=progress,
        )
        for kind in ListingKind.values
    }
    if any(result["built"] for result in built.values()) or not statistics_path(model_name).exists():
        write_catalogue_statistics(model_name, batch_size=batch_size)
        bump_search_revision()  # search calibration changed (docs/decisions/0011)
    return built


def write_catalogue_statistics(model_name: str, *, batch_size: int = READ_BATCH) -> int:
    """Mean and covariance per language of every published listing's vector, for search calibration
    (techbridge_core.matching.catalogue_search); streamed in batches, then swapped in by a rename."""
    accumulator = StatisticsAccumulator()
    rows = (
        ListingVector.objects.filter(model_name=model_name, listing__status=ListingStatus.PUBLISHED)
        .order_by("listing_id")
        .values_list("listing_id", "listing__languages", "vector")
    )
    last = count = 0
    while batch := list(rows.filter(listing_id__gt=last)[:batch_size]):
        matrix = np.stack([np.frombuffer(bytes(vector), dtype=np.float32) for _, _, vector in batch])
        accumulator.add(matrix, [pool_language(languages) for _, languages, _ in batch])
        last = batch[-1][0]
        count += len(batch)
    path = statistics_path(model_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    accumulator.result().save(path)
    return count
