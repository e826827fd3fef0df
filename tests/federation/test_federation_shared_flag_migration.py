"""The migration adding "shared with the alliance" keeps today's behaviour for existing rows:
published events and public facilities' instruments stay shared, nothing else becomes shared; on
SQLite the booking triggers survive the instruments table's rebuild. Run in a child process on a
scratch database, as tests/notifications/test_notifications_migration.py does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _scratch_postgres(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_federation_migration_check"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def test_federation_shared_flag_migration_keeps_what_travelled(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TECHBRIDGE_DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="techbridge.test_settings",
        TECHBRIDGE_DATA_DIR=str(tmp_path),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests"), env.get("PYTHONPATH", "")]),
    )
    url = os.environ.get("TECHBRIDGE_DATABASE_URL", "")
    scratch = ""
    if url.startswith("postgres"):
        env["TECHBRIDGE_DATABASE_URL"], scratch = _scratch_postgres(url)
    try:
        done = subprocess.run(  # noqa: S603 - our own script, run with this interpreter
            [sys.executable, str(HERE / "federation_migration_check.py")],
            env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
    finally:
        if scratch:
            with psycopg.connect(
                urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True
            ) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])

    assert result["events"] == {"published-fair": True, "draft-fair": False, "past-fair": False}
    assert result["instruments"] == {"public-sem": True, "public-retired": True, "private-nmr": False}
    if not url.startswith("postgres"):
        assert result["triggers"] == [
            "booking_no_overlap_insert", "booking_no_overlap_update",
            "booking_seat_within_capacity_insert", "booking_seat_within_capacity_update",
        ]  # fmt: skip
