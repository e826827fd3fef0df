"""A user's bookings: list, week view, personal iCal feed, and what can be done to one booking."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.accounts.domain.time_zone import do_set_time_zone, viewer_time_zone
from techbridge.accounts.forms import TimeZoneForm
from techbridge.common.pages import current_user, is_htmx, page_of
from techbridge.instruments.access import access_booking, managed_bookings, visible_bookings
from techbridge.instruments.domain.booking import (
    BookingStateError,
    cancellation_for,
    check_cancel_booking,
    check_decide_booking,
)
from techbridge.instruments.domain.calendars import (
    calendar_settings,
    do_rotate_feed_token,
    ical_feed,
    viewer_zone,
    week_bounds,
    week_view,
)
from techbridge.instruments.domain.fees import provisional_line
from techbridge.instruments.domain.messages import state_text
from techbridge.instruments.domain.usage import check_check_in, check_check_out
from techbridge.instruments.enums import ACTIVE_STATUSES, BookingStatus, WaitingStatus
from techbridge.instruments.forms import DecisionForm
from techbridge.instruments.models import Booking, CalendarSettings, WaitingListEntry
from techbridge.instruments.views.helpers import requested_week

FEED_PAST = timedelta(days=92)


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    settings_row = calendar_settings(user)
    bookings = (
        Booking.objects.filter(user=user)
        .select_related("instrument__facility__organisation")
        .order_by("-start")
    )
    context = {
        "page": page_of(request, bookings, size=24),
        "waiting": WaitingListEntry.objects.filter(user=user, status=WaitingStatus.WAITING)
        .select_related("instrument")
        .order_by("start"),
        "feed_url": request.build_absolute_uri(
            reverse("instruments:user_ical", args=[settings_row.feed_token])
        ),
        "settings_form": TimeZoneForm(initial={"time_zone": viewer_time_zone(user)}),
        "viewer_zone": viewer_zone(user),
    }
    return render(request, "instruments/my_bookings.html", context)


@login_required
@require_POST
def calendar_settings_view(request: HttpRequest) -> HttpResponse:
    settings_row = calendar_settings(current_user(request))
    if "rotate" in request.POST:
        do_rotate_feed_token(settings_row=settings_row)
        messages.success(request, _("Your calendar link was replaced; the old one no longer works."))
        return redirect("instruments:my_bookings")
    form = TimeZoneForm(request.POST)
    if form.is_valid() and do_set_time_zone(user=current_user(request), zone=form.cleaned_data["time_zone"]):
        messages.success(request, _("Your time zone was saved."))
    else:
        messages.error(request, _("Choose a time zone from the list."))
    return redirect("instruments:my_bookings")


@login_required
def my_week(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    zone = viewer_zone(user)
    today = timezone.now().astimezone(zone).date()
    day, status = requested_week(request, today)
    _monday, start, end = week_bounds(day, zone)
    bookings = (
        Booking.objects.filter(user=user, status__in=ACTIVE_STATUSES, start__lt=end, end__gt=start)
        .select_related("instrument__facility", "user")
        .order_by("start")
    )
    context = {
        "week": week_view(bookings, day=day, zone=zone),
        "internal": True,
        "today": today,
        "mine": True,
    }
    template = "instruments/_week.html" if is_htmx(request) else "instruments/my_week.html"
    return render(request, template, context, status=status)


def user_ical(request: HttpRequest, token: str) -> HttpResponse:
    """The personal feed: calendar clients have no session, so a secret URL stands for the user."""
    row = CalendarSettings.objects.filter(feed_token=token).select_related("user").first()
    if row is None or not row.user.is_active:
        raise Http404
    since = timezone.now() - FEED_PAST
    bookings = (
        Booking.objects.filter(user=row.user, status__in=ACTIVE_STATUSES, end__gt=since)
        .select_related("instrument__facility")
        .order_by("start")
    )
    body = ical_feed(bookings, name=_("My instrument bookings"), show_details=True)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def _booking_context(request: HttpRequest, booking: Booking) -> dict[str, Any]:
    user = current_user(request)
    now = timezone.now()
    manages = managed_bookings(user).filter(pk=booking.pk).exists()
    active = booking.status in ACTIVE_STATUSES
    return {
        "booking": booking,
        "manages": manages,
        "is_booker": booking.user_id == user.pk,
        "cancellation": cancellation_for(booking, now=now) if active else None,
        "can_check_in": booking.status == BookingStatus.CONFIRMED and booking.checked_in_at is None,
        "can_check_out": booking.checked_in_at is not None and booking.checked_out_at is None,
        "line": getattr(booking, "charge", None) or provisional_line(booking),
        "billed": hasattr(booking, "charge"),
        "decision_form": DecisionForm(),
        "viewer_zone": viewer_zone(user, booking.instrument.facility.time_zone),
    }


@login_required
def booking_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking(current_user(request), pk)
    return render(request, "instruments/booking_detail.html", _booking_context(request, booking))


def _state_change(request: HttpRequest, pk: int, *, for_manage: bool, action: Any, done: str) -> HttpResponse:
    booking = access_booking(current_user(request), pk, for_manage=for_manage)
    try:
        action(booking)
    except BookingStateError as error:
        messages.error(request, state_text(error.code))
    else:
        messages.success(request, done)
    return redirect("instruments:booking", pk=booking.pk)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking(current_user(request), pk)
    if booking.user_id != request.user.pk and not managed_bookings(request.user).filter(pk=pk).exists():
        raise Http404
    return _state_change(
        request,
        pk,
        for_manage=False,
        action=lambda b: check_cancel_booking(booking=b),
        done=_("The booking was cancelled."),
    )


@login_required
@require_POST
def booking_decide(request: HttpRequest, pk: int) -> HttpResponse:
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    approve = request.POST.get("decision") == "approve"

    def decide(booking: Booking) -> Booking:
        return check_decide_booking(
            booking=booking, manager=current_user(request), approve=approve, note=note
        )

    done = _("The booking was approved.") if approve else _("The booking was rejected.")
    return _state_change(request, pk, for_manage=True, action=decide, done=done)


@login_required
@require_POST
def booking_check_in(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(
        request, pk, for_manage=True, action=lambda b: check_check_in(booking=b), done=_("Checked in.")
    )


@login_required
@require_POST
def booking_check_out(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(
        request,
        pk,
        for_manage=True,
        action=lambda b: check_check_out(booking=b),
        done=_("Checked out and billed."),
    )


@login_required
@require_http_methods(["GET"])
def pending_for_me(request: HttpRequest) -> HttpResponse:
    """Facility managers: bookings awaiting approval and today's sessions of their facilities."""
    user = current_user(request)
    now = timezone.now()
    managed = managed_bookings(user).select_related("instrument__facility", "user", "organisation")
    context = {
        "pending": managed.filter(status=BookingStatus.PENDING).order_by("start")[:100],
        "today": managed.filter(
            status=BookingStatus.CONFIRMED,
            start__lt=now + timedelta(hours=12),
            end__gt=now - timedelta(hours=12),
        ).order_by("start")[:100],
        "visible_count": visible_bookings(user).count(),
    }
    return render(request, "instruments/manage.html", context)
