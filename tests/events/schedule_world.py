"""Helpers of the scheduling tests: accepted meetings created directly, runs executed at once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.utils import timezone

from techbridge.events.enums import MeetingRequestStatus, ScheduleRunKind, ScheduleRunStatus
from techbridge.events.models import Event, Meeting, MeetingRequest, Registration, ScheduleRun
from techbridge.events.tasks import run_schedule
from techbridge.market.models import Listing


def make_meeting(
    event: Event, first: Registration, second: Registration, *, listing: Listing | None = None, **fields: Any
) -> Meeting:
    request = MeetingRequest.objects.create(
        event=event,
        requester=first,
        recipient=second,
        listing=listing,
        status=MeetingRequestStatus.ACCEPTED,
        created_at=timezone.now(),
        responded_at=timezone.now(),
    )
    return Meeting.objects.create(event=event, request=request, first=first, second=second, **fields)


def run_now(event: Event, *, kind: str = ScheduleRunKind.FULL, time_limit_s: int = 3) -> ScheduleRun:
    """A run executed in this thread (what the immediate task backend does after commit)."""
    run = ScheduleRun.objects.create(
        event=event, kind=kind, time_limit_s=time_limit_s, created_at=timezone.now()
    )
    run_schedule.call(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == ScheduleRunStatus.FINISHED, run.error
    return run


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)
