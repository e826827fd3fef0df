"""The alliance catalogue, an instrument's page with its booking form, week view and iCal feed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.common.multilingual import localize
from techbridge.common.pages import is_htmx, page_of
from techbridge.instruments.access import (
    access_instrument,
    managed_instruments,
    sees_internal_details,
    visible_instruments,
)
from techbridge.instruments.domain.booking import BookingAsk, BookingRefused, check_create_booking
from techbridge.instruments.domain.calendars import ical_feed, viewer_zone, week_bounds, week_view
from techbridge.instruments.domain.catalogue import InstrumentFilters, filter_instruments
from techbridge.instruments.domain.waiting import do_join_waiting_list
from techbridge.instruments.enums import ACTIVE_STATUSES, InstrumentStatus
from techbridge.instruments.forms import BookingForm, InstrumentFilterForm
from techbridge.instruments.models import Booking, Instrument, SubsidyScheme
from techbridge.instruments.roles import booker_profile
from techbridge.instruments.views.helpers import parse_day, refusal_context

FEED_PAST = timedelta(days=31)
FEED_FUTURE = timedelta(days=400)


def catalogue(request: HttpRequest) -> HttpResponse:
    form = InstrumentFilterForm(request.GET or None)
    filters = InstrumentFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = InstrumentFilters(
            q=data["q"], category=data["category"], country=data["country"], status=data["status"]
        )
    instruments = filter_instruments(visible_instruments(request.user), filters)
    context = {"form": form, "page": page_of(request, instruments, size=24)}
    template = "instruments/_catalogue_results.html" if is_htmx(request) else "instruments/catalogue.html"
    return render(request, template, context)


def _schemes(request: HttpRequest, instrument: Instrument) -> Any:
    schemes = SubsidyScheme.objects.filter(is_active=True)
    if not request.user.is_authenticated:
        return schemes.none()
    category = booker_profile(request.user, instrument.facility).category
    return [s for s in schemes if category in s.eligible_categories]


def _scheme_queryset(request: HttpRequest, instrument: Instrument) -> Any:
    allowed = [scheme.pk for scheme in _schemes(request, instrument)]
    return SubsidyScheme.objects.filter(pk__in=allowed)


def _detail_context(request: HttpRequest, instrument: Instrument, form: BookingForm | None) -> dict[str, Any]:
    user = request.user
    profile = booker_profile(user, instrument.facility) if user.is_authenticated else None
    return {
        "instrument": instrument,
        "facility": instrument.facility,
        "rates": instrument.rates.order_by("category"),
        "photos": instrument.photos.all(),
        "blackouts": instrument.blackouts.filter(end__gt=timezone.now())[:10],
        "internal": sees_internal_details(user, instrument.facility),
        "profile": profile,
        "form": form,
        "bookable": instrument.status == InstrumentStatus.AVAILABLE,
        "instrument_zone": instrument.facility.time_zone,
        "can_manage": managed_instruments(user).filter(pk=instrument.pk).exists(),
    }


def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk)
    form = None
    if request.user.is_authenticated:
        initial = {key: request.GET[key] for key in ("start", "end", "mode") if key in request.GET}
        form = BookingForm(
            initial=initial, instrument=instrument, schemes=_scheme_queryset(request, instrument)
        )
    return render(request, "instruments/instrument_detail.html", _detail_context(request, instrument, form))


@login_required
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk)
    form = BookingForm(request.POST, instrument=instrument, schemes=_scheme_queryset(request, instrument))
    context = _detail_context(request, instrument, form)
    if not form.is_valid():
        return render(request, "instruments/instrument_detail.html", context, status=422)
    data = form.cleaned_data
    ask = BookingAsk(
        instrument=instrument,
        user=request.user,  # type: ignore[arg-type]
        start=data["start"],
        end=data["end"],
        mode=data["mode"],
        samples=data["samples"],
        purpose=data["purpose"],
        scheme=data["scheme"],
    )
    try:
        booking = check_create_booking(ask)
    except BookingRefused as refused:
        zone = viewer_zone(request.user, instrument.facility.time_zone)  # type: ignore[arg-type]
        context.update(
            refusal_context(refused, zone=zone, instrument_zone=ZoneInfo(instrument.facility.time_zone))
        )
        return render(
            request, "instruments/instrument_detail.html", context, status=409 if refused.conflict else 422
        )
    messages.success(
        request,
        _("Your booking is confirmed.")
        if booking.status == "confirmed"
        else _("Your booking awaits the facility's approval."),
    )
    return redirect("instruments:booking", pk=booking.pk)


@login_required
@require_POST
def join_waiting_list(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk)
    form = BookingForm(request.POST, instrument=instrument, schemes=_scheme_queryset(request, instrument))
    if not form.is_valid():
        return render(
            request,
            "instruments/instrument_detail.html",
            _detail_context(request, instrument, form),
            status=422,
        )
    data = form.cleaned_data
    do_join_waiting_list(
        instrument=instrument,
        user=request.user,  # type: ignore[arg-type]
        start=data["start"],
        end=data["end"],
        mode=data["mode"],
    )
    messages.success(
        request, _("You are on the waiting list; a booking is made for you if the time frees up.")
    )
    return redirect("instruments:my_bookings")


def _busy(instrument: Instrument, start: Any, end: Any) -> Any:
    return (
        Booking.objects.filter(
            instrument=instrument, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start
        )
        .select_related("user", "instrument__facility")
        .order_by("start")
    )


def instrument_week(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk)
    zone = viewer_zone(request.user, instrument.facility.time_zone)  # type: ignore[arg-type]
    today = timezone.now().astimezone(zone).date()
    day = parse_day(request.GET.get("week"), today)
    _monday, start, end = week_bounds(day, zone)
    context = {
        "instrument": instrument,
        "week": week_view(_busy(instrument, start, end), day=day, zone=zone),
        "internal": sees_internal_details(request.user, instrument.facility),
        "today": today,
    }
    template = "instruments/_week.html" if is_htmx(request) else "instruments/instrument_week.html"
    return render(request, template, context)


def instrument_ical(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = access_instrument(request.user, pk)
    now = timezone.now()
    bookings = _busy(instrument, now - FEED_PAST, now + FEED_FUTURE)
    body = ical_feed(bookings, name=str(localize(instrument.name)), show_details=False)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="instrument-{instrument.pk}.ics"'
    return response
