"""Exact top-k by inner product (vectors are unit length, so this is cosine)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Ids = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]
Matrix = npt.NDArray[np.float32]

MISSING_ID = -1
_ROWS_PER_BLOCK = 16_384  # bounds the temporary score matrix for large candidate sets


def exact_top_k(vectors: Matrix, positions: Ids, queries: Matrix, k: int) -> tuple[Ids, Scores]:
    """Best `k` of `vectors[positions]` per query; pads with -1 / -inf when fewer exist.

    Returns positions (not external ids) and scores, best first. Works block by
    block so a memory-mapped matrix is streamed rather than copied whole.
    """
    n_queries = queries.shape[0]
    best_positions = np.full((n_queries, 0), MISSING_ID, dtype=np.int64)
    best_scores = np.full((n_queries, 0), -np.inf, dtype=np.float32)
    for start in range(0, len(positions), _ROWS_PER_BLOCK):
        block = positions[start : start + _ROWS_PER_BLOCK]
        scores = queries @ _rows(vectors, block).T
        merged_scores = np.concatenate([best_scores, scores], axis=1)
        merged_positions = np.concatenate(
            [best_positions, np.broadcast_to(block, (n_queries, len(block)))], axis=1
        )
        keep = min(k, merged_scores.shape[1])
        top = np.argpartition(-merged_scores, keep - 1, axis=1)[:, :keep]
        best_scores = np.take_along_axis(merged_scores, top, axis=1)
        best_positions = np.take_along_axis(merged_positions, top, axis=1)
    order = np.argsort(-best_scores, axis=1, kind="stable")
    best_scores = np.take_along_axis(best_scores, order, axis=1)
    best_positions = np.take_along_axis(best_positions, order, axis=1)
    return _pad(best_positions, best_scores, k)


def _rows(vectors: Matrix, block: Ids) -> Matrix:
    # A run of consecutive positions (the unfiltered case) is a slice: no copy.
    if len(block) and block[-1] - block[0] == len(block) - 1:
        rows = vectors[block[0] : block[-1] + 1]
        # faiss's memory-mapped storage is not float-aligned; numpy's matmul then skips
        # BLAS and is ~10x slower than copying the block first.
        return rows if rows.flags.aligned else np.array(rows)
    return np.asarray(vectors[block], dtype=np.float32)


def _pad(positions: Ids, scores: Scores, k: int) -> tuple[Ids, Scores]:
    missing = k - positions.shape[1]
    if missing <= 0:
        return positions, scores.astype(np.float32)
    n_queries = positions.shape[0]
    padded_positions = np.full((n_queries, missing), MISSING_ID, dtype=np.int64)
    padded_scores = np.full((n_queries, missing), -np.inf, dtype=np.float32)
    return (
        np.concatenate([positions, padded_positions], axis=1),
        np.concatenate([scores, padded_scores], axis=1).astype(np.float32),
    )
