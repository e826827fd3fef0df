"""Signing in through the login page, as a person would (conftest modules must not be imported)."""

from __future__ import annotations

from typing import Any

from factories import PASSWORD


def sign_in(page: Any, base: str, email: str) -> None:
    """Forget whoever was signed in, sign `email` in and wait for the home page."""
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
