"""manage.py rebuild_statistics: recount the statistics aggregates of every month from the records."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from techbridge.statistics.domain.aggregates import SOURCE_CODES, rebuild


class Command(BaseCommand):
    help = "Recount the statistics aggregates from the records (after an import or a bulk change)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", action="append", choices=sorted(SOURCE_CODES), help="default: all")

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.perf_counter()
        written = rebuild(options["source"])
        self.stdout.write(
            f"{sum(written.values())} aggregate rows from {len(written)} sources "
            f"in {time.perf_counter() - began:.1f} s"
        )
