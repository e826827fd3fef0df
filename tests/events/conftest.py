"""The `events` fixture (helpers live in events_world.py: conftest modules must not be imported)."""

from __future__ import annotations

import pytest
from events_world import Events, build_events

from world import World


@pytest.fixture
def events(world: World) -> Events:
    return build_events(world)
