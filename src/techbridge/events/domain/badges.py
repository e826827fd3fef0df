"""Badges: an A6 page per participant with name, organisation, category and a QR code of the badge code.

The QR code carries the bare badge code (not a URL): the check-in page reads it and posts it, and
the same short code is printed below for typing in when the camera cannot read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

import segno

from techbridge.common.pdf import new_pdf, write_block

A6_MM = (105.0, 148.0)


@dataclass(frozen=True)
class Badge:
    event_title: str
    event_dates: str
    name: str
    organisation: str
    category: str
    code: str


def badges_pdf(badges: Sequence[Badge]) -> bytes:
    pdf = new_pdf(A6_MM)
    pdf.set_margins(8, 8, 8)
    for badge in badges:
        pdf.add_page()
        write_block(pdf, 10, badge.event_title[:200], height=5, align="C")
        write_block(pdf, 8, badge.event_dates, height=4, align="C")
        pdf.ln(6)
        write_block(pdf, 18, badge.name[:80], height=9, align="C")
        write_block(pdf, 11, badge.organisation[:120], height=6, align="C")
        pdf.ln(2)
        write_block(pdf, 10, badge.category, height=5, align="C")
        image = BytesIO()
        segno.make(badge.code, error="m").save(image, kind="png", scale=6)
        image.seek(0)
        pdf.image(image, x=(105 - 40) / 2, y=80, w=40)
        pdf.set_y(123)
        write_block(pdf, 10, badge.code, height=5, align="C")
    return bytes(pdf.output())
