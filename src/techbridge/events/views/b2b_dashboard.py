"""The organisers' dashboard of an event."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from techbridge.common.countries import country_name
from techbridge.events.access import access_organised_event
from techbridge.events.domain.dashboard import build_dashboard
from techbridge.events.domain.requests import apply_expiry
from techbridge.events.enums import (
    MeetingOutcomeKind,
    MeetingRequestStatus,
    ParticipantCategory,
    RegistrationStatus,
)


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    apply_expiry(event=event, now=timezone.now())
    figures = build_dashboard(event)
    context = {
        "event": event,
        "figures": figures,
        "statuses": [(RegistrationStatus(s).label, n) for s, n in figures.registrations_by_status.items()],
        "countries": [(country_name(code) if code else "—", n) for code, n in figures.approved_by_country],
        "categories": [(ParticipantCategory(c).label, n) for c, n in figures.approved_by_category],
        "requests": [(MeetingRequestStatus(s).label, n) for s, n in figures.requests.items()],
        "outcomes": [(MeetingOutcomeKind(k).label, n) for k, n in figures.outcomes.items()],
    }
    return render(request, "events/b2b/dashboard.html", context)
