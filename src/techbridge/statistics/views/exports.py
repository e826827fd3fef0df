"""Downloads of the dashboard's tables (CSV or XLSX) and of the official statistics workbook; the
same readers, scope and small-group rule as the dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from techbridge.common.pages import current_user
from techbridge.statistics.access import check_reads_dashboards
from techbridge.statistics.domain.dashboard import build_dashboard
from techbridge.statistics.domain.exports import CSV_ENCODINGS, official_workbook, table_csv, table_xlsx
from techbridge.statistics.domain.scope import Scope, ScopeError, parse_scope
from techbridge.statistics.domain.tables import TABLES, dashboard_table
from techbridge.statistics.roles import sees_small_groups

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _scope_name(scope: Scope) -> str:
    return "-".join(
        part for part in (str(scope.year), scope.centre.slug if scope.centre else "alliance") if part
    )


def _refused(error: ScopeError) -> HttpResponse:
    return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")


@require_GET
@login_required
def table(request: HttpRequest, code: str) -> HttpResponse:
    user = current_user(request)
    check_reads_dashboards(user)
    file_format = request.GET.get("format", "csv")
    encoding = request.GET.get("encoding", "utf-8")
    if code not in TABLES or file_format not in ("csv", "xlsx") or encoding not in CSV_ENCODINGS:
        raise Http404
    try:
        scope = parse_scope(request.GET)
    except ScopeError as error:
        return _refused(error)
    board = build_dashboard(scope, suppress_small=not sees_small_groups(user))
    rows = dashboard_table(board, code)
    filename = f"statistics-{code}-{_scope_name(scope)}.{file_format}"
    if file_format == "xlsx":
        return _download(table_xlsx(rows), content_type=XLSX, filename=filename)
    charset = "gb18030" if encoding == "gb18030" else "utf-8"
    return _download(
        table_csv(rows, encoding=encoding), content_type=f"text/csv; charset={charset}", filename=filename
    )


@require_GET
@login_required
def official(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    check_reads_dashboards(user)
    try:
        scope = parse_scope(request.GET)
    except ScopeError as error:
        return _refused(error)
    board = build_dashboard(scope, suppress_small=not sees_small_groups(user))
    return _download(
        official_workbook(board), content_type=XLSX, filename=f"official-statistics-{_scope_name(scope)}.xlsx"
    )
