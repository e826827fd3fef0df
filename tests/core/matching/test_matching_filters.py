import dataclasses

import pytest
from matching_fakes import offer

from techbridge_core.matching import Feedback, Query
from techbridge_core.matching.filters import kinds_compatible, passes_filters

QUERY = Query(fields=(("title", "battery"),), kind="demand", organisation_id="asker")


NO_FEEDBACK = Feedback()


def _passes(document, query=QUERY, feedback=NO_FEEDBACK, allowed_ids=None):
    return passes_filters(query, document, feedback=feedback, allowed_ids=allowed_ids)


@pytest.mark.parametrize(
    ("asking", "candidate", "expected"),
    [
        ("demand", "offer", True),
        ("demand", "expertise", True),
        ("demand", "service", True),
        ("demand", "demand", False),
        ("demand", "capital", False),
        ("capital", "offer", True),
        ("capital", "demand", False),
        ("offer", "demand", True),
        ("offer", "capital", True),
        ("offer", "offer", False),
        ("expertise", "demand", True),
        ("rnd_request", "expertise", True),
        (None, "capital", True),
    ],
)
def test_kinds_compatible_pairs_listing_types(asking, candidate, expected):
    assert kinds_compatible(asking, candidate) is expected


def test_passes_filters_excludes_incompatible_kind():
    assert not _passes(offer("x", "battery", kind="demand"))


def test_passes_filters_excludes_the_askers_own_organisation():
    assert not _passes(offer("x", "battery", organisation_id="asker"))


def test_passes_filters_excludes_ids_outside_allowed_set():
    assert not _passes(offer("x", "battery"), allowed_ids=frozenset({"y"}))
    assert _passes(offer("y", "battery"), allowed_ids=frozenset({"y"}))


def test_passes_filters_applies_country_and_technology_constraints():
    query = dataclasses.replace(QUERY, countries=frozenset({"HU"}), technology_fields=frozenset({"energy"}))

    assert _passes(offer("a", "x", country="HU", technology_fields=frozenset({"energy"})), query)
    assert not _passes(offer("b", "x", country="CN", technology_fields=frozenset({"energy"})), query)
    assert not _passes(offer("c", "x", country="HU", technology_fields=frozenset({"bio"})), query)


@pytest.mark.parametrize(("trl", "expected"), [(3, False), (4, True), (6, True), (7, False)])
def test_passes_filters_keeps_trl_inside_window(trl, expected):
    query = dataclasses.replace(QUERY, trl_min=4, trl_max=6)

    assert _passes(offer("x", "battery", trl=trl), query) is expected


def test_passes_filters_lets_unknown_trl_through():
    query = dataclasses.replace(QUERY, trl_min=4, trl_max=6)

    assert _passes(offer("x", "battery"), query)


def test_passes_filters_honours_never_organisation_and_veto():
    feedback = Feedback(never_organisations=frozenset({"spam"}), vetoed_ids=frozenset({"v"}))

    assert not _passes(offer("x", "battery", organisation_id="spam"), feedback=feedback)
    assert not _passes(offer("v", "battery"), feedback=feedback)
    assert _passes(offer("ok", "battery", organisation_id="fine"), feedback=feedback)
