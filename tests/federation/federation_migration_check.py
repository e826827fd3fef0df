"""Run in a child process against a scratch database (test_federation_shared_flag_migration.py):
migrate events and instruments to just before the "shared with the alliance" flag, write events and
instruments as they were, migrate forward and print which ones are shared (and the SQLite booking
triggers the instruments migration rebuilt around its table change) as one JSON line."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import django
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0004_statistics_dating_indexes"), ("instruments", "0005_statistics_dating_index")]
AFTER = [("events", "0005_shared_with_alliance"), ("instruments", "0006_shared_with_alliance")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def main() -> None:
    django.setup()
    from factories import make_organisation

    call_command("migrate", verbosity=0)
    old = _migrate(BEFORE)
    event = old.get_model("events", "Event")
    for slug, status in (
        ("published-fair", "published"),
        ("draft-fair", "draft"),
        ("past-fair", "cancelled"),
    ):
        event.objects.create(
            slug=slug, title={"en": slug}, status=status, time_zone="UTC",
            starts_on=date(2027, 5, 1), ends_on=date(2027, 5, 2),
        )  # fmt: skip
    facility = old.get_model("instruments", "Facility")
    instrument = old.get_model("instruments", "Instrument")
    category = old.get_model("instruments", "InstrumentCategory").objects.order_by("pk").first()
    owner = make_organisation()
    for name, public, status in (("public-sem", True, "available"), ("public-retired", True, "retired"),
                                 ("private-nmr", False, "available")):  # fmt: skip
        lab = facility.objects.create(organisation_id=owner.pk, name={"en": name}, is_public=public)
        instrument.objects.create(facility=lab, category=category, name={"en": name}, status=status)

    new = _migrate(AFTER)
    events = dict(new.get_model("events", "Event").objects.values_list("slug", "shared_with_alliance"))
    instruments = {
        row.name["en"]: row.shared_with_alliance
        for row in new.get_model("instruments", "Instrument").objects.all()
    }
    triggers: list[str] = []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'booking_%'")
            triggers = sorted(name for (name,) in cursor.fetchall())
    _migrate(BEFORE)  # and back: the flag goes, the triggers stay
    _migrate(AFTER)
    sys.stdout.write(json.dumps({"events": events, "instruments": instruments, "triggers": triggers}) + "\n")


if __name__ == "__main__":
    main()
