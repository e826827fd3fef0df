"""Run in a child process against a scratch database (see test_notifications_migration.py): migrate
to just before the move, write market notifications, move them, write one more, move them back.
Prints the rows seen at each step as JSON. A child process, because the data migrations of other
apps write through the default database and a migration test must not disturb the test database."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any

import django
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE: list[tuple[str, str | None]] = [("market", "0006_search_snapshots"), ("notifications", None)]
AFTER: list[tuple[str, str | None]] = [
    ("market", "0008_notifications_moved"),
    ("notifications", "0001_initial"),
]
AT = datetime(2026, 11, 30, 8, tzinfo=UTC)


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([(app, name) for app, name in targets if name is not None]).apps


def main() -> None:
    django.setup()
    call_command("migrate", verbosity=0)
    old_apps = _migrate(BEFORE)
    user = old_apps.get_model("accounts", "User").objects.create(email="old@example.org", display_name="Old")
    old = old_apps.get_model("market", "Notification")
    for pk in (7, 42):
        old.objects.create(id=pk, recipient_id=user.pk, kind="eoi_status", subject=f"N{pk}", created_at=AT)

    new_apps = _migrate(AFTER)
    moved = new_apps.get_model("notifications", "Notification")
    moved.objects.create(recipient_id=user.pk, kind="eoi_status", subject="new", created_at=AT)
    after = sorted(moved.objects.values_list("id", "subject", "email_state"))

    back_apps = _migrate(BEFORE)
    back = sorted(back_apps.get_model("market", "Notification").objects.values_list("id", "subject"))
    _migrate(AFTER)
    sys.stdout.write(json.dumps({"after": after, "back": back}) + "\n")


if __name__ == "__main__":
    main()
