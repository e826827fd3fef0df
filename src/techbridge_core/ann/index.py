"""A nearest-neighbour index over unit vectors keyed by integer ids.

Below `exact_below` live rows it is a numpy matrix searched exactly; at that size it
switches to an approximate backend: inverted lists with exact re-ranking (`ivf`, the
default) or an HNSW graph (`hnsw`). Rows are appended only: removing or replacing an id leaves
a tombstone (filtered out during search) until enough of them trigger a compaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from techbridge_core.ann.exact import MISSING_ID, Ids, Matrix, Scores, exact_top_k
from techbridge_core.ann.hnsw import HnswGraph, HnswSettings
from techbridge_core.ann.ivf import IvfLists, IvfSettings

BackendName = Literal["ivf", "hnsw"]
Backend = IvfLists | HnswGraph


@dataclass(frozen=True)
class IndexSettings:
    exact_below: int = 50_000  # numpy answers a query over 50k x 384 in a few ms
    exact_filter_below: int = 20_000  # a filter this selective is cheaper exactly
    compact_dead_fraction: float = 0.25
    backend: BackendName = "ivf"
    ivf: IvfSettings = field(default_factory=IvfSettings)
    hnsw: HnswSettings = field(default_factory=HnswSettings)
    widen_attempts: int = 3  # probes/ef x4 each time before falling back to exact


class SearchResult(NamedTuple):
    ids: Ids  # (queries, k); MISSING_ID where fewer than k rows qualify
    scores: Scores  # (queries, k); -inf where the id is missing


@dataclass
class IndexState:
    """Row-aligned arrays shared with the persistence code; positions never move."""

    dimension: int
    ids: Ids
    alive: npt.NDArray[np.bool_]
    exact_vectors: Matrix  # rows while no graph exists, else empty
    graph: Backend | None = None

    def vectors(self) -> Matrix:
        return self.graph.vectors() if self.graph is not None else self.exact_vectors


def empty_state(dimension: int) -> IndexState:
    return IndexState(
        dimension,
        np.zeros(0, dtype=np.int64),
        np.zeros(0, dtype=np.bool_),
        np.zeros((0, dimension), dtype=np.float32),
    )


class VectorIndex:
    def __init__(self, state: IndexState, *, settings: IndexSettings, read_only: bool = False) -> None:
        self.state = state
        self.settings = settings
        self.read_only = read_only
        self._lookup: tuple[Ids, Ids] | None = None  # (alive positions by id, sorted ids)

    @classmethod
    def create(cls, dimension: int, *, settings: IndexSettings | None = None) -> VectorIndex:
        return cls(empty_state(dimension), settings=settings or IndexSettings())

    def __len__(self) -> int:
        return int(self.state.alive.sum())

    @property
    def uses_graph(self) -> bool:
        return self.state.graph is not None

    def live_ids(self) -> Ids:
        return self.state.ids[self.state.alive].copy()

    def add(self, ids: Ids, vectors: Matrix) -> None:
        """Insert rows; an id already present is replaced."""
        self._require_writable()
        ids = np.asarray(ids, dtype=np.int64)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.state.dimension)
        if len(np.unique(ids)) != len(ids):
            msg = "ids passed to add() must be distinct"
            raise ValueError(msg)
        self._tombstone(ids)
        state = self.state
        state.ids = np.concatenate([state.ids, ids])
        state.alive = np.concatenate([state.alive, np.ones(len(ids), dtype=np.bool_)])
        if state.graph is not None:
            state.graph.add(vectors)
        else:
            state.exact_vectors = np.concatenate([state.exact_vectors, vectors])
            if len(self) >= self.settings.exact_below:
                self._rebuild(graph=True)

    def remove(self, ids: Ids) -> None:
        self._require_writable()
        self._tombstone(np.asarray(ids, dtype=np.int64))
        dead = len(self.state.alive) - len(self)
        if dead > self.settings.compact_dead_fraction * max(len(self.state.alive), 1):
            self._rebuild(graph=len(self) >= self.settings.exact_below)

    def search(self, queries: Matrix, k: int, *, allowed_ids: Ids | None = None) -> SearchResult:
        """Top `k` live rows per query, optionally only among `allowed_ids`.

        A row has fewer than k ids only when fewer than k live rows are allowed.
        """
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        allowed = self.state.alive.copy()
        if allowed_ids is not None:
            allowed = np.zeros_like(allowed)
            allowed[self.positions_of(np.asarray(allowed_ids, dtype=np.int64))] = True
        candidates = int(allowed.sum())
        graph = self.state.graph
        if graph is None or candidates <= self.settings.exact_filter_below:
            positions, scores = exact_top_k(self.state.vectors(), np.flatnonzero(allowed), queries, k)
        else:
            everything_allowed = candidates == len(allowed)
            positions, scores = self._graph_search(
                graph, queries, k, None if everything_allowed else allowed, candidates
            )
        return SearchResult(self._to_ids(positions), scores)

    def positions_of(self, ids: Ids) -> Ids:
        """Positions of the live rows holding `ids` (unknown ids are skipped)."""
        if self._lookup is None:
            live = np.flatnonzero(self.state.alive)
            order = np.argsort(self.state.ids[live], kind="stable")
            self._lookup = (live[order], self.state.ids[live][order])
        positions, sorted_ids = self._lookup
        slots = np.searchsorted(sorted_ids, ids)
        in_range = slots < len(sorted_ids)
        slots = slots[in_range]
        found: Ids = positions[slots[sorted_ids[slots] == ids[in_range]]]
        return found

    def _graph_search(
        self,
        graph: Backend,
        queries: Matrix,
        k: int,
        allowed: npt.NDArray[np.bool_] | None,
        candidates: int,
    ) -> tuple[Ids, Scores]:
        dead = len(self.state.alive) - len(self)
        mask = allowed if allowed is not None else (self.state.alive if dead else None)
        expected = min(k, candidates)
        effort = graph.initial_effort
        positions, scores = graph.search(queries, k, allowed=mask, effort=effort)
        for _ in range(self.settings.widen_attempts):
            short = (positions != MISSING_ID).sum(axis=1) < expected
            if not short.any():
                return positions, scores
            effort *= 4  # a selective filter starves the search: look further
            positions[short], scores[short] = graph.search(queries[short], k, allowed=mask, effort=effort)
        short = (positions != MISSING_ID).sum(axis=1) < expected
        if short.any():
            pool = np.flatnonzero(mask if mask is not None else self.state.alive)
            positions[short], scores[short] = exact_top_k(graph.vectors(), pool, queries[short], k)
        return positions, scores

    def _to_ids(self, positions: Ids) -> Ids:
        ids = self.state.ids[np.maximum(positions, 0)]
        mapped: Ids = np.where(positions == MISSING_ID, MISSING_ID, ids).astype(np.int64)
        return mapped

    def _tombstone(self, ids: Ids) -> None:
        positions = self.positions_of(ids)
        if len(positions):
            self.state.alive[positions] = False
        self._lookup = None

    def _rebuild(self, *, graph: bool) -> None:
        """Drop tombstones and renumber; build (or retrain) the approximate backend when asked to."""
        state = self.state
        live = np.flatnonzero(state.alive)
        vectors = np.ascontiguousarray(state.vectors()[live])
        rebuilt = empty_state(state.dimension)
        rebuilt.ids, rebuilt.alive = state.ids[live], np.ones(len(live), dtype=np.bool_)
        if graph and self.settings.backend == "ivf":
            rebuilt.graph = IvfLists.trained(vectors, self.settings.ivf)
        elif graph:
            rebuilt.graph = HnswGraph.empty(state.dimension, self.settings.hnsw)
            rebuilt.graph.add(vectors)
        else:
            rebuilt.exact_vectors = vectors
        self.state = rebuilt
        self._lookup = None

    def _require_writable(self) -> None:
        if self.read_only:
            msg = "this index was opened read-only"
            raise PermissionError(msg)
