"""Listing search page latency at 20 concurrent users over 100,000 listings, SQLite and PostgreSQL.

For each database (a fresh SQLite file; a PostgreSQL database created for the run when the server
at 127.0.0.1:5432 answers): migrate, bulk-create 100,000 published listings (titles and
summaries in zh/en/hu, six kinds, a few countries, 90% public), start gunicorn (3 workers) on
127.0.0.1, then 20 client threads, each phase bounded in time:
- baseline: GET /healthz;
- unfiltered: GET /market/ (the page without filters, facets included);
- search: a mix of keyword searches in zh/en/hu and filters on /market/.
Prints one JSON object with p50/p95 per phase and database. Target: search p95 <= 300 ms.

    .venv/bin/python benchmarks/market_search.py [--listings 100000] [--seconds 20] [--only sqlite]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench_databases import create_postgres_database, drop_postgres_database, free_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
WORDS = {
    "en": ["battery", "electrolyte", "sensor", "hydrogen", "robot", "vaccine", "solar", "membrane"],
    "zh-hans": ["电池", "电解液", "传感器", "氢能", "机器人", "疫苗", "光伏", "薄膜"],
    "hu": ["akkumulátor", "elektrolit", "érzékelő", "hidrogén", "robot", "vakcina", "napelem", "membrán"],
}
KINDS = ("offer", "demand", "rd_cooperation", "capital", "expertise", "service")
COUNTRIES = ("CN", "HU", "DE", "AT", "PL")
QUERIES = [
    *(f"/market/?q={quote(word)}" for words in WORDS.values() for word in words[:4]),
    "/market/?q=" + quote("锂 电池"),
    "/market/?q=" + quote("solid state battery"),
    "/market/?kind=demand",
    "/market/?country=HU&kind=offer",
    "/market/?q=sensor&country=CN",
    "/market/?q=" + quote("电池") + "&kind=offer&sort=newest",
    "/market/?trl_min=6",
    "/market/?q=hydrogen&page=3",
]


def setup_world(count: int) -> None:
    """Inside the benchmark's Django environment: bulk-create the listings."""
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from techbridge.directory.models import Centre, Organisation
    from techbridge.market.domain.listings import fill_denormalised
    from techbridge.market.models import Listing

    rng = random.Random(7)
    centre = Centre.objects.create(slug="bench", name={"en": "Bench"}, country="HU", city="Budapest")
    owners = [
        Organisation.objects.create(
            name={"en": f"Org {n}"}, kind="enterprise", country=COUNTRIES[n % len(COUNTRIES)], centre=centre
        )
        for n in range(200)
    ]
    now = timezone.now()
    batch: list[Listing] = []
    for n in range(count):
        words = {language: rng.sample(pool, 3) for language, pool in WORDS.items()}
        listing = Listing(
            kind=KINDS[n % len(KINDS)],
            status="published",
            visibility="public" if n % 10 else "alliance",
            owner_organisation=owners[n % len(owners)],
            title={language: " ".join(chosen) + f" {n}" for language, chosen in words.items()},
            summary={
                "en": "A technology " + " ".join(words["en"]),
                "zh-hans": "技术" + "".join(words["zh-hans"]),
            },
            trl=1 + n % 9,
            keywords=words["en"][:2],
            published_at=now - timedelta(minutes=n),
            expires_at=now + timedelta(days=300),
        )
        fill_denormalised(listing)
        batch.append(listing)
        if len(batch) == 5000:
            Listing.objects.bulk_create(batch)
            batch = []
    Listing.objects.bulk_create(batch)
    from django.db import connection

    from techbridge.market.domain.search import bump_search_revision

    bump_search_revision()  # bulk rows send no signals
    # The search box fuses the query's nearest neighbours: embed every listing and build the index
    # with the platform's jobs (TECHBRIDGE_EMBEDDER decides the model; "hashing" keeps setup short).
    from techbridge.matching.domain.indexing import build_listing_index, index_queryset

    index_queryset(Listing.objects.all(), batch_size=2000)
    build_listing_index()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a server in service has them
    print(json.dumps({"listings": Listing.objects.count()}))


class Tally:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.lock = threading.Lock()

    def add(self, status: str, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def summary(self, seconds: float) -> dict[str, Any]:
        ordered = sorted(self.latencies) or [0.0]
        return {
            "requests": len(self.latencies),
            "requests_per_second": round(len(self.latencies) / seconds, 1),
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
            "statuses": dict(sorted(self.statuses.items())),
        }


def _get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Language": "en"})
        response = connection.getresponse()
        response.read()
        return str(response.status)
    except (OSError, http.client.HTTPException):
        return "connection_error"
    finally:
        connection.close()


def load(port: int, paths: list[str], *, clients: int, seconds: float) -> dict[str, Any]:
    tally = Tally()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            began = time.perf_counter()
            status = _get(port, path)
            tally.add(status, time.perf_counter() - began)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return tally.summary(seconds)


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        if _get(port, "/healthz") == "200":
            return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 30 s")


def run_database(url: str, data_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = {
        **os.environ,
        "TECHBRIDGE_DATA_DIR": str(data_dir),
        "TECHBRIDGE_DATABASE_URL": url,
        "TECHBRIDGE_TASKS_BACKEND": "immediate",
        "TECHBRIDGE_DEBUG": "false",
        "TECHBRIDGE_EMBEDDER": args.embedder,
        "PYTHONPATH": str(ROOT / "src"),
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    began = time.perf_counter()
    subprocess.run(  # noqa: S603
        [PYTHON, __file__, "--setup", "--listings", str(args.listings)],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "techbridge.settings"}, check=True, capture_output=True,
    )  # fmt: skip
    created_s = time.perf_counter() - began
    port = free_port()
    command = [
        GUNICORN,
        "techbridge.wsgi:application",
        "-w",
        "3",
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    log = (data_dir / "gunicorn.log").open("wb")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        _wait_until_up(port, server)
        load(port, QUERIES, clients=4, seconds=3)  # warm up the workers
        baseline = load(port, ["/healthz"], clients=args.clients, seconds=args.baseline_seconds)
        unfiltered = load(port, ["/market/"], clients=args.clients, seconds=args.baseline_seconds)
        search = load(port, QUERIES, clients=args.clients, seconds=args.seconds)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    return {
        "bulk_create_s": round(created_s, 1),
        "baseline_healthz": baseline,
        "page_without_filters": unfiltered,
        "search_mix": search,
        "meets_p95_target": search["p95_ms"] <= 300,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--baseline-seconds", type=float, default=5.0)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--embedder", default="hashing", choices=("hashing", "e5"), help="the model of the listings' vectors"
    )
    args = parser.parse_args()
    if args.setup:
        setup_world(args.listings)
        return
    results: dict[str, Any] = {
        "benchmark": "market_search",
        "listings": args.listings,
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": 3,
        "target_p95_ms": 300,
    }
    with tempfile.TemporaryDirectory(prefix="techbridge-bench-") as tmp:
        if args.only in (None, "sqlite"):
            results["sqlite"] = run_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", Path(tmp), args)
        if args.only in (None, "postgresql"):
            pg = create_postgres_database("techbridge_bench_search")
            if pg is None:
                results["postgresql"] = {"skipped": "no PostgreSQL server at 127.0.0.1:5432"}
            else:
                try:
                    results["postgresql"] = run_database(pg, Path(tmp), args)
                finally:
                    drop_postgres_database(pg)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
