from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from techbridge_core.ann import (
    HnswSettings,
    IndexSettings,
    IvfSettings,
    VectorIndex,
    open_index,
    save_index,
)
from techbridge_core.ann.exact import exact_top_k
from techbridge_core.ann.ivf import FloatRows

DIM = 16
# 32 cells, 12 visited per query: the inverted lists really are approximate here.
IVF = IndexSettings(exact_below=500, exact_filter_below=50, ivf=IvfSettings(cells=32, probes=12, rerank=40))
HNSW = IndexSettings(
    exact_below=500, exact_filter_below=50, backend="hnsw", hnsw=HnswSettings(m=8, ef_construction=40)
)
GRAPH = IVF


def unit_rows(count: int, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((count, DIM)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture(params=[IVF, HNSW], ids=["ivf", "hnsw"])
def graph_index(request: pytest.FixtureRequest) -> VectorIndex:
    index = VectorIndex.create(DIM, settings=request.param)
    index.add(np.arange(2000, dtype=np.int64) * 3, unit_rows(2000))
    return index


def test_ann_small_index_is_exact() -> None:
    index = VectorIndex.create(DIM)
    vectors = unit_rows(100)
    index.add(np.arange(100, dtype=np.int64) + 1000, vectors)
    positions, _ = exact_top_k(vectors, np.arange(100), vectors[:5], 3)
    assert not index.uses_graph
    np.testing.assert_array_equal(index.search(vectors[:5], 3).ids, positions + 1000)


def test_ann_graph_recall_against_exact(graph_index: VectorIndex) -> None:
    queries = unit_rows(50, seed=1)
    truth, _ = exact_top_k(unit_rows(2000), np.arange(2000), queries, 10)
    found = graph_index.search(queries, 10).ids
    recall = np.mean([len(set(f) & set(t * 3)) / 10 for f, t in zip(found, truth, strict=True)])
    assert graph_index.uses_graph
    assert recall >= 0.9


def test_ann_removed_ids_are_never_returned(graph_index: VectorIndex) -> None:
    vectors = unit_rows(2000)
    graph_index.remove(np.array([0, 3, 6]))
    assert len(graph_index) == 1997
    assert not {0, 3, 6} & set(graph_index.search(vectors[:3], 5).ids.ravel().tolist())


def test_ann_adding_an_existing_id_replaces_it() -> None:
    index = VectorIndex.create(DIM)
    first, second = unit_rows(2, seed=4)
    index.add(np.array([7]), first[None])
    index.add(np.array([7]), second[None])
    result = index.search(second[None], 5)
    assert (len(index), result.ids[0].tolist()) == (1, [7, -1, -1, -1, -1])


@pytest.mark.parametrize("allowed_count", [12, 60, 1200])
def test_ann_filtered_search_returns_k_allowed_results(graph_index: VectorIndex, allowed_count: int) -> None:
    allowed = np.arange(allowed_count, dtype=np.int64) * 3 * (2000 // allowed_count)
    result = graph_index.search(unit_rows(5, seed=2), 10, allowed_ids=allowed)
    assert (result.ids >= 0).sum(axis=1).tolist() == [10] * 5
    assert set(result.ids.ravel().tolist()) <= set(allowed.tolist())


def test_ann_filter_with_fewer_than_k_allowed_pads_with_missing(graph_index: VectorIndex) -> None:
    result = graph_index.search(unit_rows(1, seed=3), 5, allowed_ids=np.array([3, 6, 999_999]))
    assert sorted(result.ids[0].tolist()) == [-1, -1, -1, 3, 6]


@pytest.mark.parametrize("settings", [IndexSettings(), IVF, HNSW], ids=["exact", "ivf", "hnsw"])
def test_ann_persistence_round_trip(tmp_path: Path, settings: IndexSettings) -> None:
    index = VectorIndex.create(DIM, settings=settings)
    index.add(np.arange(1000, dtype=np.int64), unit_rows(1000))
    index.remove(np.array([5]))
    save_index(index, tmp_path / "idx")
    reopened = open_index(tmp_path / "idx")
    queries = unit_rows(4, seed=5)
    assert reopened.read_only
    assert len(reopened) == 999
    np.testing.assert_array_equal(reopened.search(queries, 5).ids, index.search(queries, 5).ids)
    with pytest.raises(PermissionError):
        reopened.add(np.array([5000]), queries[:1])


def test_ann_second_process_opens_read_only(tmp_path: Path, graph_index: VectorIndex) -> None:
    save_index(graph_index, tmp_path / "idx")
    query = unit_rows(1, seed=6)
    script = (
        "import sys, numpy as np; from pathlib import Path\n"
        "from techbridge_core.ann import open_index\n"
        "index = open_index(Path(sys.argv[1]))\n"
        "query = np.array([float(x) for x in sys.argv[2].split(',')], dtype=np.float32)\n"
        "print(index.read_only, ','.join(map(str, index.search(query, 5).ids[0])))\n"
    )
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, str(tmp_path / "idx"), ",".join(map(str, query[0]))],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = ",".join(map(str, graph_index.search(query, 5).ids[0]))
    assert completed.stdout.strip() == f"True {expected}"


def test_ann_save_publishes_new_generation_and_prunes_old(tmp_path: Path, graph_index: VectorIndex) -> None:
    for _ in range(3):
        save_index(graph_index, tmp_path / "idx")
    generations = {p.name.split(".")[0] for p in (tmp_path / "idx").glob("g*.*")}
    assert generations == {"g2", "g3"}


def test_ann_inverted_lists_read_only_open_memory_maps_the_float_vectors(tmp_path: Path) -> None:
    index = VectorIndex.create(DIM, settings=IVF)
    index.add(np.arange(1000, dtype=np.int64), unit_rows(1000))
    save_index(index, tmp_path / "idx")
    reopened = open_index(tmp_path / "idx")
    vectors = reopened.state.vectors()
    assert isinstance(vectors.base, np.memmap) or isinstance(vectors, np.memmap)
    assert not vectors.flags.writeable
    np.testing.assert_array_equal(vectors, unit_rows(1000))


def test_ann_inverted_lists_scores_are_exact_cosines(graph_index: VectorIndex) -> None:
    query = unit_rows(1, seed=8)
    result = graph_index.search(query, 5)
    stored = {int(i): v for i, v in zip(np.arange(2000) * 3, unit_rows(2000), strict=True)}
    expected = [float(stored[int(i)] @ query[0]) for i in result.ids[0]]
    np.testing.assert_allclose(result.scores[0], expected, rtol=1e-5)


def test_ann_compaction_retrains_the_cells_on_live_rows() -> None:
    index = VectorIndex.create(DIM, settings=IVF)
    index.add(np.arange(600, dtype=np.int64), unit_rows(600))
    assert index.state.graph is not None
    assert index.state.graph.size == 600
    index.add(np.arange(600, 3000, dtype=np.int64), unit_rows(2400, seed=9))
    index.remove(np.arange(1500, dtype=np.int64))  # over 25 % dead: compacted
    assert (len(index.state.ids), len(index)) == (1500, 1500)
    assert index.state.graph is not None
    assert index.state.graph.size == 1500
    assert set(index.search(unit_rows(3, seed=10), 10).ids.ravel().tolist()) <= set(range(1500, 3000))


def test_ann_float_rows_grow_without_losing_rows() -> None:
    rows = FloatRows.empty(DIM)
    for start in range(0, 100, 7):
        rows.append(unit_rows(100)[start : start + 7])
    np.testing.assert_array_equal(rows.view(), unit_rows(100))


@pytest.mark.parametrize("settings", [IVF, HNSW], ids=["ivf", "hnsw"])
def test_ann_reader_searches_with_its_own_effort(tmp_path: Path, settings: IndexSettings) -> None:
    index = VectorIndex.create(DIM, settings=settings)
    index.add(np.arange(2000, dtype=np.int64), unit_rows(2000))
    save_index(index, tmp_path / "idx")
    everything = IndexSettings(
        exact_below=500,
        exact_filter_below=50,
        backend=settings.backend,
        ivf=IvfSettings(probes=1000, rerank=2000),
        hnsw=HnswSettings(ef_search=2000),
    )
    reader = open_index(tmp_path / "idx", settings=everything)
    queries = unit_rows(20, seed=11)
    truth, _ = exact_top_k(unit_rows(2000), np.arange(2000), queries, 10)
    np.testing.assert_array_equal(reader.search(queries, 10).ids, truth)
