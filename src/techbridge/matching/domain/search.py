"""The market's keyword search across languages (the default ranking backend, "matching").

A query finds the listings that hold its words in the query's language (substring search of
the market, accent-free and stemmed, `keyword_condition`) AND the listings nearest to its
meaning in every language: the query is embedded once, its neighbours come from the published
nearest-neighbour index (exact over the stored vectors while there is none and the catalogue is
small), each neighbour's similarity is calibrated within its language pool against the
catalogue's statistics, and only neighbours at least `SEMANTIC_Z_FLOOR` standard deviations
above their pool's usual similarity are kept (unrelated listings never pad the results). The
two orders are fused by reciprocal rank.

Like every backend it only narrows and orders the queryset it is given (the visible, filtered
listings): the neighbours are looked up through that queryset, so the database still decides
visibility, and facets and the total counted over the returned queryset count the same result
set the page shows.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from threading import Lock

import numpy as np
from django.core.cache import cache
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from techbridge.market.domain.ranking import keyword_condition
from techbridge.market.enums import ListingKind
from techbridge.market.models import Listing
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.nearest import Nearest, nearest_listing_ids
from techbridge.matching.domain.vector_index import ann_threshold, pool_language, statistics_path
from techbridge.matching.models import ListingVector
from techbridge_core.matching import Vectors
from techbridge_core.matching.catalogue_search import (
    ALL_LANGUAGES,
    MIN_POOL_SIZE,
    CatalogueStatistics,
    calibrated_similarities,
    catalogue_statistics,
    reciprocal_rank_fusion,
)
from techbridge_core.matching.embedder import symmetric_vectors
from techbridge_core.text import detect_language

logger = logging.getLogger(__name__)

SEMANTIC_CANDIDATES = 300
"""Raw nearest neighbours fetched before calibration: the query's own language crowds the first
places of a raw cosine order, so the other languages' best are found further down."""
SEMANTIC_LIMIT_PER_LANGUAGE = 20
"""At most this many listings of each language enter the results by meaning alone."""
SEMANTIC_Z_FLOOR = 2.0
"""Kept only when this many standard deviations above the pool's usual similarity to the query."""
LEXICAL_FUSION_DEPTH = 200
"""The newest lexical matches fused with the neighbours; further lexical matches follow, newest first."""
RECENT_SUPPLEMENT = 500
CROSS_LANGUAGE_WEIGHT = 1.2
"""Reciprocal-rank weight of each other language's neighbours against the query's own language
(lexical matches and its neighbours): word matches already serve the query's language, and the
raw similarity favours it (decision 0007), so a close translation should not wait behind
weaker same-language results."""
LISTING_LANGUAGE = {"zh": "zh-hans"}
"""The detector's language codes that differ from the codes listings are written in."""


class MatchingRanking:
    """One instance serves one request: the page and its facet counts rank the same query over
    the same visible listings, so the neighbours and the fused order are worked out once."""

    name = "matching"

    def __init__(self) -> None:
        self._ranked: dict[tuple[str, str], tuple[Q | None, list[int], list[int]]] = {}
        self._last_fused: dict[str, list[int]] = {}

    def rank(self, listings: QuerySet[Listing], *, query: str) -> QuerySet[Listing]:
        if not query.strip():
            return listings.none()
        condition, semantic, fused = self._ranking(listings, query)
        self._last_fused[query] = fused
        if not fused:
            return listings.none()
        matching = Q(pk__in=semantic)
        if condition is not None:
            matching |= condition
        return listings.filter(matching).order_by(fused_order(fused), "-published_at", "-id")

    def first_places(self, query: str) -> Sequence[int]:
        """The fused order: every fused listing matches, and they come first, in this order."""
        return self._last_fused.get(query, [])

    def _ranking(self, listings: QuerySet[Listing], query: str) -> tuple[Q | None, list[int], list[int]]:
        key = (query, _rows_key(listings))
        if key not in self._ranked:
            condition = keyword_condition(query)
            per_language = semantic_neighbours(listings, query=query)
            semantic = [pk for ranking in per_language.values() for pk in ranking]
            lexical = (
                list(
                    listings.filter(condition)
                    .order_by("-published_at", "-id")
                    .values_list("pk", flat=True)[:LEXICAL_FUSION_DEPTH]
                )
                if condition is not None
                else []
            )
            self._ranked[key] = (
                condition,
                semantic,
                _fuse(lexical, per_language, query_pool=_query_pool(query)),
            )
        return self._ranked[key]


def _rows_key(listings: QuerySet[Listing]) -> str:
    """Which rows a queryset holds (its WHERE and joins), whatever it annotates or orders by."""
    sql, params = listings.order_by().values_list("pk").query.sql_with_params()
    return sql + repr(params)


def fused_order(fused: Sequence[int]) -> Case:
    """Each fused listing's place, the rest after them. The inner CASE runs only for the few
    fused rows: one flat CASE of a few hundred branches, evaluated for every matching row of a
    large catalogue, cost the search page more than reading the rows (SQLite, 100,000 listings)."""
    rest = Value(len(fused))
    places = Case(
        *(When(pk=pk, then=Value(place)) for place, pk in enumerate(fused)),
        default=rest,
        output_field=IntegerField(),
    )
    return Case(When(pk__in=fused, then=places), default=rest, output_field=IntegerField())


def _query_pool(query: str) -> str:
    """The calibration pool of the query's language (the listings' language codes)."""
    language = detect_language(query)
    return LISTING_LANGUAGE.get(language, language)


def _fuse(lexical: list[int], per_language: dict[str, list[int]], *, query_pool: str) -> list[int]:
    """Word matches count only inside the query's language (decision 0007: lexical evidence
    across languages re-creates the bias): they are fused with that language's neighbours
    first; then each language's ranking takes turns by reciprocal rank."""
    own = reciprocal_rank_fusion([lexical, per_language.get(query_pool, [])])
    others = [ranking for pool, ranking in per_language.items() if pool != query_pool]
    return reciprocal_rank_fusion([own, *others], weights=[1.0, *(CROSS_LANGUAGE_WEIGHT for _ in others)])


QUERY_VECTOR_TIMEOUT = 24 * 3600


def _query_vector(model_name: str, query: str) -> Vectors:
    """The query's vector, both e5 roles averaged (`symmetric_vectors`: a search query and a
    listing title are peers, decision 0007), cached per normalised query and model in this
    process and in the Django cache (shared by the web processes), so only a new query pays
    for the model."""
    text = " ".join(query.split())
    local = _local_vectors.get((model_name, text))
    if local is not None:
        return local
    key = "search-query-vector:" + hashlib.sha256(f"{model_name}\0{text}".encode()).hexdigest()
    stored = cache.get(key)
    if isinstance(stored, bytes) and len(stored) % 4 == 0 and stored:
        vector = np.frombuffer(stored, dtype=np.float32)
    else:
        vector = symmetric_vectors(get_embedder(), [text])[0].astype(np.float32)
        cache.set(key, vector.tobytes(), QUERY_VECTOR_TIMEOUT)
    vector.setflags(write=False)
    if len(_local_vectors) >= LOCAL_VECTOR_CACHE:
        _local_vectors.pop(next(iter(_local_vectors)))
    _local_vectors[(model_name, text)] = vector
    return vector


LOCAL_VECTOR_CACHE = 512
_local_vectors: dict[tuple[str, str], Vectors] = {}


def semantic_neighbours(listings: QuerySet[Listing], *, query: str) -> dict[str, list[int]]:
    """Per language pool, ids of the visible listings nearest in meaning to `query`, best first,
    above the floor. Fused as separate rankings, each language's best stand near the top of
    the results: the raw similarity of the query's own language outweighs a better
    translation otherwise (decision 0007)."""
    model_name = get_embedder().name
    vector = _query_vector(model_name, query.strip())
    stored = catalogue_statistics_for(model_name)
    vectors = search_vectors(vector, stored, query_pool=_query_pool(query))
    rows = _candidate_rows(listings, vectors, model_name=model_name)
    if not rows:
        return {}
    statistics = stored if stored is not None and stored.pool(ALL_LANGUAGES) else _statistics_of(rows)
    ids = np.fromiter((pk for pk, _, _ in rows), dtype=np.int64, count=len(rows))
    matrix = np.stack([np.frombuffer(bytes(blob), dtype=np.float32) for _, _, blob in rows])
    pools = [pool_language(lang) for _, lang, _ in rows]
    scores = calibrated_similarities(vector, matrix, pools, statistics)
    rankings: dict[str, list[int]] = {}
    for i in np.argsort(-scores, kind="stable"):
        ranking = rankings.setdefault(pools[i], [])
        if scores[i] >= SEMANTIC_Z_FLOOR and len(ranking) < SEMANTIC_LIMIT_PER_LANGUAGE:
            ranking.append(int(ids[i]))
    return {pool: ranking for pool, ranking in rankings.items() if ranking}


Row = tuple[int, str, bytes]


def search_vectors(
    vector: Vectors, statistics: CatalogueStatistics | None, *, query_pool: str
) -> list[Vectors]:
    """The query, and for each other language of the catalogue the query moved into it (the
    query language's mean vector swapped for that language's, renormalised). Raw neighbours of
    the query alone are crowded by its own language (in a 2,000-listing sample, 13 % of the
    Hungarian queries' English translations were not among its 300 nearest); the moved query's
    neighbours are that language's nearest, whatever the catalogue's size."""
    vectors = [vector]
    if statistics is None:
        return vectors
    means = {pool: stats.mean for pool, stats in statistics.pools.items() if stats.count >= MIN_POOL_SIZE}
    source = means.get(query_pool, means.get(ALL_LANGUAGES))
    if source is None:
        return vectors
    for pool, mean in sorted(means.items()):
        if pool in (query_pool, ALL_LANGUAGES):
            continue
        moved = vector.astype(np.float64) - source + mean
        norm = float(np.linalg.norm(moved))
        if norm > 0:
            vectors.append((moved / norm).astype(np.float32))
    return vectors


def _candidate_rows(listings: QuerySet[Listing], vectors: Sequence[Vectors], *, model_name: str) -> list[Row]:
    """(pk, languages, vector) of the candidates, read through the visible queryset."""
    with_vectors = listings.filter(match_vector__model_name=model_name)
    columns = ("pk", "languages", "match_vector__vector")
    nearest = None
    for vector in vectors:
        found = nearest_listing_ids(
            vector, model_name=model_name, kinds=ListingKind.values, k=SEMANTIC_CANDIDATES
        )
        if found is None:
            nearest = None
            break
        nearest = found if nearest is None else Nearest([*nearest.ids, *found.ids], nearest.built_from)
    if nearest is None:
        if with_vectors.count() <= ann_threshold():
            return list(with_vectors.order_by().values_list(*columns))
        _warn_once_without_index(model_name)
        return list(with_vectors.order_by("-pk").values_list(*columns)[: ann_threshold()])
    wanted = set(nearest.ids)
    if nearest.built_from is not None:  # listings embedded since the index was built
        recent = ListingVector.objects.filter(model_name=model_name, updated_at__gt=nearest.built_from)
        wanted.update(recent.order_by("-updated_at").values_list("listing_id", flat=True)[:RECENT_SUPPLEMENT])
    return list(with_vectors.filter(pk__in=wanted).order_by().values_list(*columns))


def _statistics_of(rows: Sequence[Row]) -> CatalogueStatistics:
    """Without stored statistics (no index built yet): those of the rows at hand."""
    matrix = np.stack([np.frombuffer(bytes(blob), dtype=np.float32) for _, _, blob in rows])
    return catalogue_statistics(matrix, [pool_language(lang) for _, lang, _ in rows])


_statistics_cache: dict[Path, tuple[float, CatalogueStatistics]] = {}
_statistics_lock = Lock()
_warned: set[str] = set()


def catalogue_statistics_for(model_name: str) -> CatalogueStatistics | None:
    """The statistics the indexing job stored for `model_name`, reloaded when the file changes."""
    path = statistics_path(model_name)
    try:
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return None
    with _statistics_lock:
        cached = _statistics_cache.get(path)
        if cached is not None and cached[0] == modified:
            return cached[1]
    statistics = CatalogueStatistics.load(path)
    with _statistics_lock:
        _statistics_cache[path] = (modified, statistics)
    return statistics


def _warn_once_without_index(model_name: str) -> None:
    if model_name not in _warned:
        _warned.add(model_name)
        logger.warning("market search: no published ANN index for %s; newest listings only", model_name)
