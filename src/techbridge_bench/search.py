"""`techbridge-bench search`: the market's search box across languages, beside substring search.

From parallel sentences (`--pairs FILE.jsonl`, lines `{"id", "src", "en"}`, ids any string) it
builds two published public listings per pair, each in one language (the source sentence, its
English translation), embeds them and builds the index with the platform's own jobs, then
searches the market as an anonymous visitor with each sentence's translation: the share of
queries whose listing is among the first 10 results, per direction, for the platform's search
(`techbridge`: the default "matching" backend, lexical + nearest neighbours fused) and for
plain substring search (`substring`: the "keyword" backend). The database is the one named by
`--database` (default: a fresh SQLite file); it must hold no listing. The last line printed is
one JSON object.

    techbridge-bench search --pairs var/eval/tatoeba-hun.jsonl [--database postgresql://...] \
        [--model-dir var/models] [--embedder e5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TOP = 10
SOURCE_LANGUAGES = {"cmn": "zh-hans", "zh": "zh-hans", "hun": "hu", "hu": "hu"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("search", help=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pairs", required=True, type=Path, help='JSON lines {"id","src","en"}')
    parser.add_argument(
        "--source-language", help="the src side's language code (default: from the file name)"
    )
    parser.add_argument("--database", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--data-dir", type=Path, help="data directory (default: a temporary one)")
    parser.add_argument("--model-dir", type=Path, help="a directory holding the built e5 model (saves ~20 s)")
    parser.add_argument("--embedder", default="e5", choices=("e5", "hashing"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    parser.set_defaults(run=run)


def _read_pairs(path: Path, limit: int) -> list[tuple[str, str, str]]:
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                pairs.append((str(row["id"]), str(row["src"]), str(row["en"])))
    return pairs[:limit] if limit else pairs


def _source_language(args: argparse.Namespace) -> str:
    if args.source_language:
        return str(args.source_language)
    for part in reversed(args.pairs.stem.replace("_", "-").replace(".", "-").split("-")):
        if part.lower() in SOURCE_LANGUAGES:
            return SOURCE_LANGUAGES[part.lower()]
    message = "cannot tell the source language from the file name: give --source-language"
    raise SystemExit(message)


def run(args: argparse.Namespace) -> int:
    pairs = _read_pairs(args.pairs, args.limit)
    language = _source_language(args)
    with tempfile.TemporaryDirectory(prefix="techbridge-search-bench-") as temporary:
        data_dir = args.data_dir or Path(temporary)
        if args.model_dir:
            (data_dir / "models").mkdir(parents=True, exist_ok=True)
            for built in args.model_dir.glob("*.onnx"):
                target = data_dir / "models" / built.name
                if not target.exists():
                    shutil.copyfile(built, target)
        os.environ.update(
            {
                "TECHBRIDGE_DATA_DIR": str(data_dir),
                "TECHBRIDGE_DATABASE_URL": args.database or f"sqlite:///{data_dir / 'bench.sqlite3'}",
                "TECHBRIDGE_TASKS_BACKEND": "immediate",
                "TECHBRIDGE_EMBEDDER": args.embedder,
                "TECHBRIDGE_DEBUG": "false",
                "DJANGO_SETTINGS_MODULE": "techbridge.settings",
            }
        )
        report = _measure(pairs, language, database=args.database or "sqlite (temporary file)")
    print(json.dumps(report, ensure_ascii=False))
    return 0


def _measure(pairs: Sequence[tuple[str, str, str]], language: str, *, database: str) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from techbridge.market.models import Listing

    if Listing.objects.exists():
        message = "the benchmark's database must hold no listing"
        raise SystemExit(message)
    began = time.perf_counter()
    ids = _create_listings(pairs, language)
    created_s = time.perf_counter() - began
    began = time.perf_counter()
    _index()
    indexed_s = time.perf_counter() - began
    report: dict[str, Any] = {
        "benchmark": "search",
        "database": database.rsplit("@", maxsplit=1)[-1],
        "pairs": len(pairs),
        "source_language": language,
        "create_s": round(created_s, 1),
        "embed_and_index_s": round(indexed_s, 1),
    }
    for backend in ("techbridge", "substring"):
        report[backend] = _searches(pairs, ids, backend)
    return report


def _create_listings(pairs: Sequence[tuple[str, str, str]], language: str) -> dict[str, list[int]]:
    """Per pair, a listing in the source language and one in English (bulk, as an import does)."""
    from datetime import timedelta

    from django.utils import timezone

    from techbridge.directory.models import Centre, Organisation
    from techbridge.market.domain.listings import fill_denormalised
    from techbridge.market.domain.search import bump_search_revision
    from techbridge.market.models import Listing

    centre = Centre.objects.create(slug="bench", name={"en": "Bench"}, country="HU", city="Budapest")
    owner = Organisation.objects.create(
        name={"en": "Bench Ltd"}, kind="enterprise", country="HU", centre=centre
    )
    now = timezone.now()
    rows = []
    for side, code in ((1, language), (2, "en")):
        for pair in pairs:
            listing = Listing(
                kind="offer",
                status="published",
                visibility="public",
                owner_organisation=owner,
                title={code: pair[side]},
                summary={},
                published_at=now,
                expires_at=now + timedelta(days=300),
            )
            fill_denormalised(listing)
            rows.append(listing)
    created = Listing.objects.bulk_create(rows, batch_size=1000)
    bump_search_revision()
    size = len(pairs)
    return {"src": [row.pk for row in created[:size]], "en": [row.pk for row in created[size:]]}


def _index() -> None:
    from techbridge.market.models import Listing
    from techbridge.matching.domain.indexing import build_listing_index, index_queryset

    index_queryset(Listing.objects.all(), batch_size=256)
    build_listing_index()


def _searches(
    pairs: Sequence[tuple[str, str, str]], ids: dict[str, list[int]], backend: str
) -> dict[str, Any]:
    from django.contrib.auth.models import AnonymousUser

    from techbridge.market.access import find_listings
    from techbridge.market.domain.ranking import ranking_backend
    from techbridge.market.domain.search import ListingFilters

    ranking = ranking_backend("matching" if backend == "techbridge" else "keyword")
    visitor = AnonymousUser()
    figures: dict[str, Any] = {}
    seconds: list[float] = []
    # src→en: the source sentence is the query, its English listing the one to find; and back.
    for direction, query_side, target in (("src_to_en", 1, "en"), ("en_to_src", 2, "src")):
        hits = 0
        for row, pair in enumerate(pairs):
            began = time.perf_counter()
            found = list(
                find_listings(visitor, ListingFilters(q=pair[query_side]), ranking=ranking).values_list(
                    "pk", flat=True
                )[:TOP]
            )
            seconds.append(time.perf_counter() - began)
            hits += ids[target][row] in found
        figures[f"top{TOP}_{direction}"] = round(hits / max(len(pairs), 1), 4)
    ordered = sorted(seconds)
    figures["query_p50_ms"] = round(statistics.median(ordered) * 1000, 1) if ordered else None
    figures["query_p95_ms"] = round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1) if ordered else None
    return figures
