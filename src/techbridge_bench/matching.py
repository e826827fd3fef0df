"""`techbridge-bench matching`: BM25 alone, the embedding model alone and techbridge's
ranking (`techbridge_core.matching.rank`), measured in one run on the same data.

Two modes:
- `--data DIR` (BEIR layout: corpus.jsonl, queries.jsonl, qrels/*.tsv): nDCG@10,
  recall@10, recall@100 and per-query latency;
- `--tatoeba DIR` or `--pairs FILE`: cross-lingual known-item retrieval (top-1 both ways)
  and `beats_same_language`, the share of queries whose translation beats every
  same-language distractor in a pool mixing both languages; over all pairs and over a
  dev half (even ids, where choices are made) and a test half (odd ids). The model
  baseline is e5's `query:` cosine; `embedding_both_roles` is the raw cosine of the
  vectors a symmetric pool holds (both roles averaged), before any calibration.

Corpus embeddings are cached under `var/cache/embeddings` (model name + text hash).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from techbridge_core.matching import (
    CandidatePool,
    Embedder,
    EmbeddingRole,
    MatchDocument,
    Query,
    RankingSettings,
    Vectors,
    prepare_pool,
    rank,
)
from techbridge_core.matching.bm25 import build_bm25
from techbridge_core.matching.ranking import score_candidates
from techbridge_core.text import tokenise

CACHE_DIR = Path("var/cache/embeddings")
MODEL_DIR = Path("var/models")
_CACHE_CHUNK = 256
Ranked = list[tuple[str, float]]


class CachedEmbedder:
    """An `Embedder` that keeps vectors on disk, keyed by model, role and text hash."""

    def __init__(self, embedder: Embedder, directory: Path) -> None:
        self._embedder = embedder
        self._directory = directory
        self._vectors: dict[str, Vectors] = {}
        for path in directory.glob(f"{self._file_stem()}-*.npz"):
            with np.load(path) as stored:
                self._vectors.update(zip(stored["keys"].tolist(), stored["vectors"], strict=True))

    @property
    def name(self) -> str:
        return self._embedder.name

    @property
    def uncached(self) -> Embedder:
        """The wrapped model: query embeddings are timed on it, never served from disk."""
        return self._embedder

    @property
    def dimension(self) -> int:
        return self._embedder.dimension

    def _file_stem(self) -> str:
        return "".join(c if c.isalnum() or c in "-_." else "_" for c in self.name)

    def _key(self, text: str, role: EmbeddingRole) -> str:
        return hashlib.sha256(f"{self.name}\0{role}\0{text}".encode()).hexdigest()

    def embed(self, texts: Sequence[str], *, role: EmbeddingRole) -> Vectors:
        keys = [self._key(text, role) for text in texts]
        missing = list({k: t for k, t in zip(keys, texts, strict=True) if k not in self._vectors})
        by_key = dict(zip(keys, texts, strict=True))
        for start in range(0, len(missing), _CACHE_CHUNK):
            chunk = missing[start : start + _CACHE_CHUNK]
            vectors = self._embedder.embed([by_key[k] for k in chunk], role=role)
            self._vectors.update(zip(chunk, vectors, strict=True))
            self._store(chunk, vectors)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def _store(self, keys: list[str], vectors: Vectors) -> None:
        self._directory.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256("".join(keys).encode()).hexdigest()[:16]
        path = self._directory / f"{self._file_stem()}-{digest}.npz"
        np.savez(path, keys=np.array(keys), vectors=vectors)


def _load_embedder(model: str) -> Embedder:
    if model == "e5":
        from techbridge_core.embedding.e5 import E5Embedder

        return E5Embedder(MODEL_DIR)
    from techbridge_core.embedding.use import UseEmbedder

    embedder: Embedder = UseEmbedder()
    return embedder


# --- BEIR retrieval ---------------------------------------------------------------


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _read_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            query_id, doc_id, score = line.split()
            if int(score) > 0:
                qrels.setdefault(query_id, {})[doc_id] = int(score)
    return qrels


def ndcg_at(ranked: Sequence[str], relevant: dict[str, int], k: int) -> float:
    dcg = sum(relevant.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum(gain / math.log2(i + 2) for i, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def recall_at(ranked: Sequence[str], relevant: dict[str, int], k: int) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def _summary(rankings: list[list[str]], qrels: list[dict[str, int]], times: list[float]) -> dict[str, float]:
    def mean(values: list[float]) -> float:
        return round(float(np.mean(values)), 4)

    return {
        "ndcg@10": mean([ndcg_at(r, q, 10) for r, q in zip(rankings, qrels, strict=True)]),
        "recall@10": mean([recall_at(r, q, 10) for r, q in zip(rankings, qrels, strict=True)]),
        "recall@100": mean([recall_at(r, q, 100) for r, q in zip(rankings, qrels, strict=True)]),
        "p50_ms": round(float(np.percentile(times, 50)) * 1000, 2),
        "p95_ms": round(float(np.percentile(times, 95)) * 1000, 2),
    }


def _top(ids: Sequence[str], scores: np.ndarray[Any, Any], k: int) -> list[str]:
    best = np.argpartition(-scores, min(k, scores.size - 1))[:k]
    return [ids[i] for i in best[np.argsort(-scores[best], kind="stable")]]


def _timed(run: Callable[[], list[str]]) -> tuple[list[str], float]:
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def run_beir(args: argparse.Namespace, embedder: CachedEmbedder, settings: RankingSettings) -> dict[str, Any]:
    data = Path(args.data)
    qrels_path = Path(args.qrels) if args.qrels else data / "qrels" / "test.tsv"
    if not qrels_path.exists():
        qrels_path = data / "qrels" / "train.tsv"
    qrels = _read_qrels(qrels_path)
    documents = [
        MatchDocument(
            id=str(row["_id"]),
            kind="offer",
            fields=(("title", row.get("title", "")), ("description", row["text"])),
        )
        for row in _read_jsonl(data / "corpus.jsonl")
    ]
    queries = [row for row in _read_jsonl(data / "queries.jsonl") if str(row["_id"]) in qrels]
    queries = queries[: args.limit_queries] if args.limit_queries else queries
    pool = prepare_pool(documents, embedder=embedder, field_weights=args.field_weights)
    plain_bm25 = build_bm25(
        [
            [t.term for t in tokenise(d.text, language=lang)]
            for d, lang in zip(documents, pool.languages, strict=True)
        ]
    )
    ids = [d.id for d in documents]
    results: dict[str, tuple[list[list[str]], list[float]]] = {
        n: ([], []) for n in ("bm25", "embedding", "techbridge")
    }
    for row in queries:
        text = str(row["text"])

        def bm25_run(text: str = text) -> list[str]:
            return _top(ids, plain_bm25.scores([t.term for t in tokenise(text)]), 100)

        start = time.perf_counter()
        vector = embedder.uncached.embed([text], role="query")[0]
        embed_seconds = time.perf_counter() - start

        def embedding_run(vector: Vectors = vector) -> list[str]:
            return _top(ids, (pool.vectors @ vector).astype(np.float64), 100)

        def techbridge_run(text: str = text, vector: Vectors = vector) -> list[str]:
            query = Query(fields=(("description", text),))
            return [
                m.id for m in rank(query, pool, embedder=embedder, query_vector=vector, settings=settings)
            ]

        for name, run, extra in (
            ("bm25", bm25_run, 0.0),
            ("embedding", embedding_run, embed_seconds),
            ("techbridge", techbridge_run, embed_seconds),
        ):
            ranked, seconds = _timed(run)
            results[name][0].append(ranked)
            results[name][1].append(seconds + extra)
    judged = [qrels[str(row["_id"])] for row in queries]
    report: dict[str, Any] = {name: _summary(r, judged, t) for name, (r, t) in results.items()}
    report["setup"] = {
        "qrels": str(qrels_path),
        "queries": len(queries),
        "documents": len(documents),
        "model": embedder.name,
        "languages": {lang: pool.languages.count(lang) for lang in set(pool.languages)},
    }
    return report


# --- cross-lingual known-item retrieval -----------------------------------------------

Pair = tuple[str, str, str]  # id, source-language text, English text


def _tatoeba_pairs(directory: Path) -> dict[str, list[Pair]]:
    sets: dict[str, list[Pair]] = {}
    for english_path in sorted(directory.glob("*.eng")):
        source_path = next(p for p in directory.glob(f"{english_path.stem}.*") if p.suffix != ".eng")
        sources = source_path.read_text(encoding="utf-8").splitlines()
        english = english_path.read_text(encoding="utf-8").splitlines()
        sets[source_path.suffix[1:]] = [
            (str(i), s, e) for i, (s, e) in enumerate(zip(sources, english, strict=True))
        ]
    return sets


def _jsonl_pairs(path: Path) -> dict[str, list[Pair]]:
    return {path.stem: [(str(r["id"]), str(r["src"]), str(r["en"])) for r in _read_jsonl(path)]}


def _documents(pairs: Sequence[Pair], side: int, prefix: str) -> list[MatchDocument]:
    return [
        MatchDocument(id=f"{prefix}{pair[0]}", kind="offer", fields=(("description", pair[side]),))
        for pair in pairs
    ]


class _KnownItemScorer:
    """One method's scores for a listing of the mixed pool against (part of) that pool.

    The pool holds both languages, as the platform's catalogue does; the top-1 figures
    restrict the candidates to the other language with `allowed_ids`.
    """

    def __init__(
        self, pool: CandidatePool, embedder: Embedder, settings: RankingSettings, plain_vectors: Vectors
    ) -> None:
        self.pool = pool
        self.plain_vectors = plain_vectors  # the model's own `query:` vectors: the baseline
        self.ids = [d.id for d in pool.documents]
        self.embedder = embedder
        self.settings = settings

    def scores(self, method: str, row: int, allowed: frozenset[str] | None) -> dict[str, float]:
        document = self.pool.documents[row]
        if method == "techbridge":
            query = Query(fields=document.fields, exclude_ids=frozenset({document.id}))
            scored = score_candidates(
                query,
                self.pool,
                embedder=self.embedder,
                allowed_ids=allowed,
                query_vector=self.pool.vectors[row],
                settings=self.settings,
            )
            return dict(zip(scored.ids, scored.totals.tolist(), strict=True))
        if method == "bm25":
            terms = [t.term for _, tokens in self.pool.tokens[row] for t in tokens]
            values = self.pool.bm25.scores(terms)
        elif method == "embedding_both_roles":  # the pool's averaged vectors, no calibration
            values = (self.pool.vectors @ self.pool.vectors[row]).astype(np.float64)
        else:
            values = (self.plain_vectors @ self.plain_vectors[row]).astype(np.float64)
        return {
            i: float(v)
            for i, v in zip(self.ids, values, strict=True)
            if i != document.id and (allowed is None or i in allowed)
        }


def _known_item(scorer: _KnownItemScorer, method: str, size: int) -> dict[str, Any]:
    """Figures over all pairs, and over the dev (even ids) and test (odd ids) halves:
    choices are made on dev; test is reported to show they were not fitted to it."""
    top1 = {"src": np.zeros(size, dtype=bool), "en": np.zeros(size, dtype=bool)}
    beats = {"src": np.zeros(size, dtype=bool), "en": np.zeros(size, dtype=bool)}
    # The pool holds the source sides first, then the English sides; ids are any strings.
    side_ids = {"src": frozenset(scorer.ids[:size]), "en": frozenset(scorer.ids[size : 2 * size])}
    for row in range(size):
        for side, other, offset in (("src", "en", 0), ("en", "src", size)):
            target_id = scorer.ids[row + size - offset]
            scores = scorer.scores(method, row + offset, side_ids[other])
            best = max(scores, key=lambda i: scores[i])
            top1[side][row] = best == target_id and scores[best] > min(scores.values())
            mixed = scorer.scores(method, row + offset, None)
            rivals = [s for i, s in mixed.items() if i in side_ids[side]]
            beats[side][row] = mixed.get(target_id, -math.inf) > max(rivals, default=-math.inf)
    figures = _known_item_figures(top1, beats, np.ones(size, dtype=bool))
    figures["dev_even_ids"] = _known_item_figures(top1, beats, np.arange(size) % 2 == 0)
    figures["test_odd_ids"] = _known_item_figures(top1, beats, np.arange(size) % 2 == 1)
    return figures


def _known_item_figures(
    top1: dict[str, np.ndarray[Any, Any]], beats: dict[str, np.ndarray[Any, Any]], rows: np.ndarray[Any, Any]
) -> dict[str, Any]:
    def share(hits: np.ndarray[Any, Any]) -> float:
        return round(float(hits[rows].mean()), 4)

    return {
        "top1_src_to_en": share(top1["src"]),
        "top1_en_to_src": share(top1["en"]),
        "beats_same_language": round((share(beats["src"]) + share(beats["en"])) / 2, 4),
        "beats_same_language_src_query": share(beats["src"]),
        "beats_same_language_en_query": share(beats["en"]),
    }


def run_cross_lingual(
    args: argparse.Namespace, embedder: Embedder, settings: RankingSettings
) -> dict[str, Any]:
    sets = _tatoeba_pairs(Path(args.tatoeba)) if args.tatoeba else _jsonl_pairs(Path(args.pairs))
    whole = RankingSettings(
        fusion=settings.fusion,
        calibration=settings.calibration,
        explain_top=0,
        limit=1_000_000,
        max_per_organisation=None,
    )
    report: dict[str, Any] = {"bm25": {}, "embedding": {}, "embedding_both_roles": {}, "techbridge": {}}
    for name, all_pairs in sets.items():
        pairs = all_pairs[: args.limit_queries] if args.limit_queries else all_pairs
        documents = _documents(pairs, 1, "src:") + _documents(pairs, 2, "en:")
        # Translations are symmetric: a `query`-role pool (both e5 roles averaged).
        pool = prepare_pool(documents, embedder=embedder, role="query")
        plain = embedder.embed([text for d in documents for _, text in d.fields], role="query")
        scorer = _KnownItemScorer(pool, embedder, whole, plain)
        for method, figures in report.items():
            figures[name] = _known_item(scorer, method, len(pairs))
    report["setup"] = {"model": embedder.name, "sets": {n: len(p) for n, p in sets.items()}}
    return report


# --- command line ---------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    from techbridge_core.matching import FusionWeights
    from techbridge_core.matching.calibration import CalibrationSettings
    from techbridge_core.text import DEFAULT_FIELD_WEIGHTS

    args.field_weights = {**DEFAULT_FIELD_WEIGHTS, "title": args.title_weight}
    embedder = CachedEmbedder(_load_embedder(args.model), Path(args.cache))
    calibration = (
        CalibrationSettings(per_language_pools=False, align_symmetric_pools=False)
        if args.no_calibration
        else CalibrationSettings(hubness_weight=args.hubness_weight)
    )
    settings = RankingSettings(
        fusion=FusionWeights(lexical=args.lexical_weight, semantic=1.0), calibration=calibration
    )
    if args.data:
        report = run_beir(args, embedder, settings)
    elif args.tatoeba or args.pairs:
        report = run_cross_lingual(args, embedder, settings)
    else:
        print("give --data DIR, --tatoeba DIR or --pairs FILE")
        return 2
    print(json.dumps(report, ensure_ascii=False))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("matching", help=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", help="BEIR-layout directory (corpus.jsonl, queries.jsonl, qrels/)")
    parser.add_argument("--qrels", help="qrels TSV (default: qrels/test.tsv, else train.tsv)")
    parser.add_argument("--tatoeba", help="directory of Tatoeba .eng / .cmn / .hun line-aligned files")
    parser.add_argument("--pairs", help='JSON lines {"id","src","en"}')
    parser.add_argument("--model", default="e5", choices=("e5", "use"))
    parser.add_argument("--cache", default=str(CACHE_DIR), help="embedding cache directory")
    parser.add_argument("--limit-queries", type=int, default=0, help="only the first N queries")
    parser.add_argument("--lexical-weight", type=float, default=RankingSettings().fusion.lexical)
    parser.add_argument("--title-weight", type=int, default=3)
    parser.add_argument("--hubness-weight", type=float, default=1.0)
    parser.add_argument("--no-calibration", action="store_true", help="one pool for all languages")
    parser.set_defaults(run=run)
