"""PDFs that render Chinese and Hungarian alike: a Latin font first, a CJK font as its fallback.

Noto Sans CJK lacks some Hungarian letters (such as ű), and a Latin font lacks Chinese, so every
document embeds (a subset of) both. The CJK face is the system's Simplified Chinese one where
Debian's fonts-noto-cjk is installed, else the one shipped by the cvttf-notosanscjk-regular package.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from django.utils import formats
from fpdf import FPDF

SYSTEM_CJK_FONTS = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),  # index 2: Simplified Chinese
    (Path("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf"), 0),
)
LATIN_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)


class FontMissingError(Exception):
    """No CJK font on this machine (Debian: apt-get install fonts-noto-cjk)."""


@cache
def cjk_font() -> tuple[Path, int]:
    """The CJK font file and its index inside a collection."""
    for path, index in SYSTEM_CJK_FONTS:
        if path.exists():
            return path, index
    try:
        import cvttf_NotoSansCJK_Regular
    except ImportError as error:
        raise FontMissingError(str(SYSTEM_CJK_FONTS[0][0])) from error
    return Path(cvttf_NotoSansCJK_Regular.__file__).parent / "NotoSansCJKtc-Regular.otf", 0


@cache
def latin_font() -> Path | None:
    return next((path for path in LATIN_FONTS if path.exists()), None)


def new_pdf(
    page_format: str | tuple[float, float] = "A4",
    *,
    orientation: Literal["P", "L"] = "P",
    margin: float = 15,
) -> FPDF:
    """An empty document whose current font (size 10) renders any of the platform's languages."""
    cjk_path, index = cjk_font()
    pdf = FPDF(orientation=orientation, unit="mm", format=page_format)
    pdf.set_auto_page_break(auto=True, margin=margin)
    pdf.add_font("cjk", fname=str(cjk_path), collection_font_number=index)
    latin = latin_font()
    if latin is None:
        pdf.set_font("cjk", size=10)
        return pdf
    pdf.add_font("latin", fname=str(latin))
    pdf.set_font("latin", size=10)
    pdf.set_fallback_fonts(["cjk"])
    return pdf


def write_block(
    pdf: FPDF, size: float, text: str, *, height: float = 5, align: Literal["L", "C", "R", "J"] = "L"
) -> None:
    """A paragraph across the page's width at the given font size; the cursor moves below it."""
    pdf.set_font_size(size)
    pdf.multi_cell(0, height, text, align=align, new_x="LMARGIN", new_y="NEXT")


def printed_number(value: Decimal | float | int, *, decimals: int = 2) -> str:
    """A number as the reader's language writes it ("22 000,00" in Hungarian, "22,000.00" in
    English), from Django's locale formats rather than our own rules."""
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def printed_date(value: date) -> str:
    """A date in the reader's order ("2026年12月3日", "2026. december 3.", "Dec. 3, 2026")."""
    return formats.date_format(value, "DATE_FORMAT")
