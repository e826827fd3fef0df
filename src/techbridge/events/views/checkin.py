"""Check-in at the entrance (a page for an organiser's phone) and the attendance figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.common.countries import country_name
from techbridge.common.pages import current_user, is_htmx
from techbridge.events.access import access_organised_event, managed_registrations
from techbridge.events.domain.attendance import attendance
from techbridge.events.domain.checkin import CheckInResult, check_in_badge
from techbridge.events.enums import RegistrationStatus
from techbridge.events.forms.registration import CheckInForm
from techbridge.events.views.programme_helpers import event_context


@login_required
def checkin(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    context = event_context(request, event, "checkin")
    context["form"] = CheckInForm()
    return render(request, "events/programme/checkin.html", context)


@login_required
@require_POST
def checkin_scan(request: HttpRequest, slug: str) -> HttpResponse:
    """Accepts the badge code (scanned or typed); answers with the result for the phone's screen."""
    event = access_organised_event(request.user, slug)
    form = CheckInForm(request.POST)
    if form.is_valid():
        result = check_in_badge(
            event=event, code=form.cleaned_data["code"], actor=current_user(request), now=timezone.now()
        )
    else:
        result = CheckInResult(accepted=False, message=_("Type or scan a badge code."))
    context = event_context(request, event, "checkin")
    context.update({"result": result, "form": CheckInForm()})
    template = (
        "events/programme/_checkin_result.html" if is_htmx(request) else "events/programme/checkin.html"
    )
    return render(request, template, context)


@login_required
def attendance_view(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    countries = (
        managed_registrations(request.user, event)
        .exclude(country="")
        .values_list("country", flat=True)
        .distinct()
    )
    context = event_context(request, event, "attendance")
    context["figures"] = attendance(event, {code: country_name(code) for code in countries})
    context["pending"] = (
        managed_registrations(request.user, event).filter(status=RegistrationStatus.PENDING).count()
    )
    return render(request, "events/programme/attendance.html", context)
