"""Saving an index to a directory and opening it, read-only and shared, elsewhere.

Layout: `manifest.json` names the current generation; each generation's arrays are
`g<N>.ids.npy`, `g<N>.alive.npy` and `g<N>.vectors.npy` (exact), or
`g<N>.ivf.faiss` + `g<N>.vectors.npy` (inverted lists), or `g<N>.hnsw.faiss`. A save writes the new generation's files first and then swaps the
manifest with an atomic rename, so a reader sees the old or the new index, never a
mix. The previous generation is kept for readers that read the old manifest just
before the swap.

What a read-only process holds: ids and tombstones memory-mapped (numpy), the float
vectors memory-mapped (numpy for exact and inverted lists; faiss IO_FLAG_MMAP_IFC for
HNSW), so the 1.5 GB of a 1M x 384 index sit once in the page cache for all
processes; the inverted lists' 8-bit codes are memory-mapped too (IO_FLAG_MMAP, 384 MB
at 1M); the HNSW neighbour lists are loaded privately (n * M * 8 bytes: 130 MB at 1M, M=16).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

import numpy as np

from techbridge_core.ann.hnsw import HnswGraph, HnswSettings
from techbridge_core.ann.index import IndexSettings, IndexState, VectorIndex
from techbridge_core.ann.ivf import IvfLists, IvfSettings

MANIFEST = "manifest.json"
# Saved so that readers switch between exact and approximate search where the writer does.
_THRESHOLDS = ("exact_below", "exact_filter_below", "compact_dead_fraction", "widen_attempts")
FORMAT_VERSION = 1


def read_manifest(directory: Path) -> dict[str, Any] | None:
    path = directory / MANIFEST
    if not path.exists():
        return None
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def _atomic_write_npy(path: Path, array: np.ndarray[Any, Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        np.save(handle, array)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def save_index(
    index: VectorIndex, directory: Path, *, watermark: int | None = None, complete: bool = True
) -> int:
    """Write a new generation and publish it; returns the generation number."""
    directory.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(directory)
    generation = (previous["generation"] + 1) if previous else 1
    stem = directory / f"g{generation}"
    state = index.state
    _atomic_write_npy(stem.with_suffix(".ids.npy"), state.ids)
    _atomic_write_npy(stem.with_suffix(".alive.npy"), state.alive)
    if isinstance(state.graph, IvfLists):
        codes, vectors = stem.with_suffix(".ivf.faiss"), stem.with_suffix(".vectors.npy")
        state.graph.save(_temporary(codes), _temporary(vectors))
        _temporary(codes).replace(codes)
        _temporary(vectors).replace(vectors)
    elif state.graph is not None:
        graph_path = stem.with_suffix(".hnsw.faiss")
        state.graph.save(_temporary(graph_path))
        _temporary(graph_path).replace(graph_path)
    else:
        _atomic_write_npy(stem.with_suffix(".vectors.npy"), state.exact_vectors)
    manifest = {
        "format": FORMAT_VERSION,
        "generation": generation,
        "dimension": state.dimension,
        "kind": _kind(state.graph),
        "backend": index.settings.backend,
        "rows": len(state.ids),
        "live": len(index),
        "watermark": watermark,
        "complete": complete,
        "hnsw": asdict(index.settings.hnsw),
        "ivf": asdict(index.settings.ivf),
        "thresholds": {name: getattr(index.settings, name) for name in _THRESHOLDS},
    }
    temporary = directory / (MANIFEST + ".tmp")
    temporary.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    temporary.replace(directory / MANIFEST)
    _remove_generations_before(directory, generation - 1)
    return generation


def _temporary(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")


def _kind(graph: IvfLists | HnswGraph | None) -> str:
    if graph is None:
        return "exact"
    return "ivf" if isinstance(graph, IvfLists) else "hnsw"


def _remove_generations_before(directory: Path, oldest_kept: int) -> None:
    for path in directory.glob("g*.*"):
        number = path.name[1:].split(".", 1)[0]
        if number.isdigit() and int(number) < oldest_kept:
            path.unlink(missing_ok=True)


def open_index(
    directory: Path, *, writable: bool = False, settings: IndexSettings | None = None
) -> VectorIndex:
    """Open the published generation; read-only opens memory-map instead of loading."""
    manifest = read_manifest(directory)
    if manifest is None:
        msg = f"no vector index in {directory}"
        raise FileNotFoundError(msg)
    hnsw = HnswSettings(**manifest["hnsw"])
    ivf = IvfSettings(**manifest.get("ivf", {}))
    chosen = settings or IndexSettings(
        backend=manifest.get("backend", "hnsw"), ivf=ivf, hnsw=hnsw, **manifest.get("thresholds", {})
    )
    stem = directory / f"g{manifest['generation']}"
    mode: Literal["r"] | None = None if writable else "r"
    ids = np.load(stem.with_suffix(".ids.npy"), mmap_mode=mode)
    alive = np.load(stem.with_suffix(".alive.npy"), mmap_mode=mode)
    dimension = int(manifest["dimension"])
    graph: IvfLists | HnswGraph | None
    # Search-time settings (probes, rerank, ef_search) are the caller's; the structure
    # (cells, M, efConstruction) is whatever the saved index was built with.
    if manifest["kind"] == "ivf":
        graph = IvfLists.load(
            stem.with_suffix(".ivf.faiss"),
            stem.with_suffix(".vectors.npy"),
            chosen.ivf,
            memory_map=not writable,
        )
        vectors = np.zeros((0, dimension), dtype=np.float32)
    elif manifest["kind"] == "hnsw":
        graph = HnswGraph.load(stem.with_suffix(".hnsw.faiss"), chosen.hnsw, memory_map=not writable)
        vectors = np.zeros((0, dimension), dtype=np.float32)
    else:
        graph = None
        vectors = np.load(stem.with_suffix(".vectors.npy"), mmap_mode=mode)
    state = IndexState(dimension, ids, alive, vectors, graph)
    return VectorIndex(state, settings=chosen, read_only=not writable)


def published_generation(directory: Path) -> int | None:
    """Readers poll this to notice that a writer published a newer index."""
    manifest = read_manifest(directory)
    return None if manifest is None else int(manifest["generation"])
