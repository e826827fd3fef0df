"""The federation protocol rules without Django: AS2 objects and pages, refusals, cursors."""

from __future__ import annotations

import pytest

from techbridge_core.federation.activity import (
    MAX_PAGE_ITEMS,
    RefusalError,
    as_object,
    collection_page,
    parse_page,
    tombstone,
)
from techbridge_core.federation.paging import (
    PageWindow,
    PagingError,
    clamp_limit,
    decode_cursor,
    encode_cursor,
)
from techbridge_core.federation.signing import (
    SignaturePolicyError,
    check_created,
    check_nonce,
    normalise_base_url,
)

ORIGIN = "https://cq.example.org"


def _listing(pk: int = 1, **changes: object) -> dict[str, object]:
    item = as_object(
        base_url=ORIGIN,
        kind="listing",
        pk=pk,
        version=3,
        audience="alliance",
        name={"en": "Battery", "zh-hans": "电池"},
        summary={"en": "A cathode"},
        content={"en": "Details"},
        url=f"{ORIGIN}/market/listings/{pk}/",
        centre="Chongqing Centre",
        attributed_to="",
        updated="",
        attributes={"keywords": ["battery"], "registrationUrl": f"{ORIGIN}/x"},
    )
    return {**item, **changes}


def _page(*items: object, has_more: bool = False) -> dict[str, object]:
    return collection_page(
        page_id="p",
        collection_id="c",
        items=items,
        next_url=None,
        next_cursor="s3",
        has_more=has_more,  # type: ignore[arg-type]
    )


def test_federation_page_round_trip_with_tombstone() -> None:
    gone = tombstone(base_url=ORIGIN, kind="event", pk=7, version=4, deleted="2026-12-01T00:00:00+00:00")

    page = parse_page(_page(_listing(), gone, has_more=True), origin=ORIGIN)

    assert page.has_more
    assert page.next_cursor == "s3"
    listing, event = page.items
    assert listing.audience == "alliance"
    assert listing.name["zh-hans"] == "电池"
    assert not listing.deleted
    assert event.deleted
    assert event.kind == "event"
    assert event.version == 4


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (_listing(id="https://other.example.org/federation/objects/listing/1"), "another origin"),
        (_listing(nameMap={"en": "<script>alert(1)</script>"}), "markup"),
        (_listing(summaryMap={"en": "<b>bold</b>"}), "markup"),
        (_listing(url="javascript:alert(1)"), "http(s)"),
        (_listing(**{"tb:audience": "centre"}), "audience"),
        (_listing(**{"tb:version": -1}), "version"),
        (_listing(type="Event"), "does not fit"),
        (_listing(nameMap={}), "no name"),
        (_listing(contentMap={"en": "x" * 9000}), "longer"),
        ("not an object", "not an object"),
    ],
)
def test_federation_refuses_bad_items(item: object, reason: str) -> None:
    with pytest.raises(RefusalError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_page(_page(item), origin=ORIGIN)


def test_federation_refuses_huge_pages_and_duplicates_and_non_pages() -> None:
    with pytest.raises(RefusalError, match="too large"):
        parse_page(_page(*[_listing(pk) for pk in range(MAX_PAGE_ITEMS + 1)]), origin=ORIGIN)
    with pytest.raises(RefusalError, match="twice"):
        parse_page(_page(_listing(), _listing()), origin=ORIGIN)
    with pytest.raises(RefusalError, match="OrderedCollectionPage"):
        parse_page({"type": "Collection", "orderedItems": []}, origin=ORIGIN)
    with pytest.raises(RefusalError):
        parse_page([], origin=ORIGIN)


def test_federation_cursor_and_paging_rules() -> None:
    assert decode_cursor(encode_cursor(42)) == 42
    assert decode_cursor(None) == 0
    for bad in ("42", "s-1", "s01", "s1;DROP", "s" + "9" * 30):
        with pytest.raises(PagingError):
            decode_cursor(bad)
    assert clamp_limit(None) == 50
    assert clamp_limit("1000") == 200
    with pytest.raises(PagingError):
        clamp_limit("0")
    assert PageWindow(after=0, limit=2).cut([1, 2, 3]) == ([1, 2], 2)
    assert PageWindow(after=0, limit=2).cut([1, 2]) == ([1, 2], None)


def test_federation_signature_policy() -> None:
    check_created(1000, now=1100)
    with pytest.raises(SignaturePolicyError, match="too old"):
        check_created(1000, now=1000 + 301)
    with pytest.raises(SignaturePolicyError, match="future"):
        check_created(2000, now=1000)
    assert check_nonce("a" * 32) == "a" * 32
    for nonce in (None, "short", "x" * 65, "has space in it....."):
        with pytest.raises(SignaturePolicyError):
            check_nonce(nonce)
    assert normalise_base_url("https://cq.example.org/") == ORIGIN
    with pytest.raises(SignaturePolicyError):
        normalise_base_url("ftp://cq.example.org")
