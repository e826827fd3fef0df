"""A listing on paper and in a phone: a one-page PDF with embedded fonts, and a QR code.

The PDF embeds a subset of a CJK font so Chinese renders on any reader's machine, with a
Latin font first (Noto Sans CJK lacks some Hungarian letters such as ű).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

import segno
from django.core.cache import cache as django_cache
from django.utils.html import strip_tags

from techbridge.common.pdf import new_pdf, write_block

PDF_CACHE_SECONDS = 24 * 3600
MAX_DESCRIPTION_CHARS = 1500


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


def render_listing_pdf(listing: PrintableListing, *, cache_key: str) -> bytes:
    """One A4 page (longer texts are cut to fit); cached, since embedding a CJK font takes a second."""
    cached = django_cache.get(cache_key)
    if isinstance(cached, bytes):
        return cached
    data = _render(listing)
    django_cache.set(cache_key, data, PDF_CACHE_SECONDS)
    return data


def _render(listing: PrintableListing) -> bytes:
    pdf = new_pdf()
    pdf.add_page()
    write_block(pdf, 9, listing.kind)
    write_block(pdf, 16, listing.title[:256], height=8)
    pdf.ln(2)
    write_block(pdf, 11, listing.summary[:500], height=6)
    pdf.ln(2)
    facts = "\n".join(f"{label}: {value}" for label, value in listing.facts)
    write_block(pdf, 9, f"{facts}\n{listing.owner}")
    pdf.ln(2)
    write_block(pdf, 10, strip_tags(listing.description)[:MAX_DESCRIPTION_CHARS])
    image = BytesIO()
    segno.make(listing.url, error="m").save(image, kind="png", scale=4)
    image.seek(0)
    pdf.image(image, x=165, y=250, w=30)
    pdf.set_y(255)
    pdf.set_font_size(8)
    pdf.multi_cell(140, 4, f"{listing.footer}\n{listing.url}")
    return bytes(pdf.output())
