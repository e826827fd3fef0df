"""The `market` fixture (helpers live in market_world.py: conftest modules must not be imported)."""

from __future__ import annotations

import pytest
from market_world import Market, build_market


@pytest.fixture
def market(db: None) -> Market:
    return build_market()
