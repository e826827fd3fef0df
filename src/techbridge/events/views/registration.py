"""Registration pages: the form, the participant's own registration and badge, the organisers' list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.common.multilingual import localize
from techbridge.common.pages import current_user, page_of
from techbridge.directory.models import Organisation
from techbridge.directory.roles import member_organisation_ids
from techbridge.events.access import (
    access_event,
    access_managed_registration,
    access_organised_event,
    managed_registrations,
    own_registration,
)
from techbridge.events.domain.badges import Badge, badges_pdf
from techbridge.events.domain.registration import (
    ACTIVE,
    RegistrationDetails,
    RegistrationError,
    check_cancel,
    check_decide,
    check_register,
    places_taken,
)
from techbridge.events.domain.registration_export import export_registrations_xlsx
from techbridge.events.enums import ParticipantCategory, RegistrationStatus
from techbridge.events.forms.registration import RegistrationForm
from techbridge.events.models import Event, Registration
from techbridge.events.views.programme_helpers import event_context

PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    existing = own_registration(request.user, event)
    if existing is not None and existing.status in ACTIVE:
        return redirect("events:my_registration", event.slug)
    member_ids = member_organisation_ids(request.user)
    form = RegistrationForm(
        request.POST or None, organisations=Organisation.objects.filter(pk__in=member_ids)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            details = RegistrationDetails(
                category=data["category"],
                organisation=data["organisation"],
                country=data["country"],
                job_title=data["job_title"],
                note=data["note"],
                b2b=data["b2b"] and event.b2b_enabled,
                remote=data["remote"],
                time_zone=data["time_zone"] if data["remote"] else "",
            )
            try:
                registration = check_register(
                    event=event,
                    user=current_user(request),
                    details=details,
                    member_organisation_ids=member_ids,
                    now=timezone.now(),
                )
            except RegistrationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, str(RegistrationStatus(registration.status).label))
                return redirect("events:my_registration", event.slug)
    context = event_context(request, event, "register")
    context["form"] = form
    return render(request, "events/programme/register.html", context, status=status)


@login_required
def my_registration(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    context = event_context(request, event, "register")
    return render(request, "events/programme/my_registration.html", context)


@login_required
@require_POST
def registration_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    registration = own_registration(request.user, event)
    if registration is None:
        raise Http404
    try:
        check_cancel(registration=registration, now=timezone.now())
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect("events:my_registration", event.slug)


def _badge(event: Event, registration: Registration) -> Badge:
    return Badge(
        event_title=str(localize(event.title)),
        event_dates=f"{date_format(event.starts_on, 'j M Y')} – {date_format(event.ends_on, 'j M Y')} · {event.city}",
        name=registration.user.display_name,
        organisation=str(localize(registration.organisation.name)) if registration.organisation else "",
        category=str(ParticipantCategory(registration.category).label),
        code=registration.badge_code,
    )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def badge_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    registration = own_registration(request.user, event)
    if registration is None or registration.status != RegistrationStatus.APPROVED:
        raise Http404
    return _pdf_response(badges_pdf([_badge(event, registration)]), f"{event.slug}-badge.pdf")


@login_required
def badges_batch_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    approved = (
        managed_registrations(request.user, event)
        .filter(status=RegistrationStatus.APPROVED)
        .select_related("user", "organisation")
        .order_by("user__display_name", "id")
    )
    if not approved:
        messages.info(request, _("No approved participants yet."))
        return redirect("events:registrations", event.slug)
    return _pdf_response(badges_pdf([_badge(event, row) for row in approved]), f"{event.slug}-badges.pdf")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def registrations_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """The registration list (with the page's status filter) for the organisers' spreadsheets."""
    event = access_organised_event(request.user, slug)
    rows = managed_registrations(request.user, event)
    status = request.GET.get("status", "")
    if status in RegistrationStatus.values:
        rows = rows.filter(status=status)
    response = HttpResponse(export_registrations_xlsx(event, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.xlsx"'
    return response


@login_required
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    rows = managed_registrations(request.user, event).select_related("user", "organisation")
    status = request.GET.get("status", "")
    if status in RegistrationStatus.values:
        rows = rows.filter(status=status)
    context = event_context(request, event, "registrations")
    context.update(
        {
            "page": page_of(request, rows.order_by("created_at", "id"), size=PAGE_SIZE),
            "statuses": RegistrationStatus.choices,
            "status": status,
            "places_taken": places_taken(event),
        }
    )
    return render(request, "events/programme/registrations.html", context)


@login_required
@require_POST
def registration_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    registration = access_managed_registration(request.user, event, pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, _("Choose approve or decline."))
        return redirect("events:registrations", event.slug)
    try:
        check_decide(
            registration=registration,
            approve=decision == "approve",
            actor=current_user(request),
            now=timezone.now(),
        )
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s")
            % {
                "name": registration.user.display_name,
                "status": RegistrationStatus(registration.status).label,
            },
        )
    return redirect("events:registrations", event.slug)
