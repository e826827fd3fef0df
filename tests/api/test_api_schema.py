from pathlib import Path

from techbridge.api.api import api
from techbridge.api.management.commands.export_openapi import openapi_document

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def test_committed_schema_matches_the_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == openapi_document(), (
        "docs/api/openapi.json is stale: run `make api-schema` and commit the result"
    )


def test_every_writing_operation_requires_authentication() -> None:
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in {"post", "put", "patch", "delete"}:
                assert operation.get("security"), f"{method.upper()} {path} has no authentication"
