"""The annual reports page: ask for a report (written in the background, shown with its progress),
list the finished ones, download a file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from techbridge.common.pages import current_user, page_of
from techbridge.directory.models import Centre
from techbridge.statistics.access import access_report, check_reads_dashboards, visible_reports
from techbridge.statistics.domain.report import FORMATS, report_filename
from techbridge.statistics.domain.report_requests import check_request_report
from techbridge.statistics.domain.scope import Scope, ScopeError, parse_scope
from techbridge.statistics.models import ReportStatus
from techbridge.statistics.roles import marks_highlights

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LANGUAGE_NAMES = (("zh-hans", "中文"), ("en", "English"), ("hu", "Magyar"))


@require_http_methods(["GET", "POST"])
@login_required
def reports(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    check_reads_dashboards(user)
    error: ScopeError | None = None
    if request.method == "POST":
        try:
            scope = parse_scope(
                {"year": request.POST.get("year", ""), "centre": request.POST.get("centre", "")}
            )
            _report, created = check_request_report(
                user=user,
                scope=scope,
                language=request.POST.get("language", ""),
                file_format=request.POST.get("format", ""),
            )
        except ScopeError as refused:
            error = refused
        else:
            if created:
                messages.success(request, _("The report is being written; this page shows when it is ready."))
            else:
                messages.info(request, _("This report is already being written; it will appear here."))
            return redirect("statistics:reports")
    context = {
        "error": error,
        "centres": Centre.objects.order_by("slug"),
        "languages": LANGUAGE_NAMES,
        "formats": FORMATS,
        "current_language": translation.get_language(),
        "page": page_of(request, visible_reports(user)),
        "done": ReportStatus.DONE,
        "params": request.POST,
        "marks_highlights": marks_highlights(user),
    }
    return render(request, "statistics/reports.html", context, status=400 if error else 200)


@require_GET
@login_required
def report_file(request: HttpRequest, pk: int) -> FileResponse:
    report = access_report(current_user(request), pk)
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report_filename(
            Scope(year=report.year, centre=report.centre),
            language=report.language,
            file_format=report.file_format,
        ),
        content_type=CONTENT_TYPES[report.file_format],
    )
