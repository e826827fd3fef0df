"""The `matching` fixture (helpers live in matching_world.py: conftest modules must not be imported)."""

from __future__ import annotations

import pytest
from matching_experts_world import ExpertsWorld, build_experts_world
from matching_world import MatchingWorld, build_matching_world


@pytest.fixture
def matching(db: None) -> MatchingWorld:
    return build_matching_world()


@pytest.fixture
def experts(matching: MatchingWorld) -> ExpertsWorld:
    return build_experts_world(matching)
