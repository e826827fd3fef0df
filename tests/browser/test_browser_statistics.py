"""A centre broker reads the statistics in Chinese and in Hungarian: opens the dashboard, narrows it
to the centre, drills down into the projects behind a number, and downloads the annual report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from cooperation.coop_world import Coop, build_coop
from techbridge.cooperation.models import Agreement, AgreementParty, Project

pytestmark = pytest.mark.browser


def _project(coop: Coop, *, signed: date, implemented: date | None) -> None:
    agreement = Agreement.objects.create(
        case=coop.case,
        kind="technology_contract",
        title={"en": "Licence"},
        status="signed",
        category="transfer",
        subtype="licence",
        currency="CNY",
        signed_on=signed,
        created_at=coop.case.created_at,
        updated_at=coop.case.created_at,
    )
    for organisation in (coop.owner_org, coop.partner_org):
        AgreementParty.objects.create(agreement=agreement, organisation=organisation)
    Project.objects.create(
        agreement=agreement,
        case=coop.case,
        title={"en": "Pilot line"},
        status="implemented" if implemented else "signed",
        signed_on=signed,
        implemented_on=implemented,
        created_at=coop.case.created_at,
    )


@pytest.fixture
def coop(transactional_db: None) -> Coop:
    coop = build_coop()
    _project(coop, signed=date(2026, 2, 1), implemented=date(2026, 6, 1))
    _project(coop, signed=date(2026, 3, 1), implemented=None)
    return coop


@pytest.mark.parametrize("words", [("zh-hans", "下载"), ("hu", "Letöltés")], ids=["zh-hans", "hu"])
def test_broker_reads_filters_drills_down_and_downloads_the_report(
    live_server: Any, page: Any, screenshot: Any, coop: Coop, words: tuple[str, str]
) -> None:
    language, report_word = words
    base = live_server.url
    sign_in(page, base, coop.broker.email)
    page.click(f"form.language-switcher button[value={language}]")
    page.goto(f"{base}/statistics/?year=2026")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator('[data-step="projects_signed"] td.number').first).to_have_text("2")

    page.select_option("#s-centre", coop.centre.slug)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**centre={coop.centre.slug}**")
    screenshot(f"statistics-01-dashboard-{language}")
    page.click('[data-step="projects_signed"] a')
    expect(page.locator("[data-total]")).to_have_attribute("data-total", "2")

    page.goto(f"{base}/statistics/reports/")
    page.fill("#r-year", "2026")
    page.select_option("#r-format", "pdf")
    page.click("form[data-report-form] button[type=submit]")
    link = page.locator("[data-report-file]").first
    expect(link).to_have_text(report_word)
    screenshot(f"statistics-02-reports-{language}")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{language}.pdf")
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
