"""The periodic schedule in the admin (read only: the schedule is declared in each app's tasks.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from techbridge.common.models import PeriodicJob


@admin.register(PeriodicJob)
class PeriodicJobAdmin(admin.ModelAdmin[PeriodicJob]):
    list_display = ("name", "schedule", "last_run_at", "next_run_at", "last_outcome", "last_result", "runs")
    readonly_fields = (
        "name",
        "job_name",
        "schedule",
        "next_run_at",
        "last_run_at",
        "last_finished_at",
        "last_outcome",
        "last_result",
        "last_task_result_id",
        "runs",
    )
    search_fields = ("name", "job_name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
