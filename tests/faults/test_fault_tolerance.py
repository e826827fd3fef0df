# ruff: noqa: S603, S608 - the fault tests drive PostgreSQL and manage.py as processes
"""Fault tests on a PostgreSQL cluster of their own: a database restart under load, a worker killed
mid-job, a backup and restore round trip (and SQLite's backup API). Slow: run with `-m slow`."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from private_postgres import (
    PrivateCluster,
    manage,
    manage_env,
    postgres_bin,
    private_cluster,
    start_worker,
    wait_until,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(postgres_bin() is None, reason="needs PostgreSQL's initdb and pg_ctl"),
]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PrivateCluster, dict[str, str]]]:
    with private_cluster() as started:
        started.create_database("techbridge")
        env = manage_env(started.url(), tmp_path_factory.mktemp("data"))
        manage(env, "migrate", "--noinput")
        yield started, env


def _statuses(cluster: PrivateCluster, ids: list[str]) -> dict[str, str]:
    wanted = {task_id.replace("-", "") for task_id in ids}
    with psycopg.connect(cluster.url()) as connection:
        rows = connection.execute(
            "SELECT id::text, status FROM django_tasks_database_dbtaskresult"
        ).fetchall()
    return {key: row[1] for row in rows if (key := str(row[0]).replace("-", "")) in wanted}


def test_a_database_restart_under_load_loses_no_acknowledged_write_and_the_worker_goes_on(
    cluster: tuple[PrivateCluster, dict[str, str]], tmp_path: Path
) -> None:
    postgres, env = cluster
    worker = start_worker(env, tmp_path / "worker.log")
    stop, report = tmp_path / "stop", tmp_path / "load.txt"
    with report.open("w") as output:
        load = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("enqueue_load.py")), str(stop)],
            env=env,
            stdout=output,
            text=True,
        )

    def lines() -> list[list[str]]:
        return [line.split(" ", 2) for line in report.read_text().splitlines() if line.count(" ") >= 2]

    def acknowledged_since(moment: float) -> int:
        return sum(1 for line in lines() if line[0] == "ok" and float(line[1]) > moment)

    try:
        assert wait_until(lambda: acknowledged_since(0) >= 10, timeout=180)
        postgres.pg_ctl("restart", "-m", "fast")
        restarted_at = time.time()
        assert wait_until(lambda: acknowledged_since(restarted_at) >= 10, timeout=60)
        stop.touch()
        load.wait(timeout=60)
        acknowledged = [line[2].replace("-", "") for line in lines() if line[0] == "ok"]
        errors_after = [line for line in lines() if line[0] == "error" and float(line[1]) > restarted_at]

        assert errors_after == []
        assert wait_until(
            lambda: set(_statuses(postgres, acknowledged).values()) == {"SUCCESSFUL"}, timeout=180
        ), (tmp_path / "worker.log").read_text()[-3000:]
        assert len(_statuses(postgres, acknowledged)) == len(acknowledged)  # 0 acknowledged writes lost
        assert worker.poll() is None  # the worker is still running
    finally:
        load.kill()
        worker.send_signal(signal.SIGKILL)
        worker.wait()


def test_a_job_of_a_killed_worker_is_retried_within_its_lease(
    cluster: tuple[PrivateCluster, dict[str, str]], tmp_path: Path
) -> None:
    # Only this job's row is watched, and it goes first in the queue: the restart test before it
    # leaves jobs of its own in the database (successful expiry runs, and a job its killed worker
    # was running, which the first worker here takes again and which would block on the lock too).
    postgres, env = cluster
    with psycopg.connect(postgres.url()) as blocker:
        # Hold the table the expiry job reads, so the job is mid-run when its worker is killed.
        blocker.execute("LOCK TABLE market_listing IN ACCESS EXCLUSIVE MODE")
        enqueued = subprocess.run(
            [sys.executable, "-c", _ENQUEUE.format(job="market.expire_listings")],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        task_id = enqueued.stdout.split()[-1]
        first = start_worker(env, tmp_path / "first.log", lease_seconds=3)
        assert wait_until(lambda: _status(postgres, task_id) == "RUNNING", timeout=60)
        first.send_signal(signal.SIGKILL)
        first.wait()
        blocker.rollback()
    second = start_worker(env, tmp_path / "second.log", lease_seconds=3)
    try:
        assert wait_until(lambda: _status(postgres, task_id) == "SUCCESSFUL", timeout=90), (
            tmp_path / "second.log"
        ).read_text()[-3000:]
        assert len(_worker_ids(postgres, task_id)) == 2  # claimed by the killed worker, then the second
    finally:
        second.send_signal(signal.SIGKILL)
        second.wait()


_ENQUEUE = (
    "import django; django.setup(); from django.tasks.base import TASK_MAX_PRIORITY; "
    "from techbridge.common.jobs import registered_job; "
    "print(registered_job('{job}').using(priority=TASK_MAX_PRIORITY).enqueue().id)"
)


def _status(cluster: PrivateCluster, task_id: str) -> str | None:
    return _statuses(cluster, [task_id]).get(task_id.replace("-", ""))


def _worker_ids(cluster: PrivateCluster, task_id: str) -> list[str]:
    with psycopg.connect(cluster.url()) as connection:
        row = connection.execute(
            "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE id::text = %s", [task_id]
        ).fetchone()
    assert row is not None
    return list(row[0])


def _row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {
            table: int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # type: ignore[index]
            for table in tables
        }


def test_pg_dump_and_pg_restore_round_trip_keeps_every_table(
    cluster: tuple[PrivateCluster, dict[str, str]], tmp_path: Path
) -> None:
    postgres, env = cluster
    manage(env, "shell", "-c", _SOME_ROWS)
    dump = tmp_path / "techbridge.dump"
    postgres.tool("pg_dump", "--format=custom", "--no-owner", f"--file={dump}", postgres.url())
    postgres.create_database("techbridge_restored")
    postgres.tool(
        "pg_restore",
        "--no-owner",
        "--exit-on-error",
        f"--dbname={postgres.url('techbridge_restored')}",
        str(dump),
    )

    original = _row_counts(postgres.url())
    assert original["accounts_user"] >= 1
    assert _row_counts(postgres.url("techbridge_restored")) == original


_SOME_ROWS = (
    "from techbridge.accounts.models import User; "
    "User.objects.create_user('backup@example.org', 'a long password 123', display_name='Backup')"
)


def test_sqlite_backup_api_round_trip_keeps_every_table(tmp_path: Path) -> None:
    source_path = tmp_path / "techbridge.sqlite3"
    env = manage_env(f"sqlite:///{source_path}", tmp_path)
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", _SOME_ROWS)
    copy_path = tmp_path / "backup.sqlite3"
    source, copy = sqlite3.connect(source_path), sqlite3.connect(copy_path)
    source.backup(copy)  # what docs/deployment.md tells operators to run
    copy.close()

    def counts(path: Path) -> dict[str, int]:
        with sqlite3.connect(path) as connection:
            tables = [
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            return {
                table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables
            }

    original = counts(source_path)
    source.close()
    assert original["accounts_user"] == 1
    assert counts(copy_path) == original
