"""After the meetings: outcomes per side, no-shows, and "cooperation possible" opening an expression of
interest in the market, linked to the meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from b2b_world import B2B, NOW, accept, build_b2b, send
from django.utils import timezone
from events_world import Events

from techbridge.events.domain.outcomes import OutcomeError, ReportedOutcome, check_record_outcome
from techbridge.events.enums import MeetingOutcomeKind
from techbridge.events.models import Meeting, MeetingOutcome
from techbridge.market.enums import EoiStatus
from techbridge.market.models import ExpressionOfInterest
from world import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def b2b(events: Events) -> B2B:
    return build_b2b(events)


def _meeting(b2b: B2B, **fields: object) -> Meeting:
    request = send(b2b.anna, b2b.li, **fields)
    accept(request)
    return Meeting.objects.get(request=request)


def _record(meeting: Meeting, side: object, outcome: str, *, no_show: bool = False) -> MeetingOutcome:
    return check_record_outcome(
        meeting=meeting,
        registration=side,  # type: ignore[arg-type]
        reported=ReportedOutcome(outcome=outcome, other_party_no_show=no_show),
        now=NOW + timedelta(days=8),
    )


def test_cooperation_possible_opens_an_interest_from_the_non_owner_on_the_meeting_listing(b2b: B2B) -> None:
    meeting = _meeting(b2b, listing=b2b.offer)  # Anna's university owns the offer
    _record(meeting, b2b.anna, MeetingOutcomeKind.COOPERATION_POSSIBLE)
    meeting.refresh_from_db()
    interest = ExpressionOfInterest.objects.get()
    assert meeting.interest == interest
    assert (interest.listing, interest.sender, interest.sender_organisation) == (
        b2b.offer,
        b2b.li.user,
        b2b.chongqing_org,
    )
    assert interest.status == EoiStatus.SENT


def test_the_other_side_reuses_the_same_interest(b2b: B2B) -> None:
    meeting = _meeting(b2b, listing=b2b.offer)
    _record(meeting, b2b.anna, MeetingOutcomeKind.COOPERATION_POSSIBLE)
    _record(meeting, b2b.li, MeetingOutcomeKind.COOPERATION_POSSIBLE)
    assert ExpressionOfInterest.objects.count() == 1
    assert MeetingOutcome.objects.filter(meeting=meeting).count() == 2


def test_an_existing_open_interest_is_linked_not_duplicated(b2b: B2B) -> None:
    earlier = ExpressionOfInterest.objects.create(
        listing=b2b.offer, sender=b2b.li.user, message="Saw it online", created_at=NOW
    )
    meeting = _meeting(b2b, listing=b2b.offer)
    _record(meeting, b2b.li, MeetingOutcomeKind.COOPERATION_POSSIBLE)
    meeting.refresh_from_db()
    assert meeting.interest == earlier
    assert ExpressionOfInterest.objects.count() == 1


def test_without_a_listing_the_other_partys_first_listing_is_used(b2b: B2B) -> None:
    meeting = _meeting(b2b)
    _record(meeting, b2b.anna, MeetingOutcomeKind.COOPERATION_POSSIBLE)
    meeting.refresh_from_db()
    assert meeting.interest is not None
    assert (meeting.interest.listing, meeting.interest.sender) == (b2b.demand, b2b.anna.user)


def test_other_outcomes_open_nothing_and_can_be_changed(b2b: B2B) -> None:
    meeting = _meeting(b2b, listing=b2b.offer)
    _record(meeting, b2b.anna, MeetingOutcomeKind.FOLLOW_UP)
    _record(meeting, b2b.anna, MeetingOutcomeKind.NO_INTEREST)
    assert MeetingOutcome.objects.get().outcome == MeetingOutcomeKind.NO_INTEREST
    assert not ExpressionOfInterest.objects.exists()


def test_only_the_parties_record_and_not_before_the_meeting(b2b: B2B) -> None:
    meeting = _meeting(b2b)
    with pytest.raises(OutcomeError):
        _record(meeting, b2b.zoltan, MeetingOutcomeKind.FOLLOW_UP)
    meeting.starts_at = NOW + timedelta(days=30)
    meeting.save()
    with pytest.raises(OutcomeError) as early:
        _record(meeting, b2b.anna, MeetingOutcomeKind.FOLLOW_UP)
    assert early.value.code == "too_early"


def test_the_outcome_page_shows_the_pipeline_link(b2b: B2B) -> None:
    meeting = _meeting(b2b, listing=b2b.offer)
    client = client_for(b2b.li.user)
    url = f"/events/{b2b.event.slug}/b2b/meetings/{meeting.public_id}/outcome/"
    response = client.post(url, {"outcome": "cooperation_possible", "note": "Pilot in Harbin"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    interest = ExpressionOfInterest.objects.get()
    assert f"/market/interests/{interest.public_id}/" in page
    requests_page = client.get(f"/events/{b2b.event.slug}/b2b/requests/").content.decode()
    assert f"/market/interests/{interest.public_id}/" in requests_page


def test_the_outcome_link_appears_only_once_the_meeting_has_started(b2b: B2B) -> None:
    meeting = _meeting(b2b)
    client = client_for(b2b.li.user)
    link = f"/b2b/meetings/{meeting.public_id}/outcome/"
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timedelta(days=2))
    before = client.get(f"/events/{b2b.event.slug}/b2b/requests/").content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    after = client.get(f"/events/{b2b.event.slug}/b2b/requests/").content.decode()

    assert link not in before
    assert link in after
