"""The "search the whole alliance" switch: local and remote listings ranked in one list.

Remote listings are embedded here with the local embedder (`embed_remote_records`, after each
pull), so a query's nearest neighbours among them are found like the market's (decision 0014):
the query is embedded once, each remote record's cosine is calibrated within its language pool
against the local catalogue statistics, and only records at least `SEMANTIC_Z_FLOOR` standard
deviations above their pool's usual similarity are kept. The market's own ranking of the local
listings (lexical + neighbours, through the visible queryset), the remote word matches and the
remote neighbours of every language are then fused by reciprocal rank. Remote candidates are
read through `visible_remote_records`: the origin's audience and the partner's status decide.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from django.db.models import QuerySet

from techbridge.federation.enums import RecordKind
from techbridge.federation.models import RemoteRecord, RemoteVector
from techbridge.market.models import Listing
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.search import (
    SEMANTIC_LIMIT_PER_LANGUAGE,
    SEMANTIC_Z_FLOOR,
    catalogue_statistics_for,
)
from techbridge.matching.domain.vector_index import pool_language
from techbridge.matching.models import ListingVector
from techbridge_core.matching.catalogue_search import (
    ALL_LANGUAGES,
    calibrated_similarities,
    catalogue_statistics,
    reciprocal_rank_fusion,
)

REMOTE_CANDIDATES = 5000
"""The newest visible remote listings compared with the query (their vectors are read at once)."""
STATISTICS_SAMPLE = 2000
"""Local vectors whose statistics calibrate the similarities while no index published them."""
EMBED_BATCH = 64


@dataclass(frozen=True)
class AllianceHit:
    listing: Listing | None = None
    record: RemoteRecord | None = None


def _passage(record: RemoteRecord) -> str:
    parts = [*record.title.values(), *record.summary.values(), *record.content.values()]
    keywords = record.attributes.get("keywords")
    if isinstance(keywords, list):
        parts.extend(str(word) for word in keywords)
    return "\n".join(str(part) for part in parts if part)


def _languages(record: RemoteRecord) -> str:
    return " ".join(sorted(set(record.title) | set(record.summary) | set(record.content)))


def embed_remote_records(*, limit: int = 2000) -> int:
    """Embed the remote listings whose text changed since (or that have no vector); the number embedded."""
    embedder = get_embedder()
    records = RemoteRecord.objects.filter(deleted=False, kind=RecordKind.LISTING).order_by(
        "-fetched_at", "-id"
    )
    stored = dict(RemoteVector.objects.filter(model_name=embedder.name).values_list("record_id", "text_hash"))
    todo: list[tuple[RemoteRecord, str, str]] = []
    for record in records[: limit * 4]:
        text = _passage(record)
        digest = hashlib.sha256(text.encode()).hexdigest()
        if text and stored.get(record.pk) != digest:
            todo.append((record, text, digest))
        if len(todo) >= limit:
            break
    for start in range(0, len(todo), EMBED_BATCH):
        batch = todo[start : start + EMBED_BATCH]
        vectors = embedder.embed([text for _, text, _ in batch], role="passage")
        for (record, _, digest), vector in zip(batch, vectors, strict=True):
            RemoteVector.objects.update_or_create(
                record=record,
                defaults={
                    "model_name": embedder.name,
                    "dimension": int(vector.shape[0]),
                    "vector": np.asarray(vector, dtype=np.float32).tobytes(),
                    "text_hash": digest,
                },
            )
    return len(todo)


def remote_neighbours(records: QuerySet[RemoteRecord], *, query: str) -> list[list[int]]:
    """Per language pool, ids of the visible remote listings nearest in meaning to `query`, above the floor."""
    embedder = get_embedder()
    rows = list(
        records.filter(kind=RecordKind.LISTING, match_vector__model_name=embedder.name)
        .order_by("-fetched_at", "-id")
        .values_list("pk", "title", "summary", "content", "match_vector__vector")[:REMOTE_CANDIDATES]
    )
    if not rows:
        return []
    vector = embedder.embed([query], role="query")[0]
    matrix = np.stack([np.frombuffer(bytes(blob), dtype=np.float32) for *_, blob in rows])
    pools = [
        pool_language(" ".join(sorted(set(title) | set(summary) | set(content))))
        for _, title, summary, content, _ in rows
    ]
    statistics = catalogue_statistics_for(embedder.name)
    if statistics is None or not statistics.pool(ALL_LANGUAGES):
        local = list(
            ListingVector.objects.filter(model_name=embedder.name)
            .order_by("-updated_at")
            .values_list("listing__languages", "vector")[:STATISTICS_SAMPLE]
        )
        sample = np.concatenate(
            [matrix, *[np.frombuffer(bytes(blob), dtype=np.float32)[None, :] for _, blob in local]]
        )
        statistics = catalogue_statistics(sample, [*pools, *[pool_language(lang) for lang, _ in local]])
    scores = calibrated_similarities(vector, matrix, pools, statistics)
    rankings: dict[str, list[int]] = {}
    for i in np.argsort(-scores, kind="stable"):
        ranking = rankings.setdefault(pools[i], [])
        if scores[i] >= SEMANTIC_Z_FLOOR and len(ranking) < SEMANTIC_LIMIT_PER_LANGUAGE:
            ranking.append(int(rows[i][0]))
    return [ranking for ranking in rankings.values() if ranking]


def rank_alliance(
    *, local: list[int], visible: QuerySet[RemoteRecord], lexical: list[int], query: str, limit: int
) -> list[AllianceHit]:
    """One list: the market's ranking of the local listings, the remote word matches and the
    remote neighbours of every language (read through `visible`), fused by reciprocal rank."""
    semantic = remote_neighbours(visible, query=query) if query else []
    fused = reciprocal_rank_fusion(
        [[("local", pk) for pk in local], [("remote", pk) for pk in lexical]]
        + [[("remote", pk) for pk in ranking] for ranking in semantic]
    )[:limit]
    listings = Listing.objects.in_bulk([pk for origin, pk in fused if origin == "local"])
    records = visible.in_bulk([pk for origin, pk in fused if origin == "remote"])
    hits: list[AllianceHit] = []
    for origin, pk in fused:
        if origin == "local" and pk in listings:
            hits.append(AllianceHit(listing=listings[pk]))
        elif origin == "remote" and pk in records:
            hits.append(AllianceHit(record=records[pk]))
    return hits
