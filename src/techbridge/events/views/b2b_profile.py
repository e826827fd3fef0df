"""A participant's B2B profile: what they offer and seek, their listings, sessions, time zone and blocked times."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.events.access import (
    access_b2b_event,
    access_own_blocked_time,
    access_own_registration,
    linkable_listings,
)
from techbridge.events.domain.availability import (
    do_block_time,
    do_save_b2b_profile,
    do_unblock_time,
    participant_zone,
)
from techbridge.events.forms.b2b import B2BProfileForm, BlockedTimeForm
from techbridge.events.models import MeetingSession


@login_required
@require_http_methods(["GET", "POST"])
def my_b2b_profile(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    registration = access_own_registration(request.user, event)
    linkable = linkable_listings(request.user).order_by("pk")
    form = B2BProfileForm(
        request.POST or None,
        instance=registration,
        linkable=linkable,
        sessions=MeetingSession.objects.filter(event=event),
        event_zone=ZoneInfo(event.time_zone),
    )
    if request.method == "POST" and form.is_valid():
        # Links to listings the user no longer manages stay as they are: only their own choices change.
        kept = list(registration.listings.exclude(pk__in=linkable))
        do_save_b2b_profile(
            registration=form.save(commit=False),
            listings=[*kept, *form.cleaned_data["listings"]],
            sessions=list(form.cleaned_data["sessions"]),
        )
        messages.success(request, _("Your B2B profile was saved."))
        return redirect("events:my_b2b_profile", slug=event.slug)
    zone = participant_zone(registration, event)
    context = {
        "event": event,
        "registration": registration,
        "form": form,
        "blocked_form": BlockedTimeForm(zone=zone),
        "blocked_times": registration.blocked_times.all(),
        "zone": zone,
    }
    return render(request, "events/b2b/profile.html", context)


@login_required
@require_POST
def block_time(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    registration = access_own_registration(request.user, event)
    form = BlockedTimeForm(request.POST, zone=participant_zone(registration, event))
    if form.is_valid():
        do_block_time(
            registration=registration,
            starts_at=form.cleaned_data["starts_at"],
            ends_at=form.cleaned_data["ends_at"],
        )
        messages.success(request, _("The time is blocked."))
    else:
        for error in form.errors.get("__all__", []) or [_("Enter both times.")]:
            messages.error(request, str(error))
    return redirect("events:my_b2b_profile", slug=event.slug)


@login_required
@require_POST
def unblock_time(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    registration = access_own_registration(request.user, event)
    blocked = access_own_blocked_time(registration, pk)
    do_unblock_time(blocked=blocked)
    messages.success(request, _("The time is free again."))
    return redirect("events:my_b2b_profile", slug=event.slug)
