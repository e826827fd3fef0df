"""Unanswered meeting requests expire: the periodic job `events.expire_meeting_requests` runs this,
and the request pages apply it lazily to their event when they load, so an expired request
never looks open even between two runs.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from techbridge.events.enums import MeetingRequestStatus, NotificationKind
from techbridge.events.models import Event, MeetingRequest
from techbridge.notifications.domain.delivery import notify


def expire_requests(*, now: datetime, event: Event | None = None) -> int:
    """Mark every sent request whose time is up as expired and tell the requester; the count."""
    due = MeetingRequest.objects.filter(status=MeetingRequestStatus.SENT, expires_at__lte=now)
    if event is not None:
        due = due.filter(event=event)
    expired = 0
    for request_id in due.order_by("id").values_list("pk", flat=True):
        with transaction.atomic():
            request = (
                MeetingRequest.objects.select_for_update()
                .select_related("event", "requester__user", "recipient__user")
                .get(pk=request_id)
            )
            # Answered meanwhile by another process: leave it.
            if request.status != MeetingRequestStatus.SENT:
                continue
            request.status = MeetingRequestStatus.EXPIRED
            request.save(update_fields=["status"])
            _tell_requester(request, now=now)
            expired += 1
    return expired


def _tell_requester(request: MeetingRequest, *, now: datetime) -> None:
    other = request.recipient.user.display_name
    notify(
        recipients=[request.requester.user],
        kind=NotificationKind.MEETING_REQUEST,
        subject=lambda: _("Your meeting request to %(name)s expired without an answer") % {"name": other},
        body=lambda: "",
        url=reverse("events:requests", kwargs={"slug": request.event.slug}),
        now=now,
    )
