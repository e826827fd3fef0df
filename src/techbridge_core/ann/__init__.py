"""Nearest-neighbour search over embedding vectors: exact below a size, inverted lists (or HNSW) above."""

from techbridge_core.ann.build import BuildProgress, build_index
from techbridge_core.ann.hnsw import HnswSettings
from techbridge_core.ann.index import IndexSettings, SearchResult, VectorIndex
from techbridge_core.ann.ivf import IvfSettings
from techbridge_core.ann.store import open_index, published_generation, save_index

__all__ = [
    "BuildProgress",
    "HnswSettings",
    "IndexSettings",
    "IvfSettings",
    "SearchResult",
    "VectorIndex",
    "build_index",
    "open_index",
    "published_generation",
    "save_index",
]
