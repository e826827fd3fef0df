"""The notifications moved out of the market with their ids, and the move runs backwards too."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from factories import make_user

BEFORE: list[tuple[str, str | None]] = [("market", "0006_search_snapshots"), ("notifications", None)]
AFTER: list[tuple[str, str | None]] = [
    ("market", "0007_notifications_moved"),
    ("notifications", "0001_initial"),
]
AT = datetime(2026, 11, 30, 8, tzinfo=UTC)
LOCALE = Path(__file__).resolve().parents[2] / "src" / "techbridge" / "notifications" / "locale"


def _migrate(targets: Sequence[tuple[str, str | None]]):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([(app, name) for app, name in targets if name is not None]).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notifications_keep_their_rows_and_ids_through_the_move_and_back() -> None:
    user = make_user()
    try:
        old_apps = _migrate(BEFORE)
        old = old_apps.get_model("market", "Notification")
        for pk in (7, 42):
            old.objects.create(
                id=pk, recipient_id=user.pk, kind="eoi_status", subject=f"N{pk}", created_at=AT
            )

        new_apps = _migrate(AFTER)
        moved = new_apps.get_model("notifications", "Notification")
        fresh = moved.objects.create(recipient_id=user.pk, kind="eoi_status", subject="new", created_at=AT)
        rows = sorted(moved.objects.values_list("id", "subject", "email_state"))

        back_apps = _migrate(BEFORE)
        returned = sorted(back_apps.get_model("market", "Notification").objects.values_list("id", "subject"))
    finally:
        _migrate(AFTER)

    assert rows == [(7, "N7", "sent"), (42, "N42", "sent"), (fresh.pk, "new", "none")]
    assert fresh.pk > 42  # the id sequence moved past the copied rows
    assert returned == [(7, "N7"), (42, "N42"), (fresh.pk, "new")]


@pytest.mark.parametrize("language", ["zh_Hans", "hu"])
def test_every_notifications_string_is_translated(language: str) -> None:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))

    assert ([e.msgid for e in catalogue.untranslated_entries()], catalogue.fuzzy_entries()) == ([], [])
    assert len(catalogue) > 20
