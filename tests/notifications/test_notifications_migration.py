"""The notifications moved out of the market with their ids, and the move runs backwards too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import polib
import psycopg
import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LOCALE = ROOT / "src" / "techbridge" / "notifications" / "locale"


def _run_check(env: dict[str, str]) -> dict[str, list[list[object]]]:
    done = subprocess.run(  # noqa: S603 - our own script, run with this interpreter
        [sys.executable, str(HERE / "migration_check.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, list[list[object]]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _scratch_postgres(url: str) -> tuple[str, str]:
    """A fresh database beside the one the tests use; (its URL, its name)."""
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_migration_check"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def test_notifications_keep_their_rows_and_ids_through_the_move_and_back(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "TECHBRIDGE_DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="techbridge.test_settings",
        TECHBRIDGE_DATA_DIR=str(tmp_path),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]),
    )
    url = os.environ.get("TECHBRIDGE_DATABASE_URL", "")
    scratch = ""
    if url.startswith("postgres"):
        env["TECHBRIDGE_DATABASE_URL"], scratch = _scratch_postgres(url)
    try:
        result = _run_check(env)
    finally:
        if scratch:
            with psycopg.connect(
                urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True
            ) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{scratch}"')

    (first, second, fresh) = result["after"]
    assert (first, second) == ([7, "N7", "sent"], [42, "N42", "sent"])
    assert fresh[1:] == ["new", "none"]
    assert int(fresh[0]) > 42  # type: ignore[call-overload]  # the id sequence moved past the copied rows
    assert result["back"] == [[7, "N7"], [42, "N42"], [fresh[0], "new"]]


@pytest.mark.parametrize("language", ["zh_Hans", "hu"])
def test_every_notifications_string_is_translated(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))

    assert ([e.msgid for e in catalogue.untranslated_entries()], catalogue.fuzzy_entries()) == ([], [])
    assert len(catalogue) > 20
