from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from techbridge.api.api import api


def openapi_document() -> str:
    """The schema as committed: sorted keys and a final newline, so diffs are stable."""
    return json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the OpenAPI schema of /api/ to a file (committed as docs/api/openapi.json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        options["path"].write_text(openapi_document(), encoding="utf-8")
        self.stdout.write(f"Wrote {options['path']}")
