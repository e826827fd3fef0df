"""The `coop` fixture (helpers live in coop_world.py: conftest modules must not be imported)."""

from __future__ import annotations

import pytest
from coop_world import Coop, build_coop


@pytest.fixture
def coop(db: None) -> Coop:
    return build_coop()
