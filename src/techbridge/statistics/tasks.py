"""Background jobs of the statistics app (the TOP of the app, per the app template).

`statistics.annual_report` writes one annual report asked for from the reports page (no schedule:
reports are written when asked for). `statistics.refresh_aggregates` recounts, every minute, the
months whose records changed and the current month of the indicators that depend on the clock, so
a change reaches every dashboard within a minute; `statistics.rebuild_aggregates` recounts every
month nightly (and catches writes that bypass the model signals).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.tasks import task

from techbridge.common.jobs import job
from techbridge.common.periodic import periodic
from techbridge.statistics.domain.aggregates import rebuild, refresh
from techbridge.statistics.domain.report_requests import run_report


@job("statistics.annual_report")
@task()
def annual_report(*, report_id: int) -> None:
    run_report(report_id)


@job("statistics.refresh_aggregates")
@task()
def refresh_aggregates() -> dict[str, Any]:
    return refresh(clock=True)


@job("statistics.rebuild_aggregates")
@task()
def rebuild_aggregates() -> dict[str, Any]:
    return rebuild()


periodic("statistics.refresh_aggregates", every=timedelta(minutes=1))
periodic("statistics.rebuild_aggregates", cron="15 2 * * *")
