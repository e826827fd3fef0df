"""Shared fixtures for the Django tests (the core's tests in tests/core need none of this)."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _fresh_market_page_cache() -> None:
    """Cached search fragments (decision 0011) are keyed by a revision a rolled-back test may reuse."""
    caches["market"].clear()
    caches["default"].clear()  # throttle counters (sign-in, reset, ...): each test starts unthrottled
