"""manage.py annual_report --year 2026 --scope alliance|centre:<slug> --language zh-hans|en|hu --out report.pdf"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from techbridge.statistics.domain.report import FORMATS, LANGUAGES, write_report
from techbridge.statistics.domain.scope import ScopeError, parse_scope


class Command(BaseCommand):
    help = "Write the annual report of cooperation results (PDF or DOCX) for the alliance or a centre."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True)
        parser.add_argument("--scope", default="alliance", help="alliance or centre:<slug>")
        parser.add_argument("--language", default="en", choices=LANGUAGES)
        parser.add_argument("--out", required=True, help="report.pdf or report.docx")
        parser.add_argument("--format", choices=FORMATS, help="default: from the suffix of --out")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        file_format = options["format"] or out.suffix.lstrip(".").lower()
        if file_format not in FORMATS:
            raise CommandError("--out must end in .pdf or .docx (or give --format).")
        where = options["scope"]
        if where != "alliance" and not where.startswith("centre:"):
            raise CommandError("--scope is alliance or centre:<slug>.")
        params = {
            "year": options["year"],
            "centre": where.removeprefix("centre:") if where != "alliance" else "",
        }
        try:
            scope = parse_scope(params)
        except ScopeError as error:
            raise CommandError(f"{error.field}: {error.message}") from error
        content = write_report(scope, language=options["language"], file_format=file_format)
        out.write_bytes(content)
        self.stdout.write(f"Wrote {out} ({len(content)} bytes)")
