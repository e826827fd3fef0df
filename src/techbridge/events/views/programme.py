"""Event pages: the list, the event's home, the programme (page, iCal, PDF) and the organisers' editing."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.common.multilingual import localize
from techbridge.common.pages import current_user
from techbridge.common.request_cache import forget_role_answers
from techbridge.directory.models import Centre
from techbridge.directory.roles import is_platform_admin, operated_centre_ids
from techbridge.events.access import (
    access_event,
    access_organised_activity,
    access_organised_event,
    access_organised_room,
    access_organised_speaker,
    access_organised_venue,
    can_see_stream_links,
    visible_events,
)
from techbridge.events.domain.programme import (
    printed_day,
    programme_activities,
    programme_days,
    programme_ical,
    programme_pdf,
)
from techbridge.events.forms.programme import ActivityForm, EventForm, RoomForm, SpeakerForm, VenueForm
from techbridge.events.models import Event, Venue
from techbridge.events.views.programme_helpers import event_context, form_page, save_form_page


def _may_create_events(request: HttpRequest) -> bool:
    return is_platform_admin(request.user) or bool(operated_centre_ids(request.user))


def _creatable_centres(request: HttpRequest) -> QuerySet[Centre]:
    if is_platform_admin(request.user):
        return Centre.objects.all()
    return Centre.objects.filter(pk__in=operated_centre_ids(request.user))


def event_list(request: HttpRequest) -> HttpResponse:
    events = visible_events(request.user).prefetch_related("organising_centres")
    return render(
        request, "events/event_list.html", {"events": events, "may_create": _may_create_events(request)}
    )


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    context = event_context(request, event, "home")
    context.update(
        {
            "venues": Venue.objects.filter(event=event).prefetch_related("rooms"),
            "centres": event.organising_centres.all(),
            "co_organisers": event.co_organisers.all(),
            "organiser_people": event.organisers.all(),
        }
    )
    return render(request, "events/event_detail.html", context)


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    zone = ZoneInfo(event.time_zone)
    context = event_context(request, event, "programme")
    registration = context["registration"]
    own_zone = (
        ZoneInfo(registration.time_zone)
        if registration is not None and registration.remote and registration.time_zone
        else None
    )
    context.update(
        {
            "days": programme_days(programme_activities(event), zone),
            "show_links": can_see_stream_links(request.user, event),
            "own_zone": own_zone if own_zone != zone else None,
        }
    )
    return render(request, "events/programme/programme.html", context)


def programme_ical_view(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    url = request.build_absolute_uri(reverse("events:programme", args=[event.slug]))
    response = HttpResponse(
        programme_ical(event, programme_activities(event), event_url=url), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-programme.ics"'
    return response


def programme_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event(request.user, slug)
    zone = ZoneInfo(event.time_zone)
    days = [
        printed_day(day, zone, date_format(day.day, "l, j F Y"))
        for day in programme_days(programme_activities(event), zone)
    ]
    subtitle = _("%(first)s – %(last)s, %(city)s. Times in %(zone)s.") % {
        "first": date_format(event.starts_on, "j F Y"),
        "last": date_format(event.ends_on, "j F Y"),
        "city": event.city,
        "zone": event.time_zone,
    }
    data = programme_pdf(
        title=str(localize(event.title)),
        subtitle=subtitle,
        days=days,
        footer=request.build_absolute_uri(reverse("events:programme", args=[event.slug])),
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-programme.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    if not _may_create_events(request):
        raise Http404
    centres = _creatable_centres(request)
    form = EventForm(request.POST or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            event: Event = form.save(commit=False)
            event.created_by = current_user(request)
            event.save()
            form.save_m2m()
        forget_role_answers(request.user)
        messages.success(request, _("The event was created."))
        return redirect("events:detail", event.slug)
    return form_page(request, None, form=form, heading=_("New event"), status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    form = EventForm(
        request.POST or None,
        instance=event,
        centres=_creatable_centres(request) | event.organising_centres.all(),
    )
    return save_form_page(
        request,
        event,
        form=form,
        heading=_("Edit the event"),
        saved=_("The event was saved."),
        next_page="events:detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def venue_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    venue = access_organised_venue(request.user, event, pk) if pk is not None else Venue(event=event)
    form = VenueForm(request.POST or None, instance=venue)
    heading = _("Edit the venue") if pk is not None else _("New venue")
    return save_form_page(
        request, event, form=form, heading=heading, saved=_("The venue was saved."), next_page="events:detail"
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_new(request: HttpRequest, slug: str, venue_pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    venue = access_organised_venue(request.user, event, venue_pk)
    form = RoomForm(request.POST or None)
    form.instance.venue = venue
    return save_form_page(
        request,
        event,
        form=form,
        heading=_("New room"),
        saved=_("The room was saved."),
        next_page="events:detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    room = access_organised_room(request.user, event, pk)
    form = RoomForm(request.POST or None, instance=room)
    return save_form_page(
        request,
        event,
        form=form,
        heading=_("Edit the room"),
        saved=_("The room was saved."),
        next_page="events:detail",
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    activity = access_organised_activity(request.user, event, pk) if pk is not None else None
    form = ActivityForm(request.POST or None, instance=activity, event=event)
    form.instance.event = event
    heading = _("Edit the programme item") if pk is not None else _("New programme item")
    return save_form_page(
        request,
        event,
        form=form,
        heading=heading,
        saved=_("The programme item was saved."),
        next_page="events:programme",
        tab="programme",
    )


@login_required
@require_POST
def activity_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    access_organised_activity(request.user, event, pk).delete()
    messages.success(request, _("The programme item was deleted."))
    return redirect("events:programme", event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def speaker_new(request: HttpRequest, slug: str, activity_pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    activity = access_organised_activity(request.user, event, activity_pk)
    form = SpeakerForm(request.POST or None)
    form.instance.activity = activity
    heading = _("New speaker for “%(title)s”") % {"title": localize(activity.title)}
    return save_form_page(
        request,
        event,
        form=form,
        heading=heading,
        saved=_("The speaker was added."),
        next_page="events:programme",
        tab="programme",
    )


@login_required
@require_POST
def speaker_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_organised_event(request.user, slug)
    access_organised_speaker(request.user, event, pk).delete()
    messages.success(request, _("The speaker was removed."))
    return redirect("events:programme", event.slug)
