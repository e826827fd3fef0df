"""Import rate of a 20,000-row XLSX listing file beside reading the same file with openpyxl alone.

For SQLite (a temporary file) and PostgreSQL (a database created for the run, when the server at
127.0.0.1:5432 answers): migrate a fresh database, create a centre, its operator and 50
organisations, build the XLSX in memory, then time
- baseline: openpyxl read-only iteration over every cell of the file;
- import: `plan_import` (zip pre-check, read, per-row checks) + `do_import` (one transaction).
Prints one JSON object with rows/s for both. Target: import >= 1,000 rows/s.

    .venv/bin/python benchmarks/market_import.py [--rows 20000] [--only sqlite]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_databases import create_postgres_database, drop_postgres_database

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TITLES = ("低温锂电池电解液 {n}", "Solid-state battery separator {n}", "Hidrogén tároló tartály {n}")


def build_xlsx(rows: int, owners: list[int]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("listings")
    sheet.append(["external_ref", "owner", "kind", "title_en", "title_zh", "summary_en", "keywords", "trl"])
    for n in range(rows):
        title = TITLES[n % 3].format(n=n)
        sheet.append(
            [
                f"BENCH-{n}",
                owners[n % len(owners)],
                "offer",
                title,
                title,
                "A summary of the offer",
                "电池, battery",
                1 + n % 9,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def baseline_read(data: bytes) -> float:
    from openpyxl import load_workbook

    began = time.perf_counter()
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    cells = sum(1 for row in workbook.worksheets[0].iter_rows() for _cell in row)
    workbook.close()
    assert cells > 0
    return time.perf_counter() - began


def child(rows: int) -> None:
    """Inside the benchmark's Django environment: set up, time, print JSON."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from techbridge.accounts.models import User
    from techbridge.directory.models import Centre, CentreOperator, Organisation
    from techbridge.market.domain.importing import do_import, plan_import
    from techbridge.market.models import Listing

    call_command("migrate", verbosity=0, interactive=False)
    centre = Centre.objects.create(slug="bench", name={"en": "Bench"}, country="HU", city="Budapest")
    operator = User.objects.create_user("operator@bench.local", None, display_name="Operator")
    CentreOperator.objects.create(centre=centre, user=operator)
    owners = [
        Organisation.objects.create(
            name={"en": f"Org {n}"}, kind="enterprise", country="HU", centre=centre
        ).pk
        for n in range(50)
    ]
    data = build_xlsx(rows, owners)
    baseline = baseline_read(data)
    began = time.perf_counter()
    plan = plan_import(user=operator, kind="listings", data=data, filename="bench.xlsx")
    checked = time.perf_counter() - began
    batch = do_import(plan=plan, user=operator, now=timezone.now())
    total = time.perf_counter() - began
    assert batch.created == rows == Listing.objects.count(), (batch.created, rows)
    print(
        json.dumps(
            {
                "rows": rows,
                "file_bytes": len(data),
                "baseline_openpyxl_read_s": round(baseline, 2),
                "baseline_rows_per_second": round(rows / baseline),
                "check_s": round(checked, 2),
                "import_total_s": round(total, 2),
                "import_rows_per_second": round(rows / total),
            }
        )
    )


def run(url: str, data_dir: Path, rows: int) -> dict[str, Any]:
    env = {
        **os.environ,
        "TECHBRIDGE_DATA_DIR": str(data_dir),
        "TECHBRIDGE_DATABASE_URL": url,
        "TECHBRIDGE_TASKS_BACKEND": "immediate",
        "TECHBRIDGE_DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "techbridge.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    result = subprocess.run(  # noqa: S603
        [PYTHON, __file__, "--child", "--rows", str(rows)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.child:
        child(args.rows)
        return
    results: dict[str, Any] = {"benchmark": "market_import", "target_rows_per_second": 1000}
    with tempfile.TemporaryDirectory(prefix="techbridge-bench-") as tmp:
        if args.only in (None, "sqlite"):
            results["sqlite"] = run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", Path(tmp), args.rows)
        if args.only in (None, "postgresql"):
            pg = create_postgres_database("techbridge_bench_import")
            if pg is None:
                results["postgresql"] = {"skipped": "no PostgreSQL server at 127.0.0.1:5432"}
            else:
                try:
                    results["postgresql"] = run(pg, Path(tmp), args.rows)
                finally:
                    drop_postgres_database(pg)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
