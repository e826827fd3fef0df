"""Permission rows of statistics (see permission_rows/__init__.py): role × route → expected status.

Dashboards, exports and reports are for brokers (of any centre: alliance aggregates) and platform
admins; the records behind a number only for the brokers of the filtered centre and admins; the
results pages and widgets are public. Cases are chosen for the annual report by the brokers of
their centre and platform admins (the case of permission_rows.cooperation). tests/statistics/test_statistics_permissions.py adds the
official's role and a finished report file."""

from __future__ import annotations

from permission_rows import MISSING, Row, expect
from permission_rows.cooperation import coop

READERS = {"anonymous": 302, "operator": 200, "other_operator": 200, "platform_admin": 200}
API_READERS = {"anonymous": 401, "operator": 200, "other_operator": 200, "platform_admin": 200}


def _page(**overrides: int) -> dict[str, int]:
    return expect(404, **{**READERS, **overrides})


ROWS = [
    Row("statistics:dashboard", lambda o: "/statistics/?year=2026", _page()),
    Row(
        "statistics:records",
        lambda o: f"/statistics/records/projects_signed/?year=2026&centre={o.world.centre.slug}",
        _page(other_operator=404),
        what="the operator's centre",
    ),
    Row(
        "statistics:records",
        lambda o: "/statistics/records/projects_signed/?year=2026",
        _page(operator=404, other_operator=404),
        what="the whole alliance",
    ),
    Row("statistics:export", lambda o: "/statistics/export/funnel/?year=2026", _page()),
    Row("statistics:official_workbook", lambda o: "/statistics/official/?year=2026", _page()),
    Row("statistics:reports", lambda o: "/statistics/reports/", _page()),
    Row(
        "statistics:report_file",
        lambda o: f"/statistics/reports/{MISSING}/file/",
        expect(404, anonymous=302),
        what="no such report",
    ),
    Row("statistics:highlights", lambda o: "/statistics/highlights/", _page()),
    Row(
        "statistics:set_highlight",
        lambda o: f"/statistics/highlights/{coop(o).case}/",
        expect(404, anonymous=302, operator=302, platform_admin=302),
        what="a case of the operator's centre",
        method="post",
        data={"highlight": "on", "consent": "on"},
    ),
    Row("statistics:results", lambda o: "/statistics/results/", expect(200)),
    Row("statistics:centre_results", lambda o: f"/statistics/results/{o.world.centre.slug}/", expect(200)),
    Row("statistics:widget", lambda o: "/statistics/widget/", expect(200)),
    Row("statistics:centre_widget", lambda o: f"/statistics/widget/{o.world.centre.slug}/", expect(200)),
    Row(
        "GET /api/v1/statistics/funnel",
        lambda o: "/api/v1/statistics/funnel?year=2026",
        expect(404, **API_READERS),
    ),
    Row(
        "GET /api/v1/statistics/indicators",
        lambda o: "/api/v1/statistics/indicators?year=2026",
        expect(404, **API_READERS),
    ),
]
