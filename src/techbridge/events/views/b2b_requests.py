"""Meeting requests: mine (sent, received, meetings), a new one, answering and cancelling; organisers
arrange meetings between two participants."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.events.access import (
    access_b2b_event,
    access_catalogue_entry,
    access_organised_b2b_event,
    access_own_b2b_registration,
    access_own_request,
    b2b_catalogue,
    catalogue_listings,
    own_meetings,
)
from techbridge.events.domain.availability import availability_summary, meets_online
from techbridge.events.domain.requests import (
    RequestError,
    apply_expiry,
    check_answer_request,
    check_arrange_meeting,
    check_cancel_request,
    check_send_request,
    quota_used,
)
from techbridge.events.forms.b2b import AnswerForm, ArrangeMeetingForm, MeetingRequestForm
from techbridge.events.models import MeetingRequest, Registration
from techbridge.market.models import Listing

RELATED = (
    "requester__user",
    "requester__organisation",
    "recipient__user",
    "recipient__organisation",
    "listing",
)


@login_required
def my_requests(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    registration = access_own_b2b_registration(request.user, event)
    apply_expiry(event=event, now=timezone.now())
    meetings = own_meetings(registration).select_related(
        "first__user", "second__user", "first__organisation", "second__organisation", "interest", "session"
    )
    context = {
        "event": event,
        "registration": registration,
        "sent": MeetingRequest.objects.filter(requester=registration).select_related(*RELATED),
        "received": MeetingRequest.objects.filter(recipient=registration).select_related(*RELATED),
        "meetings": meetings.order_by("starts_at", "created_at"),
        "now": timezone.now(),  # outcomes are recorded only once a meeting has started
        "quota_used": quota_used(registration),
        "answer_form": AnswerForm(),
    }
    return render(request, "events/b2b/requests.html", context)


def _request_listings(request: HttpRequest, *parties: Registration) -> QuerySet[Listing]:
    """Listings the request may be about: those the two parties brought that the sender may see."""
    return catalogue_listings(request.user).filter(event_registrations__in=parties).distinct().order_by("pk")


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    requester = access_own_b2b_registration(request.user, event)
    recipient = access_catalogue_entry(request.user, event, pk)
    listings = _request_listings(request, requester, recipient)
    form = MeetingRequestForm(
        request.POST or None, listings=listings, initial={"listing": request.GET.get("listing")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            check_send_request(
                event=event,
                requester=requester,
                recipient=recipient,
                message=form.cleaned_data["message"],
                listing=form.cleaned_data["listing"],
                now=timezone.now(),
            )
        except RequestError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your meeting request was sent."))
            return redirect("events:requests", slug=event.slug)
    context = {
        "event": event,
        "form": form,
        "recipient": recipient,
        "online": meets_online(requester, recipient),
        "my_hours": availability_summary(requester, event),
        "their_hours": availability_summary(recipient, event),
        "quota_left": max(event.request_quota - quota_used(requester), 0),
    }
    return render(request, "events/b2b/request_form.html", context)


@login_required
@require_POST
def request_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    registration = access_own_b2b_registration(request.user, event)
    meeting_request = access_own_request(registration, pk)
    form = AnswerForm(request.POST)
    accept = request.POST.get("decision") == "accept"
    if not form.is_valid() or request.POST.get("decision") not in ("accept", "decline"):
        messages.error(request, _("Please choose to accept or decline, with a short answer."))
        return redirect("events:requests", slug=event.slug)
    try:
        check_answer_request(
            request=meeting_request,
            actor=registration,
            accept=accept,
            answer=form.cleaned_data["answer"],
            now=timezone.now(),
        )
    except RequestError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Meeting accepted.") if accept else _("Request declined."))
    return redirect("events:requests", slug=event.slug)


@login_required
@require_POST
def request_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access_b2b_event(request.user, slug)
    registration = access_own_b2b_registration(request.user, event)
    meeting_request = access_own_request(registration, pk)
    try:
        check_cancel_request(request=meeting_request, actor=registration, now=timezone.now())
    except RequestError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Cancelled."))
    return redirect("events:requests", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def arrange_meeting(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_organised_b2b_event(request.user, slug)
    participants = b2b_catalogue(request.user, event)
    form = ArrangeMeetingForm(request.POST or None, participants=participants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check_arrange_meeting(
                event=event,
                organiser=request.user,  # type: ignore[arg-type]
                first=data["first"],
                second=data["second"],
                message=data["message"],
                listing=None,
                now=timezone.now(),
            )
        except RequestError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is arranged; both participants were told."))
            return redirect("events:arrange_meeting", slug=event.slug)
    arranged = MeetingRequest.objects.filter(event=event, arranged_by__isnull=False).select_related(*RELATED)[
        :50
    ]
    return render(request, "events/b2b/arrange.html", {"event": event, "form": form, "arranged": arranged})
