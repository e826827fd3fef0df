"""Permission rows of matching (see permission_rows/__init__.py): role × route → expected status."""

from __future__ import annotations

from permission_rows import Row, expect

ROWS = [
    Row("matching:for_you", lambda o: "/matching/for-you/", expect(200, anonymous=302)),
    Row(
        "matching:best_matches",
        lambda o: f"/matching/listings/{o.listings['own'].pk}/best/",
        # the listing page embeds its best matches for every signed-in reader (candidates are
        # the reader's own visible listings), so whoever sees the public listing sees them
        expect(200, anonymous=302),
        what="own listing (public)",
    ),
    Row(
        "matching:best_matches",
        lambda o: f"/matching/listings/{o.listings['other_centre'].pk}/best/",
        expect(404, anonymous=302, other_operator=200, platform_admin=200),
        what="other centre listing",
    ),
    Row(
        "matching:best_matches",
        lambda o: f"/matching/listings/{o.listings['confidential'].pk}/best/",
        expect(404, anonymous=302, other_operator=200, platform_admin=200),
        what="confidential listing",
    ),
    Row(
        "matching:experts",
        lambda o: f"/matching/listings/{o.listings['own'].pk}/experts/",
        expect(404, anonymous=302),
        what="own listing",
    ),
    Row(
        "matching:experts",
        lambda o: f"/matching/listings/{o.listings['other_centre'].pk}/experts/",
        expect(404, anonymous=302),
        what="other centre listing",
    ),
    Row(
        "matching:investors",
        lambda o: f"/matching/listings/{o.listings['own'].pk}/investors/",
        expect(200, anonymous=302, outsider=404, other_operator=404),
        what="own listing",
    ),
    Row(
        "matching:investors",
        lambda o: f"/matching/listings/{o.listings['other_centre'].pk}/investors/",
        expect(404, anonymous=302, other_operator=200, platform_admin=200),
        what="other centre listing",
    ),
    Row(
        "matching:feedback",
        lambda o: f"/matching/listings/{o.listings['own'].pk}/best/{o.listings['same_centre'].pk}/feedback/",
        expect(422, anonymous=302, outsider=404, other_operator=404),
        what="own listing",
        method="post",
    ),
    Row(
        "matching:feedback",
        lambda o: (
            f"/matching/listings/{o.listings['other_centre'].pk}/best/{o.listings['same_centre'].pk}/feedback/"
        ),
        expect(404, anonymous=302, platform_admin=422),
        what="other centre listing",
        method="post",
    ),
    Row(
        "matching:decision",
        lambda o: f"/matching/listings/{o.listings['own'].pk}/best/{o.listings['same_centre'].pk}/decision/",
        expect(302, outsider=404, org_member=422, org_admin=422, other_operator=404),
        what="own listing",
        method="post",
    ),
    Row(
        "matching:decision",
        lambda o: (
            f"/matching/listings/{o.listings['other_centre'].pk}/best/{o.listings['same_centre'].pk}/decision/"
        ),
        expect(404, anonymous=302, platform_admin=302),
        what="other centre listing",
        method="post",
    ),
]
