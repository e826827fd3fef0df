"""Meeting requests: send, accept (a Meeting is born), decline, cancel, expire; quotas, duplicates and
organiser-arranged meetings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from b2b_world import B2B, NOW, accept, build_b2b, send
from events_world import Events

from techbridge.events.domain.request_expiry import expire_requests
from techbridge.events.domain.requests import (
    RequestError,
    check_answer_request,
    check_arrange_meeting,
    check_cancel_request,
)
from techbridge.events.enums import MeetingRequestStatus, MeetingStatus, NotificationKind
from techbridge.events.models import Meeting, MeetingRequest
from techbridge.events.tasks import expire_meeting_requests
from techbridge.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def b2b(events: Events) -> B2B:
    return build_b2b(events)


def _notices(registration: object) -> list[str]:
    user = registration.user  # type: ignore[attr-defined]
    return list(
        Notification.objects.filter(recipient=user, kind=NotificationKind.MEETING_REQUEST).values_list(
            "subject", flat=True
        )
    )


def test_send_then_accept_creates_one_meeting_and_tells_both_sides(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li, listing=b2b.demand)
    assert request.status == MeetingRequestStatus.SENT
    assert request.expires_at == NOW + timedelta(days=b2b.event.request_expiry_days)
    assert _notices(b2b.li) == ["Anna Kovács (Óbuda Battery Lab) asks to meet you"]

    accept(request, now=NOW + timedelta(hours=1))

    request.refresh_from_db()
    assert request.status == MeetingRequestStatus.ACCEPTED
    assert request.response_message == "Gladly."
    meeting = Meeting.objects.get(request=request)
    assert (meeting.first, meeting.second, meeting.online) == (b2b.anna, b2b.li, False)
    assert (meeting.session, meeting.slot, meeting.table, meeting.starts_at) == (None, None, None, None)
    assert _notices(b2b.anna) == ["Li Wei (Jialing Electric Buses) accepted your meeting request"]


def test_decline_keeps_the_answer_and_creates_no_meeting(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li)
    check_answer_request(request=request, actor=b2b.li, accept=False, answer="Not our field.", now=NOW)
    request.refresh_from_db()
    assert (request.status, request.response_message) == (MeetingRequestStatus.DECLINED, "Not our field.")
    assert not Meeting.objects.exists()
    assert _notices(b2b.anna) == ["Li Wei (Jialing Electric Buses) declined your meeting request"]


def test_only_the_recipient_answers_and_only_once(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li)
    with pytest.raises(RequestError) as refused:
        check_answer_request(request=request, actor=b2b.anna, accept=True, answer="", now=NOW)
    assert refused.value.code == "not_recipient"
    accept(request)
    with pytest.raises(RequestError) as again:
        accept(request)
    assert again.value.code == "not_open"
    assert Meeting.objects.count() == 1


def test_cancelling_an_accepted_request_cancels_its_meeting(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li)
    accept(request)
    check_cancel_request(request=request, actor=b2b.li, now=NOW)
    request.refresh_from_db()
    assert request.status == MeetingRequestStatus.CANCELLED
    assert Meeting.objects.get(request=request).status == MeetingStatus.CANCELLED
    assert "Li Wei (Jialing Electric Buses) cancelled your meeting" in _notices(b2b.anna)


def test_only_the_requester_withdraws_a_sent_request(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li)
    with pytest.raises(RequestError):
        check_cancel_request(request=request, actor=b2b.li, now=NOW)
    with pytest.raises(RequestError):
        check_cancel_request(request=request, actor=b2b.zoltan, now=NOW)
    check_cancel_request(request=request, actor=b2b.anna, now=NOW)
    request.refresh_from_db()
    assert request.status == MeetingRequestStatus.CANCELLED


def test_requests_expire_at_their_time_and_not_before(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li)
    deadline = NOW + timedelta(days=b2b.event.request_expiry_days)
    assert expire_requests(now=deadline - timedelta(seconds=1)) == 0
    assert expire_requests(now=deadline) == 1
    request.refresh_from_db()
    assert request.status == MeetingRequestStatus.EXPIRED
    assert _notices(b2b.anna) == ["Your meeting request to Li Wei expired without an answer"]
    with pytest.raises(RequestError) as refused:
        accept(request, now=deadline)
    assert refused.value.code == "not_open"


def test_an_overdue_request_cannot_be_accepted_even_before_the_job_runs(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li)
    late = NOW + timedelta(days=b2b.event.request_expiry_days, minutes=1)
    with pytest.raises(RequestError) as refused:
        accept(request, now=late)
    assert refused.value.code == "expired"
    request.refresh_from_db()
    assert request.status == MeetingRequestStatus.EXPIRED


def test_the_background_job_expires_overdue_requests(b2b: B2B) -> None:
    send(b2b.anna, b2b.li)
    later = NOW + timedelta(days=30)
    result = expire_meeting_requests.enqueue(now_iso=later.isoformat())
    assert result.return_value == 1
    assert MeetingRequest.objects.get().status == MeetingRequestStatus.EXPIRED


def test_the_quota_counts_open_and_accepted_requests_only(b2b: B2B) -> None:
    b2b.event.request_quota = 2
    b2b.event.save()
    first = send(b2b.zoltan, b2b.anna)
    accept(first)
    declined = send(b2b.zoltan, b2b.li)
    check_answer_request(request=declined, actor=b2b.li, accept=False, answer="", now=NOW)
    from events_world import register

    extra = register(b2b.event)
    send(b2b.zoltan, extra)  # one accepted + one open: the quota of 2 is reached
    yet_another = register(b2b.event)
    with pytest.raises(RequestError) as refused:
        send(b2b.zoltan, yet_another)
    assert refused.value.code == "quota"
    assert "limit of 2" in refused.value.message


def test_no_second_open_request_between_a_pair_in_either_direction(b2b: B2B) -> None:
    send(b2b.anna, b2b.li)
    for requester, recipient in ((b2b.anna, b2b.li), (b2b.li, b2b.anna)):
        with pytest.raises(RequestError) as refused:
            send(requester, recipient)
        assert refused.value.code == "duplicate"
    assert MeetingRequest.objects.count() == 1


def test_a_pair_may_ask_again_after_a_decline(b2b: B2B) -> None:
    request = send(b2b.anna, b2b.li)
    check_answer_request(request=request, actor=b2b.li, accept=False, answer="", now=NOW)
    send(b2b.li, b2b.anna)
    assert MeetingRequest.objects.filter(status=MeetingRequestStatus.SENT).count() == 1


def test_requests_only_between_approved_b2b_participants(b2b: B2B) -> None:
    from events_world import register

    pending = register(b2b.event, status="pending")
    not_b2b = register(b2b.event, b2b=False)
    for other in (pending, not_b2b):
        with pytest.raises(RequestError) as refused:
            send(b2b.anna, other)
        assert refused.value.code == "not_participant"
    with pytest.raises(RequestError) as oneself:
        send(b2b.anna, b2b.anna)
    assert oneself.value.code == "oneself"


def test_a_listing_must_be_one_the_pair_brought(b2b: B2B) -> None:
    from b2b_world import build_listing

    stranger = build_listing(b2b.budapest_org, title={"en": "Something else"})
    with pytest.raises(RequestError) as refused:
        send(b2b.zoltan, b2b.li, listing=stranger)
    assert refused.value.code == "wrong_listing"


def test_an_organiser_arranges_an_accepted_meeting_outside_the_quota(b2b: B2B) -> None:
    b2b.event.request_quota = 0
    b2b.event.save()
    meeting = check_arrange_meeting(
        event=b2b.event,
        organiser=b2b.organiser,
        first=b2b.li,
        second=b2b.anna,
        message="Hosted buyer programme",
        listing=None,
        now=NOW,
    )
    request = meeting.request
    assert (request.status, request.arranged_by) == (MeetingRequestStatus.ACCEPTED, b2b.organiser)
    assert (meeting.first, meeting.second, meeting.status) == (b2b.li, b2b.anna, MeetingStatus.ACTIVE)
    assert _notices(b2b.anna) == [
        "The organisers arranged a meeting for you with Li Wei (Jialing Electric Buses)"
    ]
    with pytest.raises(RequestError) as refused:
        check_arrange_meeting(
            event=b2b.event,
            organiser=b2b.organiser,
            first=b2b.anna,
            second=b2b.li,
            message="",
            listing=None,
            now=NOW,
        )
    assert refused.value.code == "duplicate"
