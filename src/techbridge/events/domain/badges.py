"""Badges: an A6 page per participant with name, organisation, category and a QR code of the badge code.

The QR code carries the bare badge code (not a URL): the check-in page reads it and posts it, and
the same short code is printed below for typing in when the camera cannot read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

import segno
from fpdf import FPDF

from techbridge.market.domain.printing import CJK_FONTS, LATIN_FONTS, FontMissingError

A6_MM = (105.0, 148.0)


@dataclass(frozen=True)
class Badge:
    event_title: str
    event_dates: str
    name: str
    organisation: str
    category: str
    code: str


def new_pdf(page_format: str | tuple[float, float] = "A4") -> FPDF:
    """A PDF with a Latin font first and a CJK fallback, so Chinese and Hungarian both render."""
    cjk = next(((path, index) for path, index in CJK_FONTS if path.exists()), None)
    if cjk is None:
        raise FontMissingError(str(CJK_FONTS[0][0]))
    pdf = FPDF(format=page_format)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_font("cjk", fname=str(cjk[0]), collection_font_number=cjk[1])
    latin = next((path for path in LATIN_FONTS if path.exists()), None)
    if latin is None:
        pdf.set_font("cjk", size=10)
        return pdf
    pdf.add_font("latin", fname=str(latin))
    pdf.set_font("latin", size=10)
    pdf.set_fallback_fonts(["cjk"])
    return pdf


def _line(pdf: FPDF, size: int, text: str, *, height: float) -> None:
    pdf.set_font_size(size)
    pdf.multi_cell(0, height, text, align="C", new_x="LMARGIN", new_y="NEXT")


def badges_pdf(badges: Sequence[Badge]) -> bytes:
    pdf = new_pdf(A6_MM)
    pdf.set_margins(8, 8, 8)
    for badge in badges:
        pdf.add_page()
        _line(pdf, 10, badge.event_title[:200], height=5)
        _line(pdf, 8, badge.event_dates, height=4)
        pdf.ln(6)
        _line(pdf, 18, badge.name[:80], height=9)
        _line(pdf, 11, badge.organisation[:120], height=6)
        pdf.ln(2)
        _line(pdf, 10, badge.category, height=5)
        image = BytesIO()
        segno.make(badge.code, error="m").save(image, kind="png", scale=6)
        image.seek(0)
        pdf.image(image, x=(105 - 40) / 2, y=80, w=40)
        pdf.set_y(123)
        _line(pdf, 10, badge.code, height=5)
    return bytes(pdf.output())
