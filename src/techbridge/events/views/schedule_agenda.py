"""A participant's personal agenda: page, PDF and iCal. Nobody else sees it (404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from techbridge.events.access import access_event, own_registration
from techbridge.events.domain import agendas
from techbridge.events.enums import RegistrationStatus


def _agenda(request: HttpRequest, slug: str) -> agendas.Agenda:
    event = access_event(request.user, slug)
    registration = own_registration(request.user, event)
    if registration is None or registration.status != RegistrationStatus.APPROVED:
        raise Http404
    return agendas.build_agenda(registration)


@login_required
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "events/schedule/agenda.html", {"agenda": _agenda(request, slug)})


@login_required
def agenda_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    response = HttpResponse(agendas.agenda_pdf(_agenda(request, slug)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{slug}.pdf"'
    return response


@login_required
def agenda_ical(request: HttpRequest, slug: str) -> HttpResponse:
    data = agendas.agenda_ical(_agenda(request, slug))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="agenda-{slug}.ics"'
    return response
