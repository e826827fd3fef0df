"""The printable page and the QR code: the PDF embeds a CJK font so Chinese renders anywhere."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from market_world import Market, build_listing

from world import client_for

PDFTOPPM = shutil.which("pdftoppm") or ""


def test_listing_pdf_embeds_a_cjk_font_and_renders(market: Market, tmp_path: Path) -> None:
    listing = build_listing(
        market.owner_org,
        title={
            "zh-hans": "低温锂电池电解液",
            "hu": "Alacsony hőmérsékletű elektrolit lítiumakkumulátorokhoz – új fejlesztésű",
        },
        summary={"zh-hans": "用于寒冷地区电动公交车。"},
    )

    response = client_for(market.outsider).get(f"/market/listings/{listing.pk}/print.pdf")

    body = response.content
    assert (response.status_code, response["Content-Type"], body[:5]) == (200, "application/pdf", b"%PDF-")
    assert b"/FontFile" in body
    if PDFTOPPM:
        (tmp_path / "listing.pdf").write_bytes(body)
        command = [PDFTOPPM, "-png", "-r", "40", str(tmp_path / "listing.pdf"), str(tmp_path / "page")]
        subprocess.run(command, check=True)  # noqa: S603 - our own file names, no shell
        assert sorted(path.name for path in tmp_path.glob("page*.png")) == ["page-1.png"]


def test_pdf_of_hidden_listing_is_404(market: Market) -> None:
    response = client_for(market.outsider).get(f"/market/listings/{market.listings['centre'].pk}/print.pdf")

    assert response.status_code == 404


def test_qr_code_is_svg_of_the_listing_url(market: Market) -> None:
    response = client_for(None).get(f"/market/listings/{market.listings['public'].pk}/qr.svg")

    assert (response.status_code, response["Content-Type"]) == (200, "image/svg+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"  # without its namespace an <img> shows nothing


@pytest.mark.parametrize("path", ["/market/feed/rss/", "/market/feed/atom/"])
def test_feeds_list_new_public_listings(market: Market, path: str) -> None:
    body = client_for(None).get(path).content.decode()

    assert f"/market/listings/{market.listings['public'].pk}/" in body
    assert f"/market/listings/{market.listings['alliance'].pk}/" not in body
