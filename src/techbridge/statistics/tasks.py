"""Background jobs of the statistics app (the TOP of the app, per the app template).

`statistics.annual_report` writes one annual report asked for from the reports page. It has no
periodic schedule: reports are written when asked for.
"""

from __future__ import annotations

from django.tasks import task

from techbridge.common.jobs import job
from techbridge.statistics.domain.report_requests import run_report

SCHEDULE: dict[str, str] = {}


@job("statistics.annual_report")
@task()
def annual_report(*, report_id: int) -> None:
    run_report(report_id)
