"""The API enforces the forms' rules, because both call the same domain checks: a listing's
bounds, confidential sharing, dates, plain text and technology fields; a booking's texts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from techbridge.directory.models import Organisation
from techbridge.market.forms import ListingForm
from world_objects import Objects, build_objects

BROKEN: dict[str, tuple[dict[str, Any], str]] = {
    "budget above its maximum": ({"budget_min": 500, "budget_max": 100}, "budget_max"),
    "confidential shared with nobody": ({"visibility": "confidential"}, "shared_with"),
    "deadline in 1900": ({"deadline": "1900-01-01"}, "deadline"),
    "HTML in a plain-text field": ({"target_regions": "<b>EU</b>"}, "target_regions"),
    "unknown technology field": ({"technology_fields": ["2.5", "9.99"]}, "technology_fields"),
}


@pytest.fixture
def objects(db: None) -> Objects:
    return build_objects()


def _client(objects: Objects, role: str = "org_member") -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {objects.tokens[role]}")


def _demand(objects: Objects, **fields: Any) -> dict[str, Any]:
    return {
        "kind": "demand",
        "owner_organisation": objects.world.pending.pk,
        "title": {"en": "Cold-climate electrolyte"},
        "summary": {"en": "For electric buses"},
        **fields,
    }


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_api_refuses_what_the_form_refuses_naming_the_field(objects: Objects, case: str) -> None:
    fields, field = BROKEN[case]

    response = _client(objects).post(
        "/api/v1/listings", json.dumps(_demand(objects, **fields)), content_type="application/json"
    )

    assert response.status_code == 422
    assert field in [entry["loc"][-1] for entry in response.json()["detail"]]


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_form_refuses_the_same_on_the_same_field(objects: Objects, case: str) -> None:
    fields, field = BROKEN[case]
    data = {
        "owner_organisation": objects.world.pending.pk,
        "title_en": "Cold-climate electrolyte",
        "summary_en": "For electric buses",
        "visibility": "public",
        "open_for_interest": "on",
        **fields,
    }
    if "technology_fields" in data:
        data["technology_fields"] = _field_ids(data["technology_fields"])

    form = ListingForm(data, kind="demand", owner_choices=Organisation.objects.all())

    assert not form.is_valid()
    assert field in form.errors, form.errors


def _field_ids(codes: list[str]) -> list[str]:
    from techbridge.directory.models import TechnologyField

    known = dict(TechnologyField.objects.values_list("code", "pk"))
    return [str(known.get(code, 999_999)) for code in codes]


def test_a_valid_confidential_listing_is_shared_through_the_api(objects: Objects) -> None:
    body = _demand(
        objects,
        visibility="confidential",
        shared_with=[objects.world.published.pk],
        budget_min=1,
        budget_max=2,
    )

    response = _client(objects).post("/api/v1/listings", json.dumps(body), content_type="application/json")

    assert response.status_code == 201, response.content
    assert response.json()["visibility"] == "confidential"


def test_patch_to_confidential_without_sharing_is_refused(objects: Objects) -> None:
    own = objects.listings["own_draft"]

    response = _client(objects).patch(
        f"/api/v1/listings/{own.pk}",
        json.dumps({"visibility": "confidential"}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "shared_with"]


def test_booking_purpose_and_decision_note_refuse_html_like_the_forms(objects: Objects) -> None:
    booking = {
        "instrument_id": objects.instrument.pk,
        "start": "2030-01-07T10:00:00",
        "end": "2030-01-07T11:00:00",
        "purpose": "<script>x</script>",
    }

    created = _client(objects).post("/api/v1/bookings", json.dumps(booking), content_type="application/json")
    decided = _client(objects, "platform_admin").post(
        f"/api/v1/bookings/{objects.booking.pk}/reject",
        json.dumps({"note": "<i>no</i>"}),
        content_type="application/json",
    )

    assert (created.status_code, decided.status_code) == (422, 422)
    assert created.json()["detail"][0]["loc"] == ["body", "purpose"]
