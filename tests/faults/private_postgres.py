# ruff: noqa: S603, PTH207 - the fault tests drive PostgreSQL and manage.py as processes
"""A PostgreSQL cluster of the test's own (initdb + pg_ctl on a temporary directory and a free
port), so fault tests may restart it; the machine's own server is never touched."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from glob import glob
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]


def postgres_bin() -> Path | None:
    found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(command: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as the `postgres` system user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class PrivateCluster:
    bin: Path
    directory: Path
    port: int

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, database: str = "techbridge") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def pg_ctl(self, *args: str) -> None:
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.directory / "log"), "-w"]
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        subprocess.run(_as_postgres([*command, "-o", options, *args]), check=True, capture_output=True)

    def tool(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / name), *args], check=True, capture_output=True, text=True, timeout=300
        )

    def create_database(self, name: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')


@contextmanager
def private_cluster() -> Iterator[PrivateCluster]:
    bin_dir = postgres_bin()
    assert bin_dir is not None
    directory = Path(tempfile.mkdtemp(prefix="techbridge-pg-"))
    directory.chmod(0o777)
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres")
    cluster = PrivateCluster(bin_dir, directory, _free_port())
    subprocess.run(
        _as_postgres(
            [str(bin_dir / "initdb"), "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    cluster.pg_ctl("start")
    try:
        yield cluster
    finally:
        try:
            cluster.pg_ctl("stop", "-m", "immediate")
        finally:
            shutil.rmtree(directory, ignore_errors=True)


def manage_env(database_url: str, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "techbridge.settings",
        "TECHBRIDGE_DATABASE_URL": database_url,
        "TECHBRIDGE_DATA_DIR": str(data_dir),
        "TECHBRIDGE_EMBEDDER": "hashing",
    }


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        timeout=timeout,
    )


def start_worker(env: dict[str, str], log: Path, *, lease_seconds: float = 5) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "run_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0.2",
                "--lease-seconds",
                str(lease_seconds),
            ],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_until(condition: object, *, timeout: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(every)
    return False
