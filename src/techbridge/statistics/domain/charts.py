"""Charts drawn on the server as SVG: no script (the CSP allows none inline), text in the page's own
fonts (Chinese and Hungarian read as the rest of the page), and every chart sits beside a table of
the same numbers for readers who cannot see it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 210
CHART_WIDTH = 640


def _number(value: float) -> str:
    return (
        f"{value:,.0f}".replace(",", " ") if float(value).is_integer() else f"{value:,.1f}".replace(",", " ")
    )


def bar_chart(rows: Sequence[tuple[str, float]], *, title: str) -> SafeString:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    largest = max((value for _label, value in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 70
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    parts = [
        (
            f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
            f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        )
    ]
    for index, (label, value) in enumerate(rows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = max(span * value / largest, 1 if value else 0)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 6}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" class="chart-bar"/>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + BAR_HEIGHT - 6}" class="chart-value">'
            f"{_number(value)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def column_chart(
    columns: Sequence[tuple[str, float]], *, title: str, compare: Sequence[float] | None = None
) -> SafeString:
    """Vertical columns (e.g. twelve months), optionally beside a lighter column of the year before."""
    height, base, top = 220, 190, 20
    largest = max([value for _label, value in columns] + list(compare or []) + [1])
    step = (CHART_WIDTH - 40) / max(len(columns), 1)
    width = step * (0.4 if compare else 0.7)
    parts = [
        (
            f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
            f'preserveAspectRatio="xMinYMin meet" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        )
    ]
    for index, (label, value) in enumerate(columns):
        x = 30 + index * step
        bar = (base - top) * value / largest
        if compare is not None:
            before = (base - top) * compare[index] / largest
            parts.append(
                f'<rect x="{x:.1f}" y="{base - before:.1f}" width="{width:.1f}" height="{before:.1f}" '
                'class="chart-bar chart-bar-previous"/>'
            )
            x += width
        parts.append(
            f'<rect x="{x:.1f}" y="{base - bar:.1f}" width="{width:.1f}" height="{bar:.1f}" class="chart-bar"/>'
            f'<text x="{x + width / 2:.1f}" y="{base - bar - 4:.1f}" text-anchor="middle" class="chart-value">'
            f"{_number(value) if value else ''}</text>"
            f'<text x="{30 + index * step + step / 2 - step * 0.15:.1f}" y="{base + 18}" text-anchor="middle" '
            f'class="chart-label">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart_png(rows: Sequence[tuple[str, float]], *, scale: int = 2) -> bytes:
    """The same horizontal bars as `bar_chart`, as a PNG for documents that take no SVG (the DOCX
    report), with labels in the PDF's embedded CJK font (it also covers Latin and Hungarian)."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from techbridge.common.pdf import cjk_font

    largest = max((value for _label, value in rows), default=0) or 1
    span = CHART_WIDTH - LABEL_WIDTH - 70
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    image = Image.new("RGB", (CHART_WIDTH * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    path, index = cjk_font()
    font = ImageFont.truetype(str(path), 12 * scale, index=index)
    for number, (label, value) in enumerate(rows):
        top = (BAR_GAP + number * (BAR_HEIGHT + BAR_GAP)) * scale
        middle = top + BAR_HEIGHT * scale // 2
        draw.text(((LABEL_WIDTH - 8) * scale, middle), label[:40], fill="#1f2933", font=font, anchor="rm")
        width = max(span * value / largest, 1 if value else 0) * scale
        if width:
            draw.rectangle(
                (LABEL_WIDTH * scale, top, LABEL_WIDTH * scale + width, top + BAR_HEIGHT * scale),
                fill="#2563a0",
            )
        draw.text(
            (LABEL_WIDTH * scale + width + 6 * scale, middle),
            _number(value),
            fill="#1f2933",
            font=font,
            anchor="lm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
