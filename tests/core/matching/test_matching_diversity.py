from techbridge_core.matching.diversity import cap_per_organisation

ORGANISATION_OF = {"a1": "a", "a2": "a", "a3": "a", "b1": "b", "c1": "", "c2": ""}


def test_cap_per_organisation_moves_overflow_below_window():
    ordered = ["a1", "a2", "a3", "b1", "c1"]

    capped = cap_per_organisation(ordered, organisation_of=ORGANISATION_OF.__getitem__, cap=2, window=4)

    assert capped == ("a1", "a2", "b1", "c1", "a3")


def test_cap_per_organisation_never_caps_ids_without_organisation():
    capped = cap_per_organisation(["c1", "c2"], organisation_of=ORGANISATION_OF.__getitem__, cap=1, window=2)

    assert capped == ("c1", "c2")


def test_cap_per_organisation_keeps_order_when_nothing_exceeds_cap():
    ordered = ["a1", "b1", "a2"]

    assert cap_per_organisation(ordered, organisation_of=ORGANISATION_OF.__getitem__, cap=2, window=3) == (
        "a1",
        "b1",
        "a2",
    )


def test_cap_per_organisation_with_limit_returns_only_what_is_needed():
    ordered = ["a1", "a2", "a3", "b1", "c1", "c2"]

    capped = cap_per_organisation(
        ordered, organisation_of=ORGANISATION_OF.__getitem__, cap=1, window=2, limit=1
    )

    assert capped == ("a1", "b1", "a2", "a3", "c1")
