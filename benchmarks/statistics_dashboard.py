"""Statistics dashboard latency at 20 concurrent readers over ~1,000,000 funnel records, SQLite and
PostgreSQL, beside /healthz; and the time to write the alliance's annual report on that data.

For each database (a fresh SQLite file; a PostgreSQL database created for the run when the server at
127.0.0.1:5432 answers): migrate, bulk-create the cooperation funnel over 5 years, 4 centres and 60
countries (listings 30 %, expressions of interest 25 %, B2B meetings held at the centres' events 10 %,
cooperation cases 10 %, signed agreements 8 %, signed projects 8 %, half of them implemented,
confirmed instrument bookings by other institutions 9 %; with their case and agreement parties,
meeting requests and event registrations), count the statistics aggregates once (bulk inserts send
no model signals; `manage.py rebuild_statistics` does the same, timed as aggregates_rebuild_s), write
the annual report of the alliance for the last year (timed, PDF in Chinese), start gunicorn (3
workers), then 20 client threads signed in as an administrator:
- baseline: GET /healthz;
- dashboard: GET /statistics/ with varying year, centre, country and technology field.
The dashboard reads the aggregates (decision 0017): a few small queries whatever the number of
records; the rendered figures are cached per scope under the aggregates' stamp. The mix has ~600
scopes, so most requests render their figures afresh. Target: dashboard p95 <= 500 ms, report <= 60 s.

    .venv/bin/python benchmarks/statistics_dashboard.py [--records 1000000] [--seconds 20] [--only sqlite]
        [--compare-src /work/main/src]   # the same data served by another checkout, in the same run
        [--keep /tmp/bench-stats]        # keep the built data; the next run with the same --records reuses it
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench_databases import create_postgres_database, drop_postgres_database, free_port
from market_search import Tally

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CENTRES = ("cq-hu", "sichuan", "guizhou", "budapest")
FIRST_YEAR = 2022
YEARS = tuple(range(FIRST_YEAR, FIRST_YEAR + 5))
BATCH = 5000


def _countries() -> list[str]:
    import pycountry

    return sorted(country.alpha_2 for country in pycountry.countries)[:60]


def _bulk(model: Any, rows: list[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def _moment(rng: random.Random, year: int) -> datetime:
    return datetime(year, 1, 1, 9, tzinfo=UTC) + timedelta(
        days=rng.randrange(364), minutes=rng.randrange(600)
    )


def setup_world(records: int) -> None:
    """Inside the benchmark's Django environment: bulk-create the funnel, print a session cookie."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    from techbridge.cooperation.models import Agreement, AgreementParty, CaseParty, CooperationCase, Project
    from techbridge.directory.models import Alliance, Centre, Organisation
    from techbridge.market.models import ExpressionOfInterest, Listing

    rng = random.Random(11)
    countries = _countries()
    alliance = Alliance.objects.create(slug="bench", name={"en": "Bench alliance"})
    centres = [
        Centre.objects.create(slug=slug, name={"en": slug}, country="HU", city="Budapest", alliance=alliance)
        for slug in CENTRES
    ]
    organisations = _bulk(
        Organisation,
        [
            Organisation(
                name={"en": f"Org {n}"}, kind="enterprise", country=countries[n % 60], centre=centres[n % 4]
            )
            for n in range(600)
        ],
    )
    admin = get_user_model().objects.create_superuser("bench-admin@example.org", "bench-password-1")
    sender = get_user_model().objects.create_user("bench-sender@example.org", "bench-password-1")
    listing_count, eoi_count, case_count = int(records * 0.30), int(records * 0.25), int(records * 0.10)
    deal_count, meeting_count, booking_count = int(records * 0.08), int(records * 0.10), int(records * 0.09)
    listings = _bulk(
        Listing,
        [
            Listing(
                kind="offer",
                status="published",
                visibility="public",
                owner_organisation=(owner := organisations[n % 600]),
                centre=owner.centre,
                country=owner.country,
                title={"en": f"Technology {n}"},
                summary={"en": "A technology"},
                published_at=_moment(rng, YEARS[n % 5]),
                expires_at=datetime(2030, 1, 1, tzinfo=UTC),
            )
            for n in range(listing_count)
        ],
    )
    interests = _bulk(
        ExpressionOfInterest,
        [
            ExpressionOfInterest(
                listing=(listing := listings[n % listing_count]),
                sender=sender,
                sender_organisation=organisations[(n * 7) % 600],
                message="Interested",
                created_at=listing.published_at + timedelta(days=1 + n % 40),
            )
            for n in range(eoi_count)
        ],
    )
    cases = _bulk(
        CooperationCase,
        [
            CooperationCase(
                title={"en": f"Case {n}"},
                source="interest",
                centre=(interest := interests[n % eoi_count]).listing.centre,
                interest=interest,
                countries=[interest.listing.country],
                created_at=(opened := interest.created_at + timedelta(days=3 + n % 30)),
                last_activity_at=opened,
            )
            for n in range(case_count)
        ],
    )
    _bulk(
        CaseParty,
        [
            CaseParty(case=case, organisation=case.interest.listing.owner_organisation, role="owner")
            for case in cases
        ],
    )
    agreements = _bulk(
        Agreement,
        [
            Agreement(
                case=(case := cases[n % case_count]),
                kind="technology_contract",
                title={"en": "Licence"},
                status="signed",
                category="transfer",
                subtype="licence",
                total_amount=Decimal(100000 + n % 1000),
                technical_income=Decimal(50000),
                currency="CNY",
                amounts_confidential=n % 10 == 0,
                signed_on=(
                    min(case.created_at.date() + timedelta(days=20 + n % 60), date(YEARS[-1], 12, 31))
                ),
                created_at=case.created_at,
                updated_at=case.created_at,
            )
            for n in range(deal_count)
        ],
    )
    _bulk(
        AgreementParty,
        [
            AgreementParty(
                agreement=agreement, organisation=agreement.case.interest.listing.owner_organisation
            )
            for agreement in agreements
        ],
    )
    _bulk(
        Project,
        [
            Project(
                agreement=agreement,
                case=agreement.case,
                title={"en": "Project"},
                status="implemented" if n % 2 else "signed",
                signed_on=agreement.signed_on,
                implemented_on=min(agreement.signed_on + timedelta(days=90), date(YEARS[-1], 12, 31))
                if n % 2
                else None,
                created_at=agreement.created_at,
            )
            for n, agreement in enumerate(agreements)
        ],
    )
    _meetings(interests, centres, countries, meeting_count, admin)
    _bookings(organisations, centres, booking_count, sender)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # bulk_create sends no signals: count the aggregates once, as `manage.py rebuild_statistics` does.
    from techbridge.statistics.domain.aggregates import rebuild

    began = time.perf_counter()
    aggregate_rows = sum(rebuild().values())
    rebuild_s = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    session = SessionStore()
    session["_auth_user_id"] = str(admin.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    session["_auth_user_hash"] = admin.get_session_auth_hash()
    session.create()
    total = listing_count + eoi_count + case_count + 2 * deal_count + meeting_count + booking_count
    print(
        json.dumps(
            {
                "funnel_records": total,
                "session": session.session_key,
                "aggregate_rows": aggregate_rows,
                "aggregates_rebuild_s": round(rebuild_s, 1),
            }
        )
    )


PEOPLE = 120  # registrations per event: 120 * 119 distinct pairs, enough meetings per event


def _meetings(interests: list[Any], centres: list[Any], countries: list[str], count: int, admin: Any) -> None:
    """One published event per centre and year with registrations, and B2B meetings on EOIs."""
    from django.contrib.auth import get_user_model

    from techbridge.events.models import Event, Meeting, MeetingRequest, Registration

    people = _bulk(
        get_user_model(),
        [get_user_model()(email=f"bench-person-{n}@example.org") for n in range(PEOPLE)],
    )
    events: dict[tuple[int, int], Any] = {}
    for year in YEARS:
        for index, centre in enumerate(centres):
            event = Event.objects.create(
                slug=f"bench-{centre.slug}-{year}",
                title={"en": f"Exchange {year}"},
                status="published",
                time_zone="UTC",
                languages=["en"],
                starts_on=date(year, 1, 2),
                ends_on=date(year, 12, 30),
                city="Budapest",
                country=countries[index],
                b2b_enabled=True,
                created_by=admin,
            )
            event.organising_centres.add(centre)
            events[(year, centre.pk)] = event
    registrations = {
        key: _bulk(
            Registration,
            [
                Registration(
                    event=event, user=person, status="approved", b2b=True, category="researcher",
                    country=countries[n % 60],
                )
                for n, person in enumerate(people)
            ],
        )
        for key, event in events.items()
    }  # fmt: skip
    now = datetime.now(UTC)
    requests, meetings = [], []
    used: dict[tuple[int, int], int] = {}
    for n in range(count):
        interest = interests[n % len(interests)]
        starts = min(interest.created_at + timedelta(days=2 + n % 20), now - timedelta(days=1))
        key = (starts.year, interest.listing.centre_id)
        if key not in events:
            continue
        pair = used.get(key, 0)
        used[key] = pair + 1
        first, second = divmod(pair % (PEOPLE * (PEOPLE - 1)), PEOPLE - 1)
        second += second >= first
        people_of = registrations[key]
        request = MeetingRequest(
            event=events[key],
            requester=people_of[first],
            recipient=people_of[second],
            status="declined",  # a closed request: open ones are one per pair
            created_at=interest.created_at,
        )
        requests.append(request)
        meetings.append(
            Meeting(
                event=events[key], request=request, first=people_of[first], second=people_of[second],
                starts_at=starts, interest=interest,
            )
        )  # fmt: skip
    _bulk(MeetingRequest, requests)
    for meeting in meetings:
        meeting.request_id = meeting.request.pk
    _bulk(Meeting, meetings)


def _bookings(organisations: list[Any], centres: list[Any], count: int, user: Any) -> None:
    """Ten instruments per centre, booked by organisations of other centres, never overlapping."""
    from techbridge.instruments.models import Booking, Facility, Instrument, InstrumentCategory

    category = InstrumentCategory.objects.order_by("code").first()
    instruments = []
    for index, centre in enumerate(centres):
        facility = Facility.objects.create(
            organisation=organisations[index], name={"en": f"Lab {centre.slug}"}, time_zone="UTC"
        )
        instruments += [
            Instrument.objects.create(
                facility=facility, category=category, name={"en": f"Instrument {n}"}, approval_for=[],
            )
            for n in range(10)
        ]  # fmt: skip
    rows = []
    for n in range(count):
        slot = n // len(instruments)
        start = datetime(YEARS[slot % 5], 1, 1, tzinfo=UTC) + timedelta(hours=3 * (slot // 5))
        rows.append(
            Booking(
                instrument=instruments[n % len(instruments)], user=user,
                organisation=organisations[(n * 7 + 1) % 600], start=start,
                end=start + timedelta(hours=1 + n % 3), status="confirmed", category="external_enterprise",
            )
        )  # fmt: skip
    _bulk(Booking, rows)


def time_rebuild() -> None:
    """Inside the benchmark's Django environment: recount the aggregates of kept data."""
    import django

    django.setup()
    from techbridge.statistics.domain.aggregates import rebuild

    began = time.perf_counter()
    rows = sum(rebuild().values())
    print(json.dumps({"aggregate_rows": rows, "aggregates_rebuild_s": round(time.perf_counter() - began, 1)}))


def time_report() -> None:
    """Inside the benchmark's Django environment: write the alliance's report for the last year."""
    import django

    django.setup()
    from techbridge.statistics.domain.report import write_report
    from techbridge.statistics.domain.scope import Scope

    began = time.perf_counter()
    content = write_report(Scope(year=YEARS[-1]), language="zh-hans", file_format="pdf")
    print(json.dumps({"report_s": round(time.perf_counter() - began, 1), "report_bytes": len(content)}))


def dashboard_paths() -> list[str]:
    countries = _countries()
    rng = random.Random(5)
    paths = []
    for _ in range(600):
        query = [f"year={rng.choice(YEARS)}"]
        if rng.random() < 0.5:
            query.append(f"centre={rng.choice(CENTRES)}")
        if rng.random() < 0.3:
            query.append(f"country={rng.choice(countries)}")
        paths.append("/statistics/?" + "&".join(query))
    return paths


def _get(port: int, path: str, cookie: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Accept-Language": "zh-hans", "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return str(response.status)
    except (OSError, http.client.HTTPException):
        return "connection_error"
    finally:
        connection.close()


def load(port: int, paths: list[str], *, cookie: str, clients: int, seconds: float) -> dict[str, Any]:
    tally = Tally()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        while time.monotonic() < deadline:
            path = rng.choice(paths)
            began = time.perf_counter()
            status = _get(port, path, cookie)
            tally.add(status, time.perf_counter() - began)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 180)
    return tally.summary(seconds)


def _run_json(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _serve_and_load(
    env: dict[str, str], data_dir: Path, args: argparse.Namespace, *, cookie: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Start gunicorn (3 workers) with `env`, load /healthz then the dashboard mix, stop it."""
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
        "--graceful-timeout",
        "10",
    ]
    log = (data_dir / "gunicorn.log").open("ab")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        for _ in range(150):
            if _get(port, "/healthz", "") == "200":
                break
            time.sleep(0.2)
        baseline = load(port, ["/healthz"], cookie="", clients=args.clients, seconds=args.baseline_seconds)
        dashboard = load(port, dashboard_paths(), cookie=cookie, clients=args.clients, seconds=args.seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:  # workers still inside a slow request
            server.kill()
            server.wait(timeout=20)
        log.close()
    return baseline, dashboard


def run_database(
    url: str, data_dir: Path, args: argparse.Namespace, *, kept: Path | None = None
) -> dict[str, Any]:
    """Build the data (or, with --keep, reuse the data built by an earlier run with the same
    records into the same folder, recounting only the aggregates), time the report, serve, load."""
    env = {
        **os.environ,
        "TECHBRIDGE_DATA_DIR": str(data_dir),
        "TECHBRIDGE_DATABASE_URL": url,
        "TECHBRIDGE_TASKS_BACKEND": "immediate",
        "TECHBRIDGE_DEBUG": "false",
        "PYTHONPATH": str(ROOT / "src"),
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    django_env = {**env, "DJANGO_SETTINGS_MODULE": "techbridge.settings"}
    began = time.perf_counter()
    if kept is not None and kept.exists():
        world = json.loads(kept.read_text())
        world |= _run_json([PYTHON, __file__, "--rebuild"], django_env)
        world["bulk_create_s"] = "reused"
    else:
        world = _run_json([PYTHON, __file__, "--setup", "--records", str(args.records)], django_env)
        world["bulk_create_s"] = round(time.perf_counter() - began - world["aggregates_rebuild_s"], 1)
        if kept is not None:
            kept.write_text(json.dumps(world))
    report = _run_json([PYTHON, __file__, "--report"], django_env)
    cookie = f"sessionid={world['session']}"
    baseline, dashboard = _serve_and_load(env, data_dir, args, cookie=cookie)
    compared: dict[str, Any] = {}
    if args.compare_src:
        # The same data and request mix served by another checkout's code (e.g. main before a
        # change), in the same run, so that both figures share the machine's load.
        other = {**env, "PYTHONPATH": str(Path(args.compare_src).resolve())}
        other_baseline, other_dashboard = _serve_and_load(other, data_dir, args, cookie=cookie)
        compared = {
            "compare_src": args.compare_src,
            "compare_healthz": other_baseline,
            "compare_dashboard_mix": other_dashboard,
        }
    return {
        "funnel_records": world["funnel_records"],
        "bulk_create_s": world["bulk_create_s"],
        "aggregates_rebuild_s": world["aggregates_rebuild_s"],
        "aggregate_rows": world["aggregate_rows"],
        **report,
        "baseline_healthz": baseline,
        "dashboard_mix": dashboard,
        **compared,
        "meets_p95_target": dashboard["p95_ms"] <= 500,
        "meets_report_target": report["report_s"] <= 60,
    }


def _kept_postgres(name: str, *, fresh: bool) -> str | None:
    """The database kept between runs (created, or emptied when it holds no finished world)."""
    try:
        import psycopg

        from bench_databases import PG_ADMIN_URL

        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if fresh and exists:
                admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
            if fresh or not exists:
                admin.execute(f"CREATE DATABASE {name}")
    except Exception:
        return None
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--report", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rebuild", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--keep",
        help="keep the built data in this folder (SQLite file, PostgreSQL database name) and reuse it "
        "on the next run with the same --records: only the aggregates are recounted",
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--baseline-seconds", type=float, default=5.0)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--compare-src",
        help="also serve the same data with this src directory (e.g. /work/main/src), in the same run",
    )
    args = parser.parse_args()
    if args.setup:
        setup_world(args.records)
        return
    if args.report:
        time_report()
        return
    if args.rebuild:
        time_rebuild()
        return
    results: dict[str, Any] = {
        "benchmark": "statistics_dashboard",
        "records": args.records,
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": 3,
        "target_p95_ms": 500,
        "target_report_s": 60,
    }
    with tempfile.TemporaryDirectory(prefix="techbridge-bench-") as tmp:
        folder = Path(args.keep).resolve() if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        kept = (
            (lambda name: folder / f"world-{name}-{args.records}.json") if args.keep else (lambda name: None)
        )
        if args.only in (None, "sqlite"):
            sqlite = folder / f"bench-{args.records}.sqlite3"
            if args.keep and not kept("sqlite").exists():  # type: ignore[union-attr]
                sqlite.unlink(missing_ok=True)
            results["sqlite"] = run_database(f"sqlite:///{sqlite}", folder, args, kept=kept("sqlite"))
            print(json.dumps({"sqlite": results["sqlite"]}), file=sys.stderr, flush=True)
        if args.only in (None, "postgresql"):
            name = f"techbridge_bench_stats_{args.records}"
            pg = (
                _kept_postgres(name, fresh=not kept("postgresql").exists())  # type: ignore[union-attr]
                if args.keep
                else create_postgres_database("techbridge_bench_stats")
            )
            if pg is None:
                results["postgresql"] = {"skipped": "no PostgreSQL server at 127.0.0.1:5432"}
            else:
                try:
                    results["postgresql"] = run_database(pg, folder, args, kept=kept("postgresql"))
                finally:
                    if not args.keep:
                        drop_postgres_database(pg)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
