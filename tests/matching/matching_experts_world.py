"""Experts of every visibility around the matching world's lithium-electrolyte demand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matching_world import MatchingWorld

from factories import make_expert, make_person, technology_field
from techbridge.directory.enums import ProfileVisibility
from techbridge.directory.models import ExpertProfile, Organisation
from techbridge.matching.tasks import index_experts

BATTERY_EXPERTISE = {
    "en": "Lithium battery electrolytes: low-temperature cell chemistry and cold-climate testing of cells.",
}
COATING_EXPERTISE = {"en": "Anticorrosion coatings for ship hulls and offshore steel structures."}
BATTERY_FIELD = "2.5"


def build_expert(
    organisation: Organisation | None, expertise: dict[str, str], **person: Any
) -> ExpertProfile:
    person.setdefault("languages", ["en", "zh"])
    return make_expert(
        make_person(organisation=organisation, **person),
        expertise=expertise,
        qualifications={"en": "PhD in electrochemistry; 15 years in industry."},
        technology_fields=[technology_field(BATTERY_FIELD)],
    )


def run_expert_index() -> int:
    result = index_experts.enqueue(batch_size=2)
    assert result.return_value is not None
    return int(result.return_value["embedded"])


@dataclass
class ExpertsWorld:
    matching: MatchingWorld
    battery_expert: ExpertProfile
    coating_expert: ExpertProfile
    private_expert: ExpertProfile
    own_expert: ExpertProfile


def build_experts_world(matching: MatchingWorld) -> ExpertsWorld:
    matching.demand.technology_fields.set([technology_field(BATTERY_FIELD)])
    world = ExpertsWorld(
        matching=matching,
        battery_expert=build_expert(matching.partner_org, BATTERY_EXPERTISE, full_name="Dr. Battery Public"),
        coating_expert=build_expert(
            matching.partner_org, COATING_EXPERTISE, full_name="Dr. Coating Public", languages=["hu"]
        ),
        private_expert=build_expert(
            matching.secret_org,
            {"en": "Lithium battery electrolyte for cold climates, low-temperature lithium cells."},
            full_name="Dr. Hidden Private",
            visibility=ProfileVisibility.PRIVATE,
        ),
        own_expert=build_expert(matching.owner_org, BATTERY_EXPERTISE, full_name="Dr. Own Colleague"),
    )
    run_expert_index()
    return world
