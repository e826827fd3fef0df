"""Organiser pages of the scheduler: start a run, watch its progress, review it, publish it."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.common.pages import current_user, is_htmx
from techbridge.events.access import access_organised_event, access_schedule_run
from techbridge.events.domain.publishing import PublishError, do_publish_run, schedule_changes
from techbridge.events.domain.scheduling import event_sessions, places_from_json, session_grids
from techbridge.events.enums import MeetingStatus, ScheduleRunKind, ScheduleRunStatus
from techbridge.events.forms.schedule import MAX_TIME_LIMIT_S, ScheduleRunForm
from techbridge.events.jobs import enqueue_schedule_run
from techbridge.events.models import Event, Meeting, ScheduleRun

ACTIVE_RUN_STATUSES = (ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING)
STALE_AFTER_S = 600


def _start_problem(event: Event, form: ScheduleRunForm) -> str | None:
    if not event_sessions(event):
        return _("The event has no B2B sessions to schedule meetings in.")
    # A run whose worker died stays "running" for ever; after this long it no longer blocks new runs.
    recent = timezone.now() - timedelta(seconds=MAX_TIME_LIMIT_S + STALE_AFTER_S)
    if ScheduleRun.objects.filter(
        event=event, status__in=ACTIVE_RUN_STATUSES, created_at__gte=recent
    ).exists():
        return _("A run is already under way; wait for it to finish.")
    published = ScheduleRun.objects.filter(event=event, status=ScheduleRunStatus.PUBLISHED).exists()
    if form.cleaned_data["kind"] == ScheduleRunKind.RESCHEDULE and not published:
        return _("Nothing is published yet: run a full schedule first.")
    return None


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    event = access_organised_event(user, slug)
    form = ScheduleRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = _start_problem(event, form)
        if problem is None:
            with transaction.atomic():
                run = ScheduleRun.objects.create(
                    event=event,
                    kind=form.cleaned_data["kind"],
                    time_limit_s=form.cleaned_data["time_limit_s"],
                    created_by=user,
                    created_at=timezone.now(),
                )
                enqueue_schedule_run(run)
            return redirect("events:schedule_run", slug=event.slug, pk=run.pk)
        form.add_error(None, problem)
    meetings = Meeting.objects.filter(event=event, status=MeetingStatus.ACTIVE)
    context = {
        "event": event,
        "form": form,
        "runs": ScheduleRun.objects.filter(event=event)[:30],
        "sessions": event_sessions(event),
        "meetings": meetings.count(),
        "placed": meetings.filter(starts_at__isnull=False).count(),
    }
    return render(request, "events/schedule/schedule.html", context, status=400 if form.errors else 200)


@login_required
def schedule_run(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = current_user(request)
    event = access_organised_event(user, slug)
    run = access_schedule_run(user, event, pk)
    if is_htmx(request):
        response = render(request, "events/schedule/_progress.html", {"event": event, "run": run})
        if run.status not in ACTIVE_RUN_STATUSES:
            response["HX-Refresh"] = "true"
        return response
    context: dict[str, object] = {"event": event, "run": run, "active": run.status in ACTIVE_RUN_STATUSES}
    if run.status in (ScheduleRunStatus.FINISHED, ScheduleRunStatus.PUBLISHED, ScheduleRunStatus.SUPERSEDED):
        places = places_from_json(event, run.placements)
        context["grids"] = session_grids(event, places)
        if run.status == ScheduleRunStatus.FINISHED:
            context["changes"] = schedule_changes(event, places)
    return render(request, "events/schedule/run.html", context)


@login_required
@require_POST
def publish_run(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = current_user(request)
    event = access_organised_event(user, slug)
    run = access_schedule_run(user, event, pk)
    try:
        changes = do_publish_run(run=run, by=user, now=timezone.now())
    except PublishError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Schedule published; %(count)s meetings changed and their participants were notified.")
            % {"count": len(changes)},
        )
    return redirect("events:schedule_run", slug=event.slug, pk=run.pk)
