"""A listing on paper and in a phone: a one-page PDF with embedded fonts, and a QR code.

The PDF embeds a subset of a CJK font so Chinese renders on any reader's machine, with a
Latin font first (Noto Sans CJK lacks some Hungarian letters such as ű).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import segno
from django.core.cache import cache as django_cache
from django.utils.html import strip_tags
from fpdf import FPDF

CJK_FONTS = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),  # index 2: Simplified Chinese
    (Path("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"), 0),
)
LATIN_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)
PDF_CACHE_SECONDS = 24 * 3600
MAX_DESCRIPTION_CHARS = 1500


class FontMissingError(Exception):
    """No CJK font on this machine (Debian: apt-get install fonts-noto-cjk)."""


@dataclass(frozen=True)
class PrintableListing:
    """Everything the PDF shows, already chosen for the reader (owner hidden when it must be)."""

    title: str
    kind: str
    summary: str
    description: str
    facts: Sequence[tuple[str, str]]
    owner: str
    url: str
    footer: str


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, dark="#1b2a41")


@cache
def _fonts() -> tuple[tuple[Path, int], Path | None]:
    cjk = next(((path, index) for path, index in CJK_FONTS if path.exists()), None)
    if cjk is None:
        raise FontMissingError(str(CJK_FONTS[0][0]))
    latin = next((path for path in LATIN_FONTS if path.exists()), None)
    return cjk, latin


def _pdf_with_fonts() -> tuple[FPDF, str]:
    (cjk_path, index), latin = _fonts()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("cjk", fname=str(cjk_path), collection_font_number=index)
    families = ["cjk"]
    if latin is not None:
        pdf.add_font("latin", fname=str(latin))
        families = ["latin", "cjk"]
    pdf.set_font(families[0], size=10)
    pdf.set_fallback_fonts(families[1:])
    return pdf, families[0]


def render_listing_pdf(listing: PrintableListing, *, cache_key: str) -> bytes:
    """One A4 page (longer texts are cut to fit); cached, since embedding a CJK font takes a second."""
    cached = django_cache.get(cache_key)
    if isinstance(cached, bytes):
        return cached
    data = _render(listing)
    django_cache.set(cache_key, data, PDF_CACHE_SECONDS)
    return data


def _paragraph(pdf: FPDF, family: str, size: int, text: str, *, height: float = 5) -> None:
    pdf.set_font(family, size=size)
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def _render(listing: PrintableListing) -> bytes:
    pdf, family = _pdf_with_fonts()
    pdf.add_page()
    _paragraph(pdf, family, 9, listing.kind)
    _paragraph(pdf, family, 16, listing.title[:256], height=8)
    pdf.ln(2)
    _paragraph(pdf, family, 11, listing.summary[:500], height=6)
    pdf.ln(2)
    facts = "\n".join(f"{label}: {value}" for label, value in listing.facts)
    _paragraph(pdf, family, 9, f"{facts}\n{listing.owner}")
    pdf.ln(2)
    _paragraph(pdf, family, 10, strip_tags(listing.description)[:MAX_DESCRIPTION_CHARS])
    image = BytesIO()
    segno.make(listing.url, error="m").save(image, kind="png", scale=4)
    image.seek(0)
    pdf.image(image, x=165, y=250, w=30)
    pdf.set_y(255)
    pdf.set_font(family, size=8)
    pdf.multi_cell(140, 4, f"{listing.footer}\n{listing.url}")
    return bytes(pdf.output())
