"""B2B meeting requests: send, accept (a Meeting is born), decline, cancel, expire; organiser-arranged meetings.

Rules that must hold under concurrency (the quota, one open request per pair in either direction)
are checked again inside the transaction after locking both parties' registrations, in a fixed order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.accounts.models import User
from techbridge.events.domain.availability import (
    availability_summary,
    event_slots,
    meets_online,
    shared_slots,
)
from techbridge.events.domain.request_expiry import expire_requests
from techbridge.events.enums import MeetingRequestStatus, MeetingStatus, NotificationKind, RegistrationStatus
from techbridge.events.models import Event, Meeting, MeetingRequest, MeetingSeat, Registration
from techbridge.market.models import Listing
from techbridge.notifications.domain.delivery import notify

REFUSALS = {
    "not_b2b": gettext_lazy("This event does not hold B2B meetings."),
    "not_participant": gettext_lazy("Only approved B2B participants of this event can meet."),
    "oneself": gettext_lazy("You cannot request a meeting with yourself."),
    "quota": gettext_lazy(
        "You have reached this event's limit of %(quota)s open or accepted meeting requests."
    ),
    "duplicate": gettext_lazy("There is already an open or accepted meeting request between you two."),
    "no_common_slot": gettext_lazy(
        "This online meeting cannot take place: no meeting slot of the event falls within both "
        "parties' working hours. %(first)s is available %(first_hours)s; %(second)s is available "
        "%(second_hours)s."
    ),
    "no_shared_slot": gettext_lazy(
        "No meeting slot of the event suits both parties: compare your sessions and blocked times."
    ),
    "wrong_listing": gettext_lazy("Choose a listing that one of you brought to the event."),
    "not_recipient": gettext_lazy("Only the participant who received this request can answer it."),
    "not_open": gettext_lazy("This request is no longer open."),
    "expired": gettext_lazy("This request has expired."),
    "not_party": gettext_lazy("Only the two participants can cancel this request."),
}
OPEN_STATUSES = (MeetingRequestStatus.SENT, MeetingRequestStatus.ACCEPTED)


class RequestError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.message = str(REFUSALS[code]) % params if params else str(REFUSALS[code])


def participant_name(registration: Registration) -> str:
    name = registration.user.display_name
    if registration.organisation is not None:
        return f"{name} ({registration.organisation})"
    return name


def requests_url(event: Event) -> str:
    return reverse("events:requests", kwargs={"slug": event.slug})


def quota_used(registration: Registration) -> int:
    """Open and accepted requests the participant sent; meetings an organiser arranged do not count."""
    return registration.sent_requests.filter(status__in=OPEN_STATUSES, arranged_by__isnull=True).count()


def open_request_between(first: Registration, second: Registration) -> bool:
    pair = Q(requester=first, recipient=second) | Q(requester=second, recipient=first)
    return MeetingRequest.objects.filter(pair, status__in=OPEN_STATUSES).exists()


def apply_expiry(*, event: Event, now: datetime) -> int:
    """Expire the event's overdue requests now (pages call this, so no worker is needed to be right)."""
    return expire_requests(now=now, event=event)


# --- checks shared by sending, accepting and arranging -------------------------------------------


def _check_parties(event: Event, first: Registration, second: Registration) -> None:
    if not event.b2b_enabled:
        raise RequestError("not_b2b")
    for party in (first, second):
        if party.event_id != event.pk or not party.b2b or party.status != RegistrationStatus.APPROVED:
            raise RequestError("not_participant")
    if first.pk == second.pk:
        raise RequestError("oneself")


def check_common_time(event: Event, first: Registration, second: Registration) -> None:
    """Refuse a pair that shares no slot, saying whose hours clash when the meeting is online."""
    if not event_slots(event) or shared_slots(first, second, event):
        return
    if meets_online(first, second):
        raise RequestError(
            "no_common_slot",
            first=participant_name(first),
            first_hours=availability_summary(first, event),
            second=participant_name(second),
            second_hours=availability_summary(second, event),
        )
    raise RequestError("no_shared_slot")


def _check_listing(listing: Listing | None, first: Registration, second: Registration) -> None:
    if listing is None:
        return
    linked = Listing.objects.filter(event_registrations__in=[first, second], pk=listing.pk)
    if not linked.exists():
        raise RequestError("wrong_listing")


def _lock_pair(first: Registration, second: Registration) -> None:
    # Always the same order, so two requests crossing each other wait instead of deadlocking.
    list(Registration.objects.select_for_update().filter(pk__in=[first.pk, second.pk]).order_by("pk"))


def _create_request(request: MeetingRequest) -> MeetingRequest:
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:  # the database's own one-direction guard
        raise RequestError("duplicate") from error
    return request


# --- sending ---------------------------------------------------------------------------------------


def check_send_request(
    *,
    event: Event,
    requester: Registration,
    recipient: Registration,
    message: str,
    listing: Listing | None,
    now: datetime,
) -> MeetingRequest:
    _check_parties(event, requester, recipient)
    _check_listing(listing, requester, recipient)
    check_common_time(event, requester, recipient)
    request = MeetingRequest(
        event=event,
        requester=requester,
        recipient=recipient,
        listing=listing,
        message=message.strip(),
        created_at=now,
        expires_at=now + timedelta(days=event.request_expiry_days),
    )
    return do_send_request(request=request, now=now)


@transaction.atomic
def do_send_request(*, request: MeetingRequest, now: datetime) -> MeetingRequest:
    requester, recipient = request.requester, request.recipient
    _lock_pair(requester, recipient)
    apply_expiry(event=request.event, now=now)
    if open_request_between(requester, recipient):
        raise RequestError("duplicate")
    if quota_used(requester) >= request.event.request_quota:
        raise RequestError("quota", quota=request.event.request_quota)
    _create_request(request)
    name = participant_name(requester)
    notify(
        recipients=[recipient.user],
        kind=NotificationKind.MEETING_REQUEST,
        subject=lambda: _("%(name)s asks to meet you") % {"name": name},
        body=lambda: request.message[:500],
        url=requests_url(request.event),
        now=now,
    )
    return request


# --- answering -------------------------------------------------------------------------------------


def check_answer_request(
    *, request: MeetingRequest, actor: Registration, accept: bool, answer: str, now: datetime
) -> MeetingRequest:
    if request.recipient_id != actor.pk:
        raise RequestError("not_recipient")
    if request.status == MeetingRequestStatus.SENT and request.expires_at and request.expires_at <= now:
        apply_expiry(event=request.event, now=now)
        raise RequestError("expired")
    if request.status != MeetingRequestStatus.SENT:
        raise RequestError("not_open")
    if accept:
        check_common_time(request.event, request.requester, request.recipient)
        do_accept_request(request=request, answer=answer, now=now)
        return request
    return do_decline_request(request=request, answer=answer, now=now)


def _lock_open_request(request: MeetingRequest) -> MeetingRequest:
    locked = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != MeetingRequestStatus.SENT:
        raise RequestError("not_open")
    return locked


def _create_meeting(request: MeetingRequest) -> Meeting:
    return Meeting.objects.create(
        event=request.event,
        request=request,
        first=request.requester,
        second=request.recipient,
        online=meets_online(request.requester, request.recipient),
    )


@transaction.atomic
def do_accept_request(*, request: MeetingRequest, answer: str, now: datetime) -> Meeting:
    _lock_open_request(request)
    request.status = MeetingRequestStatus.ACCEPTED
    request.response_message = answer.strip()
    request.responded_at = now
    request.save(update_fields=["status", "response_message", "responded_at"])
    meeting = _create_meeting(request)
    _tell(
        request.requester.user,
        request,
        subject=_lazy_subject(gettext_lazy("%(name)s accepted your meeting request"), request.recipient),
        now=now,
    )
    return meeting


@transaction.atomic
def do_decline_request(*, request: MeetingRequest, answer: str, now: datetime) -> MeetingRequest:
    _lock_open_request(request)
    request.status = MeetingRequestStatus.DECLINED
    request.response_message = answer.strip()
    request.responded_at = now
    request.save(update_fields=["status", "response_message", "responded_at"])
    _tell(
        request.requester.user,
        request,
        subject=_lazy_subject(gettext_lazy("%(name)s declined your meeting request"), request.recipient),
        now=now,
    )
    return request


# --- cancelling ------------------------------------------------------------------------------------


def check_cancel_request(*, request: MeetingRequest, actor: Registration, now: datetime) -> MeetingRequest:
    """The requester withdraws a sent request; either party cancels an accepted one (and its meeting)."""
    parties = {request.requester_id, request.recipient_id}
    if actor.pk not in parties:
        raise RequestError("not_party")
    if request.status == MeetingRequestStatus.SENT and actor.pk != request.requester_id:
        raise RequestError("not_party")
    if request.status not in OPEN_STATUSES:
        raise RequestError("not_open")
    return do_cancel_request(request=request, actor=actor, now=now)


@transaction.atomic
def do_cancel_request(*, request: MeetingRequest, actor: Registration, now: datetime) -> MeetingRequest:
    locked = MeetingRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status not in OPEN_STATUSES:
        raise RequestError("not_open")
    request.status = MeetingRequestStatus.CANCELLED
    request.responded_at = request.responded_at or now
    request.save(update_fields=["status", "responded_at"])
    meeting = Meeting.objects.filter(request=request).first()
    if meeting is not None:
        meeting.status = MeetingStatus.CANCELLED
        meeting.save(update_fields=["status"])
        # The seats free the participants' slots for the next schedule.
        MeetingSeat.objects.filter(meeting=meeting).delete()
    other = request.recipient if actor.pk == request.requester_id else request.requester
    _tell(
        other.user,
        request,
        subject=_lazy_subject(gettext_lazy("%(name)s cancelled your meeting"), actor),
        now=now,
    )
    return request


# --- organiser-arranged meetings -------------------------------------------------------------------


def check_arrange_meeting(
    *,
    event: Event,
    organiser: User,
    first: Registration,
    second: Registration,
    message: str,
    listing: Listing | None,
    now: datetime,
) -> Meeting:
    _check_parties(event, first, second)
    _check_listing(listing, first, second)
    check_common_time(event, first, second)
    request = MeetingRequest(
        event=event,
        requester=first,
        recipient=second,
        listing=listing,
        message=message.strip(),
        status=MeetingRequestStatus.ACCEPTED,
        arranged_by=organiser,
        created_at=now,
        responded_at=now,
    )
    return do_arrange_meeting(request=request, now=now)


@transaction.atomic
def do_arrange_meeting(*, request: MeetingRequest, now: datetime) -> Meeting:
    _lock_pair(request.requester, request.recipient)
    if open_request_between(request.requester, request.recipient):
        raise RequestError("duplicate")
    _create_request(request)
    meeting = _create_meeting(request)
    for party, other in ((request.requester, request.recipient), (request.recipient, request.requester)):
        _tell(
            party.user,
            request,
            subject=_lazy_subject(
                gettext_lazy("The organisers arranged a meeting for you with %(name)s"), other
            ),
            now=now,
        )
    return meeting


# --- notices ---------------------------------------------------------------------------------------


def _lazy_subject(template: Promise, about: Registration) -> Callable[[], str]:
    """A subject rendered in each recipient's language (notify() calls it inside their language)."""
    name = participant_name(about)
    return lambda: str(template) % {"name": name}


def _tell(recipient: User, request: MeetingRequest, *, subject: Callable[[], str], now: datetime) -> None:
    notify(
        recipients=[recipient],
        kind=NotificationKind.MEETING_REQUEST,
        subject=subject,
        body=lambda: request.response_message[:500],
        url=requests_url(request.event),
        now=now,
    )
