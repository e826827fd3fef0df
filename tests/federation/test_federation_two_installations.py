"""Two installations at once: A (Chongqing) shares, B (Budapest) pulls, searches and sends an EOI.

Two `manage.py runserver --noreload` processes on loopback, each with its own database (two SQLite
files, or two PostgreSQL databases when TECHBRIDGE_DATABASE_URL points at PostgreSQL). Steps
inside an installation run as `manage.py shell` with tests/federation/federation_scripts.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(name: str, data_dir: Path, template: str = "") -> str:
    """A new database; a copy of `template` (already migrated) when given: one migration for both."""
    base = os.environ.get("TECHBRIDGE_DATABASE_URL", "")
    if not base.startswith("postgres"):
        if template:
            shutil.copyfile(template.removeprefix("sqlite:///"), data_dir / "db.sqlite3")
        return f"sqlite:///{data_dir / 'db.sqlite3'}"
    import psycopg

    server, _slash, _db = base.rpartition("/")
    database = f"techbridge_fed_{name}_{os.getpid()}"
    copy = f' TEMPLATE "{template.rpartition("/")[2]}"' if template else ""
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}"')
        connection.execute(f'CREATE DATABASE "{database}"{copy}')
    return f"{server}/{database}"


def _drop_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    server, _slash, database = url.rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@dataclass
class Installation:
    name: str
    port: int
    data_dir: Path
    database_url: str
    server: subprocess.Popen[bytes] | None = None
    log: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests/federation")]
            ),
            "TECHBRIDGE_DATA_DIR": str(self.data_dir),
            "TECHBRIDGE_DATABASE_URL": self.database_url,
            "TECHBRIDGE_SITE_URL": self.url,
            "TECHBRIDGE_FEDERATION_NAME": self.name,
            "TECHBRIDGE_TASKS_BACKEND": "database",  # jobs wait in the table: no worker runs here
            "DJANGO_SETTINGS_MODULE": "techbridge.settings",
        }

    def manage(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def run(self, *calls: str) -> Any:
        """Functions of federation_scripts, in one process of this installation (a process costs
        seconds); the RESULT line of each, parsed (one value for one call, else a list)."""
        code = "import federation_scripts as s; " + "; ".join(f"s.{call}" for call in calls)
        process = self.manage("shell", "-c", code)
        output = process.communicate(timeout=300)[0].decode()
        found = re.findall(r"^RESULT (.*)$", output, re.MULTILINE)
        assert process.returncode == 0, f"{self.name}: {calls} failed:\n{output[-3000:]}"
        assert len(found) == len(calls), f"{self.name}: {calls} printed no result:\n{output[-3000:]}"
        results = [json.loads(line) for line in found]
        return results[0] if len(calls) == 1 else results

    def start(self) -> None:
        self.launch()
        self.wait_until_up()

    def launch(self) -> None:
        self.server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                "--skip-checks",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/federation/", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"{self.name} did not start")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=20)
        self.server = None


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310
        return answer.read().decode()


@pytest.fixture
def two_installations(tmp_path: Path) -> Iterator[tuple[Installation, Installation]]:
    made: list[Installation] = []
    for name in ("Chongqing", "Budapest"):
        (tmp_path / name).mkdir()
    try:
        first = Installation("Chongqing", _free_port(), tmp_path / "Chongqing", "")
        first.database_url = _database_url("chongqing", first.data_dir)
        made.append(first)
        process = first.manage("migrate", "--noinput")
        output = process.communicate(timeout=300)[0].decode()
        assert process.returncode == 0, output[-3000:]
        data_dir = tmp_path / "Budapest"
        made.append(
            Installation(
                "Budapest", _free_port(), data_dir, _database_url("budapest", data_dir, first.database_url)
            )
        )
        for installation in made:
            installation.launch()
        for installation in made:
            installation.wait_until_up()
        yield made[0], made[1]
    finally:
        for installation in made:
            installation.stop()
            _drop_database(installation.database_url)


def test_federation_between_two_installations(two_installations: tuple[Installation, Installation]) -> None:
    a, b = two_installations
    ids, invitation = a.run("seed_origin(extra_listings=60)", "invite('Budapest')")

    # Partnership: A invites B out of band; B accepts (signed handshake proving its key).
    accepted = b.manage("federation", "accept", invitation["code"], "--centres", "Budapest Centre")
    output = accepted.communicate(timeout=120)[0].decode()
    assert accepted.returncode == 0, output

    # A stops mid-sync: B took one page, then A is gone; B's next pull fails and keeps its cursor.
    seeded, first = b.run("seed_member()", "pull(max_pages=1)")
    member = seeded["member"]
    assert first["pages"] == 1
    assert first["stored"] == 50
    assert first["cursor"]
    a.stop()
    failed = b.run("pull()")
    assert failed["refused"]
    assert failed["cursor"] == first["cursor"]
    assert failed["errors"] == 1
    a.start()
    resumed, again, state, sent = b.run(
        "pull()",
        "pull()",
        f"remote_state({member})",
        f"send_interest({member}, 'Solid-state battery cathode')",
    )
    assert resumed["stored"] > 0
    assert resumed["duplicates"] == 0
    assert not resumed["refused"]
    assert again["stored"] == 0  # nothing new: the cursor is at the end
    assert state["rows"] == state["distinct"] == 60 + 3 + 1 + 1  # listings shared, event, instrument
    assert state["kinds"] == ["event", "instrument", "listing"]
    assert state["origins"] == ["Chongqing"]
    assert "Graphene anode coating" in state["member"]
    assert "Graphene anode coating" not in state["anonymous"]  # alliance-only: never to anonymous visitors
    assert "Centre-only sensor" not in state["member"]

    # B's pages: the alliance search finds A's records, each with A's origin badge.
    page = _get(f"{b.url}/federation/search/?q=cathode")
    assert "Solid-state battery cathode" in page
    assert "From Chongqing" in page
    assert "Graphene" not in _get(f"{b.url}/federation/search/?q=graphene")
    assert "Cryo electron microscope" in _get(f"{b.url}/federation/search/?q=microscope")
    assert "Chongqing technology fair" in _get(f"{b.url}/federation/search/?kind=event")
    anonymous_page = _get(f"{b.url}/federation/search/?q=electrolyte")
    assert "Confidential electrolyte recipe" in anonymous_page
    assert "Battery Lab" not in anonymous_page

    # B's member expressed interest in A's listing (outbox, then delivered, signed); A's broker sees it.
    assert sent["waiting"] == "pending"
    assert sent["outbox"] == "delivered"
    seen, _accepted = a.run(f"broker_interests({ids['broker']})", "accept_interests()")
    assert len(seen) == 1
    assert seen[0]["listing"] == ids["public"]
    assert "pilot line" in seen[0]["message"]
    statuses = b.run("deliver_and_status()")
    assert statuses["statuses"] == ["forwarded"]  # the status came back

    # A withdraws a listing: gone from B after the next pull. Then a tampered request and a replay.
    seen_again, _withdrawn = a.run(f"broker_interests({ids['broker']})", f"withdraw({ids['public']})")
    assert len(seen_again) == 1  # no duplicate EOI
    _pulled, after, attacks = b.run("pull()", f"remote_state({member})", f"attacks('{a.url}')")
    assert "Solid-state battery cathode" not in after["member"]
    assert "Solid-state battery cathode" not in _get(f"{b.url}/federation/search/?q=cathode")
    assert attacks == {"first": 200, "replay": 401, "tampered": 401, "unsigned": 401}
    errors = a.run("partner_errors()")
    assert errors[b.url]["errors"] >= 2
