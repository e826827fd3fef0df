"""Across languages with the real model: a Chinese demand finds the English-profile expert.

The test embedder (TECHBRIDGE_EMBEDDER="hashing", character trigrams) shares nothing between
Chinese and English text, and BM25 cannot cross languages either, so only multilingual-e5
can make this match. The model is built into DATA_DIR/models on first use (about 20 s), as
in test_matching_e5_offline.py; marked slow, it still runs in `make test` and CI.
"""

from __future__ import annotations

from typing import Any

import pytest
from matching_experts_world import BATTERY_EXPERTISE, COATING_EXPERTISE, build_expert, run_expert_index
from matching_world import MatchingWorld, build_listing

from techbridge.directory.access import visible_organisations
from techbridge.matching.access import candidate_experts
from techbridge.matching.domain.embedders import get_embedder
from techbridge.matching.domain.experts import suggested_experts

pytestmark = pytest.mark.slow


def test_a_chinese_demand_finds_the_english_profile_expert(matching: MatchingWorld, settings: Any) -> None:
    settings.TECHBRIDGE_EMBEDDER = "e5"
    assert get_embedder().name.startswith("multilingual-e5")
    demand = build_listing(
        matching.owner_org,
        kind="demand",
        title={"zh-hans": "寻求低温锂电池电解液技术"},
        summary={"zh-hans": "我们的电动公交车需要在零下四十度仍能工作的锂电池。"},
        description={},
    )
    battery = build_expert(matching.partner_org, BATTERY_EXPERTISE, full_name="Dr. Battery")
    others = [
        build_expert(matching.partner_org, COATING_EXPERTISE, full_name="Dr. Coating"),
        build_expert(
            matching.secret_org,
            {"en": "Food packaging design, shelf-life studies and recyclable plastics."},
            full_name="Dr. Packaging",
        ),
        build_expert(
            matching.secret_org,
            {"hu": "Szőlőtermesztés és borászati technológia, erjesztés szabályozása."},
            full_name="Dr. Wine",
        ),
    ]
    assert run_expert_index() == 1 + len(others)

    suggestions = suggested_experts(
        user=matching.owner,
        experts=candidate_experts(matching.owner),
        organisations=visible_organisations(matching.owner),
        listing=demand,
    )

    assert suggestions[0].profile.pk == battery.pk
    explanation = suggestions[0].match.explanation
    assert explanation is not None
    assert (explanation.query_language, explanation.candidate_language) == ("zh", "en")
    assert suggestions[0].match.parts.semantic > max(s.match.parts.semantic for s in suggestions[1:])
