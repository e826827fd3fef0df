"""Statements as PDF (Chinese embedded) and XLSX (formula cells escaped), iCal feeds."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import load_workbook

from techbridge.instruments.domain.booking import BookingAsk, check_create_booking
from techbridge.instruments.domain.exports import escape_cell, pdf_document
from techbridge.instruments.domain.usage import check_check_in, check_check_out

pytestmark = pytest.mark.django_db


def _billed(lab):  # type: ignore[no-untyped-def]
    lab.external.display_name = '=HYPERLINK("http://evil")'
    lab.external.save()
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    booking = check_create_booking(
        BookingAsk(
            instrument=lab.instrument,
            user=lab.external,
            start=start,
            end=start + timedelta(hours=2),
            scheme=lab.scheme,
        )
    )
    check_check_in(booking=booking, now=booking.start)
    check_check_out(booking=booking, now=booking.end)
    return booking


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_cells_are_escaped(value: str) -> None:
    assert escape_cell(value) == "'" + value


def test_monthly_statement_xlsx_escapes_user_text(lab) -> None:  # type: ignore[no-untyped-def]
    booking = _billed(lab)
    client = Client()
    client.force_login(lab.admin)

    response = client.get(
        f"/instruments/statements/{lab.enterprise.pk}/?month={booking.start:%Y-%m}&format=xlsx"
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert rows[1][4] == '\'=HYPERLINK("http://evil")'
    assert rows[1][8:11] == ("800.00", "240.00", "560.00")


def test_statement_pdf_embeds_a_cjk_font(lab) -> None:  # type: ignore[no-untyped-def]
    booking = _billed(lab)
    client = Client()
    client.force_login(lab.external)

    response = client.get(
        f"/instruments/bookings/{booking.pk}/statement/?format=pdf", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert response.content.startswith(b"%PDF")
    assert b"NotoSansCJK" in response.content


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_chinese_pdf_renders_to_an_image(tmp_path: Path) -> None:
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(
        pdf_document(
            title="对账单", subtitle=["重庆大学"], header=["仪器"], rows=[["扫描电子显微镜"]], footer=["合计"]
        )
    )

    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)  # noqa: S603, S607

    assert (tmp_path / "page-1.png").stat().st_size > 1000


def test_instrument_feed_shows_busy_times_without_the_booker(lab) -> None:  # type: ignore[no-untyped-def]
    _billed(lab)

    body = Client().get(f"/instruments/{lab.instrument.pk}/calendar.ics").content.decode()

    assert "BEGIN:VEVENT" in body
    assert "(busy)" in body
    assert "HYPERLINK" not in body


def test_unknown_feed_token_is_404(lab) -> None:  # type: ignore[no-untyped-def]
    assert Client().get("/instruments/calendar/not-a-token.ics").status_code == 404
