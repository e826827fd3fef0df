"""The statistics app stores only who may read the alliance's aggregates (officials)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from techbridge.directory.models import Alliance


class Official(models.Model):
    """A government or alliance officer: reads the aggregates of an alliance, never its records."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official")
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="officials")
    title = models.CharField(_("position"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return str(self.user)


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("being written")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


ACTIVE_REPORT = models.Q(status__in=("queued", "running"))


def _report_path(instance: AnnualReport, filename: str) -> str:
    return f"statistics/reports/{filename}"


class AnnualReport(models.Model):
    """An annual report asked for from the page: written by a background job, the file kept."""

    year = models.PositiveIntegerField(_("year"))
    centre = models.ForeignKey(
        "directory.Centre", null=True, blank=True, on_delete=models.CASCADE, related_name="annual_reports"
    )
    language = models.CharField(_("language"), max_length=10)
    file_format = models.CharField(_("format"), max_length=4)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=_report_path, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-requested_at", "-id")
        constraints = [
            # Asked for twice at once, a report is written once: one active request per kind.
            models.UniqueConstraint(
                "year",
                Coalesce("centre", 0),
                "language",
                "file_format",
                condition=ACTIVE_REPORT,
                name="statistics_one_active_report",
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="statistics_report_progress"),
        ]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self) -> str:
        return f"{self.year} {self.centre or 'alliance'} {self.language}.{self.file_format}"


class Aggregate(models.Model):
    """Counts of one indicator's records in one month under one combination of filters.

    Written only by `statistics.domain.aggregates` (refreshed from the records, never edited). A
    record counts once in every combination of its own centres, countries, fields and events with
    "any" (0 or ""), so a scope's figure is one row however many filters it has, and equals a
    direct count of distinct records. `key` splits a row where a figure needs it: the currency of
    amounts, the value counted distinct, the number of days between two funnel steps.
    """

    code = models.CharField(max_length=60)
    year = models.SmallIntegerField()
    month = models.SmallIntegerField()
    centre = models.BigIntegerField(default=0)  # 0: any centre
    country = models.CharField(max_length=2, default="", blank=True)  # "": any country
    field = models.BigIntegerField(default=0)  # 0: any technology field
    event = models.BigIntegerField(default=0)  # 0: any event
    key = models.CharField(max_length=40, default="", blank=True)
    n = models.BigIntegerField(default=0)
    amount = models.DecimalField(max_digits=22, decimal_places=2, null=True, blank=True)
    micros = models.BigIntegerField(default=0)  # summed durations, microseconds

    class Meta:
        indexes = [
            models.Index(
                fields=("year", "centre", "country", "field", "event", "code"), name="statistics_agg_scope"
            ),
            models.Index(fields=("code", "year", "month"), name="statistics_agg_month"),
        ]
        verbose_name = _("statistics aggregate")
        verbose_name_plural = _("statistics aggregates")

    def __str__(self) -> str:
        return f"{self.code} {self.year}-{self.month:02} {self.key} = {self.n}"


class DirtyMonth(models.Model):
    """A month of an indicator source whose records changed since its aggregates were counted.

    Written beside the change (statistics.receivers), taken and recounted by the refresh; rows
    are never unique on purpose: a mark taken while another transaction writes its own is not lost.
    """

    source = models.CharField(max_length=60)
    year = models.SmallIntegerField()
    month = models.SmallIntegerField()

    class Meta:
        verbose_name = _("month to recount")
        verbose_name_plural = _("months to recount")

    def __str__(self) -> str:
        return f"{self.source} {self.year}-{self.month:02}"


class AggregateState(models.Model):
    """One row per indicator source: locked while its aggregates are rewritten (so two refreshes of
    one source never interleave) and when they were last refreshed or rebuilt."""

    source = models.CharField(max_length=60, primary_key=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("aggregate refresh state")
        verbose_name_plural = _("aggregate refresh states")

    def __str__(self) -> str:
        return self.source
