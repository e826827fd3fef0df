"""The annual report: the dashboard's numbers read back from the PDF (pdftotext) and the DOCX,
Chinese glyphs embedded and drawn, asked for from the page once even when asked for twice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from docx import Document
from stats_world import client_of, make_official, signed_project

from cooperation.coop_world import Coop, build_coop
from techbridge.statistics.domain.dashboard import build_dashboard
from techbridge.statistics.domain.report_requests import check_request_report
from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.models import AnnualReport
from techbridge_core.analytics import indicator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_figures() -> None:
    cache.clear()


@pytest.fixture
def coop() -> Coop:
    coop = build_coop()
    signed_project(coop, signed=date(2026, 2, 1), implemented=date(2026, 6, 1))
    signed_project(coop, signed=date(2026, 3, 1), implemented=None)
    signed_project(coop, signed=date(2026, 4, 1), implemented=None, confidential=True)
    coop.case.highlight_in_report = True
    coop.case.report_consent = True
    coop.case.title = {
        "en": "Battery recycling line",
        "zh-hans": "电池回收生产线",
        "hu": "Akkumulátor-újrahasznosító sor",
    }
    coop.case.save()
    return coop


def _poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool (pdftotext, pdffonts, pdftoppm) and return its output."""
    binary = shutil.which(tool)
    assert binary is not None, f"{tool} (poppler-utils) is needed for the report tests"
    return subprocess.run([binary, *args], capture_output=True, text=True, check=True).stdout  # noqa: S603


def _write(tmp_path: Path, *, language: str, suffix: str, scope: str = "alliance") -> Path:
    out = tmp_path / f"report-{language}.{suffix}"
    call_command("annual_report", year="2026", scope=scope, language=language, out=str(out))
    return out


def _expected(language: str, scope: Scope) -> dict[str, int]:
    with translation.override(language):
        board = build_dashboard(scope, suppress_small=True)
    return {stage.code: stage.count for stage in board.funnel}


def _names(language: str) -> dict[str, str]:
    return {
        code: indicator(code).name.in_language(language) for code in _expected(language, Scope(year=2026))
    }


def _assert_funnel_in(text: str, language: str, scope: Scope) -> None:
    expected = _expected(language, scope)
    assert expected["projects_signed"] == 3
    assert expected["implemented"] == 1
    names = _names(language)
    for code, count in expected.items():
        assert re.search(rf"^\s*{re.escape(names[code])}\s+{count}(\s|$)", text, re.MULTILINE), (code, count)


def test_pdf_numbers_equal_the_dashboards_in_english_and_hungarian(coop: Coop, tmp_path: Path) -> None:
    for language in ("en", "hu"):
        pdf = _write(tmp_path, language=language, suffix="pdf")
        text = _poppler("pdftotext", "-layout", str(pdf), "-")
        _assert_funnel_in(text, language, Scope(year=2026))
        contracts = indicator("technology_contracts").name.in_language(language)
        assert re.search(rf"^\s*{re.escape(contracts)}\s+3\s+0", text, re.MULTILINE)
        assert "Battery recycling line" in text or "Akkumulátor-újrahasznosító sor" in text


def test_centre_report_has_the_centres_numbers(coop: Coop, tmp_path: Path) -> None:
    pdf = _write(tmp_path, language="en", suffix="pdf", scope=f"centre:{coop.centre.slug}")
    text = _poppler("pdftotext", "-layout", str(pdf), "-")
    _assert_funnel_in(text, "en", Scope(year=2026, centre=coop.centre))


def test_chinese_pdf_embeds_a_cjk_font_and_draws_its_glyphs(coop: Coop, tmp_path: Path) -> None:
    pdf = _write(tmp_path, language="zh-hans", suffix="pdf")
    fonts = _poppler("pdffonts", str(pdf))
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk
    assert all(" yes " in line for line in cjk)
    text = _poppler("pdftotext", "-layout", str(pdf), "-")
    assert "年度合作成果报告" in text or any("\u4e00" <= char <= "\u9fff" for char in text[:200])
    assert "电池回收生产线" in text
    _assert_funnel_in(text, "zh-hans", Scope(year=2026))
    _poppler("pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page"))
    page = next(tmp_path.glob("page*.pgm")).read_bytes()
    pixels = page.split(b"\n", 3)[3]
    assert min(pixels) < 128  # something dark was drawn on the cover


def test_docx_numbers_equal_the_dashboards(coop: Coop, tmp_path: Path) -> None:
    docx = _write(tmp_path, language="hu", suffix="docx")
    document = Document(io.BytesIO(docx.read_bytes()))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    expected = _expected("hu", Scope(year=2026))
    names = _names("hu")
    for code, count in expected.items():
        assert [names[code], str(count)] in [row[:2] for row in rows], code
    assert any(row[0] == "Akkumulátor-újrahasznosító sor" for row in rows)


def test_bad_command_arguments_get_a_clear_message(coop: Coop, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="year"):
        call_command("annual_report", year="1", out=str(tmp_path / "r.pdf"))
    with pytest.raises(CommandError, match="centre"):
        call_command("annual_report", year="2026", scope="centre:atlantis", out=str(tmp_path / "r.pdf"))
    with pytest.raises(CommandError, match="pdf"):
        call_command("annual_report", year="2026", out=str(tmp_path / "r.txt"))


def test_the_page_writes_the_report_in_the_background_and_lists_it(
    coop: Coop, django_capture_on_commit_callbacks: object
) -> None:
    client = client_of(make_official(coop))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            "/statistics/reports/", {"year": "2026", "language": "zh-hans", "format": "pdf"}
        )
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert (report.status, report.progress) == ("done", 100)
    page = client.get("/statistics/reports/")
    assert f'data-report="{report.pk}" data-status="done"'.encode() in page.content
    download = client.get(f"/statistics/reports/{report.pk}/file/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_of(coop.owner).get(f"/statistics/reports/{report.pk}/file/").status_code == 404
    assert (
        client.post("/statistics/reports/", {"year": "1", "language": "en", "format": "pdf"}).status_code
        == 400
    )


def test_a_report_asked_for_twice_at_once_runs_once(coop: Coop) -> None:
    scope = Scope(year=2026)
    first, created = check_request_report(user=coop.broker, scope=scope, language="en", file_format="pdf")
    second, again = check_request_report(user=coop.admin, scope=scope, language="en", file_format="pdf")
    assert (created, again) == (True, False)
    assert first.pk == second.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.create(year=2026, language="en", file_format="pdf", requested_at=timezone.now())
    other, created = check_request_report(user=coop.broker, scope=scope, language="hu", file_format="pdf")
    assert created
    assert other.pk != first.pk


def test_the_docx_carries_the_funnel_chart_as_a_picture(coop: Coop, tmp_path: Path) -> None:
    from docx.oxml.ns import qn
    from PIL import Image

    docx = _write(tmp_path, language="zh-hans", suffix="docx")
    document = Document(io.BytesIO(docx.read_bytes()))
    assert len(document.inline_shapes) == 1
    blip = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    part = document.part.related_parts[blip.embed]
    assert part.content_type == "image/png"
    picture = Image.open(io.BytesIO(part.blob)).convert("RGB")
    assert picture.width > 600
    colours = {colour for _count, colour in picture.getcolors(maxcolors=1 << 16) or []}
    assert (37, 99, 160) in colours  # the bars
    assert len(colours) > 10  # and the labels and numbers drawn beside them
    # The picture sits under the funnel's heading and its introduction, before the funnel's table.
    from django.utils import translation

    with translation.override("zh-hans"):
        heading = translation.gettext("The cooperation funnel")
    body = list(document.element.body)
    drawn = next(n for n, element in enumerate(body) if element.xpath(".//w:drawing"))
    texts = ["".join(run.text or "" for run in element.iter(qn("w:t"))) for element in body]
    assert heading in texts, (heading, texts[:12])
    titled = texts.index(heading)
    assert 0 < drawn - titled <= 2
