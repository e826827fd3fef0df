"""The API documentation renders its operations in a real browser, under the project's CSP."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_the_operations_from_our_own_files(
    live_server: Any, page: Any, transactional_db: None
) -> None:
    requested: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/api/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=20_000)
    assert page.locator(".opblock").count() > 20
    assert all(url.startswith((live_server.url, "data:")) for url in requested), requested
    assert not [p for p in problems if "Content Security Policy" in p], problems
