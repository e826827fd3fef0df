"""Annual reports asked for from the page: one active request per kind (the database refuses a
second), written by the background job `statistics.annual_report`, the finished file kept."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.common.jobs import enqueue_job
from techbridge.directory.roles import AnyUser
from techbridge.statistics.domain.report import FORMATS, LANGUAGES, report_filename, write_report
from techbridge.statistics.domain.scope import Scope, ScopeError
from techbridge.statistics.models import ACTIVE_REPORT, AnnualReport, ReportStatus

logger = logging.getLogger(__name__)


def check_request_report(
    *, user: AnyUser, scope: Scope, language: str, file_format: str
) -> tuple[AnnualReport, bool]:
    """The report being written for this kind, or a new request; (report, created)."""
    if language not in LANGUAGES:
        raise ScopeError("language", _("Choose English, Chinese or Hungarian."))
    if file_format not in FORMATS:
        raise ScopeError("format", _("Choose PDF or DOCX."))
    if scope.country or scope.field or scope.event:
        raise ScopeError("scope", _("An annual report covers the alliance or one centre."))
    return do_request_report(user=user, scope=scope, language=language, file_format=file_format)


def _active(scope: Scope, language: str, file_format: str) -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(ACTIVE_REPORT, year=scope.year, centre=scope.centre)
        .filter(language=language, file_format=file_format)
        .first()
    )


def do_request_report(
    *, user: AnyUser, scope: Scope, language: str, file_format: str
) -> tuple[AnnualReport, bool]:
    active = _active(scope, language, file_format)
    if active is not None:
        return active, False
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                year=scope.year,
                centre=scope.centre,
                language=language,
                file_format=file_format,
                requested_by=user if user.is_authenticated else None,
                requested_at=timezone.now(),
            )
            enqueue_job("statistics.annual_report", report_id=report.pk)
    except IntegrityError:
        # Asked for at the same moment by someone else: theirs is the one that runs.
        again = _active(scope, language, file_format)
        if again is None:
            raise
        return again, False
    return report, True


def _set_progress(report_id: int, percent: int) -> None:
    AnnualReport.objects.filter(pk=report_id).update(progress=min(percent, 100))


def run_report(report_id: int) -> None:
    """Write the report (called by the background job); a failure is recorded on the row."""
    claimed = AnnualReport.objects.filter(pk=report_id, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, progress=1
    )
    if not claimed:
        return  # already written or being written by another worker
    report = AnnualReport.objects.select_related("centre").get(pk=report_id)
    scope = Scope(year=report.year, centre=report.centre)
    try:
        content = write_report(
            scope,
            language=report.language,
            file_format=report.file_format,
            progress=lambda percent: _set_progress(report_id, percent),
        )
    except Exception as error:
        logger.exception("annual report %s failed", report_id)
        AnnualReport.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return
    name = report_filename(scope, language=report.language, file_format=report.file_format)
    report.file.save(name, ContentFile(content), save=False)
    report.status = ReportStatus.DONE
    report.progress = 100
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "status", "progress", "finished_at"])
