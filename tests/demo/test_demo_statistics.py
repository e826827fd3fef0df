from __future__ import annotations

import pytest
from django.test import Client

from techbridge.demo.directory_demo import DEMO_PASSWORD, do_build_directory_demo
from techbridge.demo.statistics_demo import OFFICIAL_EMAIL, do_build_statistics_demo
from techbridge.statistics.models import AnnualReport


@pytest.mark.slow
def test_statistics_demo_gives_an_official_and_the_annual_report_in_three_languages(db: None) -> None:
    do_build_directory_demo(seed=1, organisations=40, people=20)

    lines = do_build_statistics_demo()

    assert OFFICIAL_EMAIL in lines[0]
    reports = AnnualReport.objects.order_by("language")
    assert [(report.language, report.status) for report in reports] == [
        ("en", "done"),
        ("hu", "done"),
        ("zh-hans", "done"),
    ]
    client = Client()
    assert client.login(username=OFFICIAL_EMAIL, password=DEMO_PASSWORD)
    assert client.get("/statistics/").status_code == 200
    page = client.get("/statistics/reports/")
    assert page.content.count(b"data-report-file") == 3
