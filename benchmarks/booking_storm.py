"""Booking throughput and latency through the real API under 50 concurrent clients.

For SQLite (a file in a temporary directory) and PostgreSQL (a database created for the run,
when the server at 127.0.0.1:5432 answers): migrate a fresh database, create instruments,
users and API tokens, start gunicorn (3 workers) on 127.0.0.1, then

- baseline: 50 clients read GET /api/v1/instruments/{id}/availability for BASELINE_SECONDS;
- storm: 50 clients POST /api/v1/bookings for STORM_SECONDS, random 1-hour windows on a
  30-minute grid over the next two weeks of a few instruments, so most requests collide.

Prints one JSON object: successful bookings/s, p50/p95 latency, 409 refusals, errors (5xx or
connection failures) and overlapping booking pairs counted afterwards with a SQL self-join.
Loopback only; bounded in time (about a minute and a half for both databases).

    .venv/bin/python benchmarks/booking_storm.py [--seconds 15] [--clients 50] [--only sqlite]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_databases import create_postgres_database, drop_postgres_database, free_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
INSTRUMENTS = 4
OVERLAPS_SQL = """SELECT count(*) FROM instruments_booking a JOIN instruments_booking b
  ON a.instrument_id = b.instrument_id AND a.seat = b.seat AND a.id < b.id
 AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
 AND a.start < b."end" AND b.start < a."end" """


def setup_world() -> None:
    """Run inside the benchmark's Django environment (--setup): print ids and tokens as JSON."""
    import django

    django.setup()
    from datetime import time as wall

    from techbridge.accounts.domain.tokens import do_create_api_token
    from techbridge.accounts.models import User
    from techbridge.directory.models import Alliance, Centre, Membership, Organisation
    from techbridge.instruments.models import Facility, Instrument, InstrumentCategory

    alliance = Alliance.objects.create(slug="bench", name={"en": "Bench alliance"})
    centre = Centre.objects.create(
        slug="bench", name={"en": "Bench"}, alliance=alliance, country="CN", city="Chongqing"
    )
    owner = Organisation.objects.create(
        name={"en": "Owner"}, kind="university", country="CN", centre=centre, is_published=True
    )
    guest = Organisation.objects.create(
        name={"en": "Guest"}, kind="enterprise", country="CN", is_published=True
    )
    facility = Facility.objects.create(
        organisation=owner, name={"en": "Bench lab"}, time_zone="Asia/Shanghai"
    )
    category = InstrumentCategory.objects.get(code="0101")
    instruments = [
        Instrument.objects.create(
            facility=facility, category=category, name={"en": f"Instrument {n}"}, approval_for=[],
            opens_at=wall(0), closes_at=wall(0), open_weekdays=list(range(7)), horizon_days=30,
        ).pk
        for n in range(INSTRUMENTS)
    ]  # fmt: skip
    tokens = []
    for n in range(50):
        user = User.objects.create_user(f"client{n}@bench.local", None, display_name=f"C{n}")  # token only
        Membership.objects.create(organisation=guest, user=user)
        tokens.append(do_create_api_token(user=user, name="bench")[1])
    print(json.dumps({"instruments": instruments, "tokens": tokens}))


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: str, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def _request(port: int, method: str, path: str, token: str, body: dict[str, Any] | None) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        payload = json.dumps(body) if body is not None else None
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        response.read()
        return str(response.status)
    except (OSError, http.client.HTTPException):
        return "connection_error"
    finally:
        connection.close()


def _load(port: int, world: dict[str, Any], *, clients: int, seconds: float, booking: bool) -> Tally:
    tally = Tally()
    deadline = time.monotonic() + seconds
    base = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)

    def client(number: int) -> None:
        rng = random.Random(number)
        token = world["tokens"][number % len(world["tokens"])]
        while time.monotonic() < deadline:
            instrument = rng.choice(world["instruments"])
            start = base + timedelta(minutes=30 * rng.randrange(0, 14 * 48))
            began = time.perf_counter()
            if booking:
                body = {
                    "instrument_id": instrument,
                    "start": start.isoformat(),
                    "end": (start + timedelta(hours=1)).isoformat(),
                }
                status = _request(port, "POST", "/api/v1/bookings", token, body)
            else:
                query = f"start={base.date()}T00:00:00%2B00:00&end={(base + timedelta(days=7)).date()}T00:00:00%2B00:00"
                status = _request(
                    port, "GET", f"/api/v1/instruments/{instrument}/availability?{query}", token, None
                )
            tally.add(status, time.perf_counter() - began)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return tally


def _summary(tally: Tally, seconds: float, success: str) -> dict[str, Any]:
    ordered = sorted(tally.latencies) or [0.0]
    errors = sum(
        n for status, n in tally.statuses.items() if status.startswith("5") or status == "connection_error"
    )
    return {
        "requests": len(tally.latencies),
        "successes_per_second": round(tally.statuses.get(success, 0) / seconds, 1),
        "requests_per_second": round(len(tally.latencies) / seconds, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "statuses": dict(sorted(tally.statuses.items())),
        "errors": errors,
    }


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        if _request(port, "GET", "/healthz", "", None) == "200":
            return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 20 s")


def _overlaps(vendor: str, url: str) -> int:
    if vendor == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return int(db.execute(OVERLAPS_SQL).fetchone()[0])
    import psycopg

    with psycopg.connect(url) as db:
        row = db.execute(OVERLAPS_SQL).fetchone()
        return int(row[0]) if row else -1


def run_database(
    vendor: str, url: str, data_dir: Path, *, clients: int, seconds: float, baseline_seconds: float
) -> dict[str, Any]:
    env = {
        **os.environ,
        "TECHBRIDGE_DATA_DIR": str(data_dir),
        "TECHBRIDGE_DATABASE_URL": url,
        "TECHBRIDGE_TASKS_BACKEND": "immediate",
        "TECHBRIDGE_DEBUG": "false",
        "PYTHONPATH": str(ROOT / "src"),
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    world = json.loads(
        subprocess.run(  # noqa: S603
            [PYTHON, __file__, "--setup"], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "techbridge.settings"},
            check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip
    port = free_port()
    command = [
        GUNICORN,
        "techbridge.wsgi:application",
        "-w",
        "3",
        "-b",
        f"127.0.0.1:{port}",
        "--backlog",
        "256",
        "--log-level",
        "warning",
    ]
    log = (data_dir / f"gunicorn-{vendor}.log").open(
        "wb"
    )  # 409s are logged as warnings: keep them out of stdout
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        _wait_until_up(port, server)
        baseline = _load(port, world, clients=clients, seconds=baseline_seconds, booking=False)
        storm = _load(port, world, clients=clients, seconds=seconds, booking=True)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    return {
        "baseline_get_availability": _summary(baseline, baseline_seconds, "200"),
        "booking_storm": {**_summary(storm, seconds, "201"), "overlapping_pairs": _overlaps(vendor, url)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--baseline-seconds", type=float, default=5.0)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.setup:
        setup_world()
        return
    results: dict[str, Any] = {
        "benchmark": "booking_storm",
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": 3,
        "instruments": INSTRUMENTS,
    }
    with tempfile.TemporaryDirectory(prefix="techbridge-bench-") as tmp:
        if args.only in (None, "sqlite"):
            url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            results["sqlite"] = run_database(
                "sqlite",
                url,
                Path(tmp),
                clients=args.clients,
                seconds=args.seconds,
                baseline_seconds=args.baseline_seconds,
            )
        if args.only in (None, "postgresql"):
            pg = create_postgres_database("techbridge_bench")
            if pg is None:
                results["postgresql"] = {"skipped": "no PostgreSQL server at 127.0.0.1:5432"}
            else:
                try:
                    results["postgresql"] = run_database(
                        "postgresql",
                        pg,
                        Path(tmp),
                        clients=args.clients,
                        seconds=args.seconds,
                        baseline_seconds=args.baseline_seconds,
                    )
                finally:
                    drop_postgres_database(pg)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
