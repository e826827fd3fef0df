"""Shared fixtures for the Django tests (the core's tests in tests/core need none of this)."""

from __future__ import annotations

import pytest

from world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()
