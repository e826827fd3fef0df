from __future__ import annotations

import pytest

from techbridge_core.market.duplicates import ListingDocument, near_duplicates, prepare
from techbridge_core.market.quality import (
    Issue,
    ListingText,
    check_listing,
    contact_details_in,
    identity_leaks,
    is_generic_title,
    missing_fields,
    superlatives_in,
)
from techbridge_core.market.shingles import jaccard, shingles

FILLED = frozenset({"title", "summary", "description", "technology_fields", "partnership_types"})


def _listing(**changes: object) -> ListingText:
    values: dict[str, object] = {
        "kind": "demand",
        "texts": {"title": ("Low-temperature electrolyte for lithium batteries",)},
        "filled": FILLED | {"technical_specification", "deadline"},
    }
    values.update(changes)
    return ListingText(**values)  # type: ignore[arg-type]


def test_missing_fields_lists_kind_specific_fields() -> None:
    listing = _listing(kind="offer", filled=FILLED | {"stage"})

    assert missing_fields(listing) == (
        Issue("missing_field", "trl"),
        Issue("missing_field", "ipr_status"),
        Issue("missing_field", "advantages"),
    )


@pytest.mark.parametrize(
    ("title", "generic"),
    [
        ("New technology", True),
        ("Innovative solution for cooperation", True),
        ("新技术合作", True),
        ("新技术", True),
        ("Új technológia", True),
        ("Low-temperature electrolyte for lithium batteries", False),
        ("低温锂电池电解液配方", False),
        ("Szennyvíztisztítás membránbioreaktorral", True),
        ("Szennyvíztisztítás membrán bioreaktorral kisvárosoknak", False),
    ],
)
def test_is_generic_title(title: str, generic: bool) -> None:
    assert is_generic_title(title) == generic


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The world-leading and revolutionary sensor", ("revolutionary", "world-leading")),
        ("该技术达到国际领先水平，填补空白", ("国际领先", "填补空白")),
        ("Egyedülálló, a legjobb megoldás", ("egyedülálló", "legjobb")),
        ("A robust sensor with a 5 % error", ()),
    ],
)
def test_superlatives_in_three_languages(text: str, found: tuple[str, ...]) -> None:
    assert superlatives_in(text) == found


def test_contact_details_finds_email_url_and_phone() -> None:
    text = "Write to li.na@example.cn, see www.acme.com or call +86 23 6512 3456. Budget 2026."

    assert contact_details_in(text) == ("li.na@example.cn", "www.acme.com", "+86 23 6512 3456")


def test_contact_details_ignores_years_and_amounts() -> None:
    assert contact_details_in("Founded 2019, TRL 6, budget 500 000 EUR") == ()


def test_identity_leaks_only_for_anonymous_listings() -> None:
    texts = {"description": ("Acme Robotics offers a gripper; mail sales@acme.com",)}
    anonymous = _listing(texts=texts, anonymous=True, owner_names=("Acme Robotics", "AR"))
    public = _listing(texts=texts, anonymous=False, owner_names=("Acme Robotics",))

    assert (identity_leaks(anonymous), identity_leaks(public)) == (
        (
            Issue("contact_details", "description", "sales@acme.com"),
            Issue("owner_named", "description", "acme robotics"),
        ),
        (),
    )


def test_check_listing_clean_listing_has_no_issues() -> None:
    assert check_listing(_listing()) == ()


def test_shingles_of_chinese_are_character_pairs() -> None:
    assert shingles("锂电池") == frozenset({"锂电", "电池"})


def test_jaccard_of_disjoint_sets_is_zero() -> None:
    assert jaccard(frozenset({"a"}), frozenset({"b"})) == 0.0


def test_near_duplicates_finds_reworded_copy_in_any_language() -> None:
    original = ListingDocument(1, "Low-temperature electrolyte for lithium batteries used in electric cars")
    copy = ListingDocument(2, "Low-temperature electrolyte for lithium batteries used in electric buses")
    chinese = ListingDocument(3, "用于电动汽车的低温锂电池电解液")
    chinese_copy = ListingDocument(4, "用于电动汽车的低温锂电池电解液技术")
    other = ListingDocument(5, "Drip irrigation controller for greenhouses")

    hits = near_duplicates(original, [original, copy, chinese, other])
    chinese_hits = near_duplicates(chinese_copy, [original, chinese, other])

    assert ([hit.listing_id for hit in hits], [hit.listing_id for hit in chinese_hits]) == ([2], [3])


def test_near_duplicates_accepts_a_prepared_pool() -> None:
    pool = prepare([ListingDocument(7, "Drip irrigation controller for greenhouses")])

    hits = near_duplicates(ListingDocument(8, "Drip irrigation controller for large greenhouses"), pool)

    assert [hit.listing_id for hit in hits] == [7]
