from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from techbridge_core.ann import BuildProgress, IndexSettings, build_index, open_index
from techbridge_core.ann.store import read_manifest

DIM = 8
ROWS = 600


def all_rows() -> tuple[np.ndarray, np.ndarray]:
    vectors = np.random.default_rng(0).standard_normal((ROWS, DIM)).astype(np.float32)
    return np.arange(ROWS, dtype=np.int64) * 2, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


class CrashError(RuntimeError):
    pass


def source(*, crash_after: int | None, asked: list[int | None]):  # type: ignore[no-untyped-def]
    ids, vectors = all_rows()

    def rows(watermark: int | None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        asked.append(watermark)
        start = 0 if watermark is None else int(np.searchsorted(ids, watermark, side="right"))
        for offset in range(start, ROWS, 50):
            if crash_after is not None and offset >= crash_after:
                raise CrashError
            yield ids[offset : offset + 50], vectors[offset : offset + 50]

    return rows


def test_ann_build_resumes_after_crash_from_watermark(tmp_path: Path) -> None:
    directory, asked = tmp_path / "idx", []
    settings = IndexSettings(exact_below=300)
    with pytest.raises(CrashError):
        build_index(
            directory,
            dimension=DIM,
            rows=source(crash_after=400, asked=asked),
            settings=settings,
            checkpoint_every=100,
        )
    assert read_manifest(directory)["complete"] is False
    progress: list[BuildProgress] = []
    index = build_index(
        directory,
        dimension=DIM,
        rows=source(crash_after=None, asked=asked),
        settings=settings,
        checkpoint_every=100,
        progress=progress.append,
    )
    assert asked == [None, 798]  # 400 rows checkpointed: ids 0..798
    assert progress[0].resumed_from == 798
    assert sorted(index.live_ids().tolist()) == all_rows()[0].tolist()
    reopened = open_index(directory)
    assert (len(reopened), reopened.uses_graph) == (ROWS, True)


def test_ann_build_of_complete_index_starts_over(tmp_path: Path) -> None:
    asked: list[int | None] = []
    for _ in range(2):
        build_index(tmp_path / "idx", dimension=DIM, rows=source(crash_after=None, asked=asked))
    assert asked == [None, None]
    assert read_manifest(tmp_path / "idx")["live"] == ROWS
