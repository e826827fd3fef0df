from __future__ import annotations

import multiprocessing
from pathlib import Path

import numpy as np
import onnxruntime

from techbridge_core.embedding.e5_model_cache import ensure_e5_model


def _build(cache_dir: str, weights: str) -> str:
    return str(ensure_e5_model(Path(cache_dir), precision="int8", weights_path=Path(weights)))


def test_embedding_cache_second_load_does_not_rebuild(tmp_path: Path, tiny_weights: Path) -> None:
    first = ensure_e5_model(tmp_path / "models", precision="fp32", weights_path=tiny_weights)
    stamp = first.stat().st_mtime_ns
    second = ensure_e5_model(tmp_path / "models", precision="fp32", weights_path=tiny_weights)
    assert (second, second.stat().st_mtime_ns) == (first, stamp)


def test_embedding_cache_concurrent_builders_leave_one_valid_model(
    tmp_path: Path, tiny_weights: Path
) -> None:
    cache = tmp_path / "models"
    with multiprocessing.get_context("spawn").Pool(3) as pool:
        paths = pool.starmap(_build, [(str(cache), str(tiny_weights))] * 3)
    assert len(set(paths)) == 1
    assert sorted(p.name for p in cache.iterdir() if not p.name.endswith(".lock")) == [Path(paths[0]).name]
    session = onnxruntime.InferenceSession(paths[0], providers=["CPUExecutionProvider"])
    ids = np.array([[0, 4, 5, 6, 2]], dtype=np.int64)
    (pooled,) = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
    assert pooled.shape == (1, 32)
