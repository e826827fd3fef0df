"""Rows of the background machinery: the periodic schedule's state and the leases of running jobs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJob(models.Model):
    """One declared periodic job (declared in an app's tasks.py) and what became of its runs.

    `next_run_at` is the compare-and-set token: a worker enqueues a run only if it moves
    `next_run_at` from the value it read, so a run scheduled once is enqueued once however many
    workers look at the same moment.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    job_name = models.CharField(_("job"), max_length=100)
    schedule = models.CharField(_("schedule"), max_length=100)
    next_run_at = models.DateTimeField(_("next run"))
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_outcome = models.CharField(_("last outcome"), max_length=20, blank=True)
    last_result = models.TextField(_("last result"), blank=True)
    last_task_result_id = models.CharField(max_length=64, blank=True, db_index=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self) -> str:
        return self.name


class JobLease(models.Model):
    """A running job's lease: its worker renews `expires_at` while the job runs.

    A lease that expired means the worker died (killed, machine lost): another worker then
    retries the job or marks it failed (`common.worker`).
    """

    task_result_id = models.CharField(max_length=64, unique=True)
    worker_id = models.CharField(max_length=64)
    task_path = models.TextField()
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("job lease")
        verbose_name_plural = _("job leases")

    def __str__(self) -> str:
        return f"{self.task_path} on {self.worker_id}"
