"""The broker's pipeline board and a case page at 20 concurrent users over 100,000 cooperation cases
with their agreements, projects and 1,000,000 negotiation messages across 4 centres, SQLite and
PostgreSQL, beside /healthz in the same run.

For each database (a fresh SQLite file; a PostgreSQL database created for the run when the server
at 127.0.0.1:5432 answers): migrate, bulk-create the cases (two parties each, a stage history, a
technology contract for every second case, a project for every fourth, the messages spread over the
cases), sign one broker in through a session, start gunicorn (3 workers) on 127.0.0.1, then 20
client threads, each phase bounded in time:
- baseline: GET /healthz;
- board: the broker's pipeline board, unfiltered and filtered by stage / stale;
- case: the broker opens cases of the centre (timeline, thread, agreements, projects).
Prints one JSON object with p50/p95 per phase and database, the gunicorn workers' CPU per request
(from /proc: far less disturbed by other load on a shared machine than the latencies), p95 as a
multiple of /healthz's and the machine's load average. Target: board and case p95 <= 300 ms.

    .venv/bin/python benchmarks/cooperation_pipeline.py [--cases 100000] [--messages 1000000]
        [--seconds 20] [--only sqlite]
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
from pathlib import Path
from typing import Any

from bench_databases import create_postgres_database, drop_postgres_database, free_port
from market_search import Tally

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CENTRES = 4
BATCH = 5000
STAGES = ("negotiating", "agreement_drafted", "signed", "in_implementation", "implemented", "completed")
BOARD_PATHS = [
    "/cooperation/",
    "/cooperation/?stage=negotiating",
    "/cooperation/?stage=signed",
    "/cooperation/?stale=1",
    "/cooperation/?country=HU",
]  # + a page deep into the board (keyset: `after` the case at position DEEP_PAGE_AT), from the setup
DEEP_PAGE_AT = 2000
MESSAGES = {
    "zh-hans": "我们可以在三个月内提供中试样品，请确认技术指标。",
    "hu": "Köszönjük, a mínusz negyven fokos vizsgálati adatokat is kérnénk.",
    "en": "We can deliver pilot samples within three months; please confirm the specification.",
}


def _bulk(model: Any, rows: list[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def _session_for(user: Any) -> tuple[str, str]:
    """A signed-in session cookie for `user`, as the login page would set it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return settings.SESSION_COOKIE_NAME, str(session.session_key)


def _make_messages(made: list[Any], count: int, rng: random.Random) -> None:
    """`count` messages in three languages, spread at random over the cases."""
    from datetime import timedelta

    from techbridge.cooperation.models import CaseMessage

    languages = list(MESSAGES)
    thread = []
    for n in range(count):
        case = made[rng.randrange(len(made))]
        language = languages[n % 3]
        thread.append(
            CaseMessage(
                case=case,
                author=case.broker,
                body=MESSAGES[language],
                language=language,
                created_at=case.created_at + timedelta(minutes=n % 10000),
            )
        )
        if len(thread) == BATCH:
            CaseMessage.objects.bulk_create(thread)
            thread = []
    CaseMessage.objects.bulk_create(thread)


def setup_world(cases: int, messages: int) -> None:
    """Inside the benchmark's Django environment: bulk-create the pipeline."""
    import django

    django.setup()
    from datetime import timedelta
    from decimal import Decimal

    from django.db import connection
    from django.utils import timezone

    from techbridge.accounts.models import User
    from techbridge.cooperation.models import (
        Agreement,
        AgreementParty,
        CaseMessage,
        CaseParty,
        CaseTransition,
        CooperationCase,
        Project,
    )
    from techbridge.directory.enums import CentreRole
    from techbridge.directory.models import Centre, CentreOperator, Organisation

    rng = random.Random(7)
    now = timezone.now()
    centres = [
        Centre.objects.create(slug=f"bench-{n}", name={"en": f"Centre {n}"}, country="HU", city="Budapest")
        for n in range(CENTRES)
    ]
    brokers = []
    for n, centre in enumerate(centres):
        broker = User.objects.create_user(
            f"broker{n}@example.org", "bench-password-42", display_name=f"Broker {n}"
        )
        CentreOperator.objects.create(centre=centre, user=broker, role=CentreRole.OPERATOR)
        brokers.append(broker)
    organisations = [
        Organisation.objects.create(
            name={"en": f"Org {n}"},
            kind="enterprise",
            country="CN" if n % 2 else "HU",
            centre=centres[n % CENTRES],
        )
        for n in range(400)
    ]
    new_cases = []
    for n in range(cases):
        last = now - timedelta(hours=n % 2000)
        new_cases.append(
            CooperationCase(
                title={"en": f"Case {n}", "zh-hans": f"合作 {n}", "hu": f"Ügy {n}"},
                stage=STAGES[n % len(STAGES)],
                source="broker",
                centre=centres[n % CENTRES],
                broker=brokers[n % CENTRES],
                countries=["CN", "HU"],
                owner_revealed=True,
                created_by=brokers[n % CENTRES],
                created_at=last - timedelta(days=30),
                last_activity_at=last,
            )
        )
    made = _bulk(CooperationCase, new_cases)
    parties, transitions = [], []
    for n, case in enumerate(made):
        first, second = organisations[(2 * n) % 400], organisations[(2 * n + 1) % 400]
        parties.append(CaseParty(case=case, organisation=first, role="listing_owner"))
        parties.append(CaseParty(case=case, organisation=second, role="interested"))
        transitions.append(
            CaseTransition(
                case=case, from_stage="", to_stage="negotiating", actor=case.broker, at=case.created_at
            )
        )
        if case.stage != "negotiating":
            transitions.append(
                CaseTransition(
                    case=case,
                    from_stage="negotiating",
                    to_stage=case.stage,
                    actor=case.broker,
                    at=case.last_activity_at,
                )
            )
    _bulk(CaseParty, parties)
    _bulk(CaseTransition, transitions)
    agreements = _bulk(
        Agreement,
        [
            Agreement(
                case=case,
                kind="technology_contract",
                title={"en": f"Contract {n}"},
                status="signed",
                category="transfer",
                subtype="licence",
                total_amount=Decimal(100000 + n),
                technical_income=Decimal(80000),
                currency="CNY",
                signed_on=case.last_activity_at.date(),
                ip_type="patent",
                created_by=case.broker,
                created_at=case.created_at,
                updated_at=case.last_activity_at,
            )
            for n, case in enumerate(made)
            if n % 2 == 0
        ],
    )
    party_rows = []
    for index, agreement in enumerate(agreements):
        n = 2 * index  # agreements were made for every second case, in order
        party_rows.append(
            AgreementParty(agreement=agreement, organisation=parties[2 * n].organisation, role="licensor")
        )
        party_rows.append(
            AgreementParty(agreement=agreement, organisation=parties[2 * n + 1].organisation, role="licensee")
        )
    _bulk(AgreementParty, party_rows)
    _bulk(
        Project,
        [
            Project(
                agreement=agreement,
                case=agreement.case,
                title={"en": f"Project {index}"},
                status="started",
                signed_on=agreement.signed_on,
                created_at=agreement.updated_at,
            )
            for index, agreement in enumerate(agreements)
            if index % 2 == 0
        ],
    )
    _make_messages(made, messages, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics, as a server in service has them
    case_ids = [case.pk for case in made if case.centre_id == centres[0].pk][:2000]
    from techbridge.cooperation.domain.board import OPEN_STAGES
    from techbridge.cooperation.domain.keyset import Cursor

    board_order = CooperationCase.objects.filter(centre=centres[0], stage__in=OPEN_STAGES).order_by(
        "last_activity_at", "id"
    )
    deep = board_order[min(DEEP_PAGE_AT, board_order.count() - 1) :].first()
    cookie_name, cookie_value = _session_for(brokers[0])
    print(
        json.dumps(
            {
                "cases": CooperationCase.objects.count(),
                "messages": CaseMessage.objects.count(),
                "agreements": Agreement.objects.count(),
                "projects": Project.objects.count(),
                "case_ids": case_ids,
                "deep_page": f"/cooperation/?after={Cursor.of(deep, 'last_activity_at').encode()}"
                if deep
                else "",
                "cookie": f"{cookie_name}={cookie_value}",
            }
        )
    )


def _get(port: int, path: str, headers: dict[str, str]) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Language": "en", **headers})
        response = connection.getresponse()
        response.read()
        return str(response.status)
    except (OSError, http.client.HTTPException):
        return "connection_error"
    finally:
        connection.close()


def load(
    port: int, paths: list[str], *, clients: int, seconds: float, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """`clients` threads asking for random `paths` (signed in when `headers` carry the cookie)."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        while time.monotonic() < deadline:
            began = time.perf_counter()
            status = _get(port, rng.choice(paths), headers or {})
            tally.add(status, time.perf_counter() - began)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    summary: dict[str, Any] = tally.summary(seconds)
    return summary


def server_cpu_seconds(server: subprocess.Popen[bytes]) -> float | None:
    """CPU seconds (user + system) the gunicorn workers have used so far, read from /proc (Linux);
    None elsewhere. Divided by the requests of a phase it gives the server's CPU per request, a
    figure that a busy shared machine disturbs far less than the latencies."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        total_ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total_ticks += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, ValueError, IndexError):
        return None
    return total_ticks / os.sysconf("SC_CLK_TCK")


def measured(server: subprocess.Popen[bytes], port: int, paths: list[str], **options: Any) -> dict[str, Any]:
    """`load`, with the workers' CPU milliseconds per request of the phase."""
    before = server_cpu_seconds(server)
    summary = load(port, paths, **options)
    after = server_cpu_seconds(server)
    if before is not None and after is not None and summary["requests"]:
        summary["server_cpu_ms_per_request"] = round((after - before) * 1000 / summary["requests"], 1)
    return summary


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(150):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        if _get(port, "/healthz", {}) == "200":
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
        "PYTHONPATH": str(ROOT / "src"),
    }
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    began = time.perf_counter()
    setup = subprocess.run(  # noqa: S603
        [PYTHON, __file__, "--setup", "--cases", str(args.cases), "--messages", str(args.messages)],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "techbridge.settings"}, check=True, capture_output=True,
    )  # fmt: skip
    created_s = time.perf_counter() - began
    world = json.loads(setup.stdout.decode().strip().splitlines()[-1])
    headers = {"Cookie": world.pop("cookie")}
    case_paths = [f"/cooperation/cases/{pk}/" for pk in world.pop("case_ids")]
    board_paths = BOARD_PATHS + ([deep] if (deep := world.pop("deep_page")) else [])
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
        wait_until_up(port, server)
        load(port, board_paths + case_paths[:20], clients=4, seconds=3, headers=headers)  # warm up
        baseline = measured(server, port, ["/healthz"], clients=args.clients, seconds=args.baseline_seconds)
        board = measured(
            server, port, board_paths, clients=args.clients, seconds=args.seconds, headers=headers
        )
        case = measured(server, port, case_paths, clients=args.clients, seconds=args.seconds, headers=headers)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    return {
        "world": world,
        "bulk_create_s": round(created_s, 1),
        "baseline_healthz": baseline,
        "pipeline_board": board,
        "case_page": case,
        "meets_p95_target": board["p95_ms"] <= 300 and case["p95_ms"] <= 300,
        # p95 as a multiple of /healthz's in the same run: comparable across busy and quiet machines
        "p95_over_healthz": {
            "pipeline_board": round(board["p95_ms"] / max(baseline["p95_ms"], 0.1), 1),
            "case_page": round(case["p95_ms"] / max(baseline["p95_ms"], 0.1), 1),
        },
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--baseline-seconds", type=float, default=5.0)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--pg-prefix",
        default="techbridge_bench_coop",
        help="name prefix of the throw-away PostgreSQL database",
    )
    args = parser.parse_args()
    if args.setup:
        setup_world(args.cases, args.messages)
        return
    results: dict[str, Any] = {
        "benchmark": "cooperation_pipeline",
        "cases": args.cases,
        "messages": args.messages,
        "centres": CENTRES,
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": 3,
        "target_p95_ms": 300,
    }
    with tempfile.TemporaryDirectory(prefix="techbridge-bench-") as tmp:
        if args.only in (None, "sqlite"):
            results["sqlite"] = run_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", Path(tmp), args)
        if args.only in (None, "postgresql"):
            pg = create_postgres_database(args.pg_prefix)
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
