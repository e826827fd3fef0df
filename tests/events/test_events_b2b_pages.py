"""The B2B pages: who may see what (hidden → 404), catalogue filters and search, anonymous listings,
recommendations, the profile's listing links, and requests through the pages."""

from __future__ import annotations

from datetime import time

import pytest
from b2b_world import B2B, build_b2b, build_listing, send
from events_world import Events, make_event, register

from factories import technology_field
from techbridge.events.enums import MeetingRequestStatus, ParticipantCategory
from techbridge.events.models import Meeting, MeetingRequest
from techbridge.matching.tasks import index_listings
from world import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def b2b(events: Events) -> B2B:
    return build_b2b(events)


def _url(b2b: B2B, tail: str) -> str:
    return f"/events/{b2b.event.slug}/{tail}"


def _names(html: str, b2b: B2B) -> set[str]:
    return {name for name in ("Anna Kovács", "Li Wei", "Zoltán Nagy") if name in html}


def test_the_catalogue_is_for_participants_and_organisers(b2b: B2B) -> None:
    pending = register(b2b.event, status="pending").user
    url = _url(b2b, "b2b/participants/")
    for user in (b2b.outsider, pending, b2b.events.world.other_operator):
        assert client_for(user).get(url).status_code == 404
        assert client_for(user).get(_url(b2b, f"b2b/participants/{b2b.li.pk}/")).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the sign-in page
    for user in (b2b.anna.user, b2b.organiser):
        assert client_for(user).get(url).status_code == 200


def test_a_participant_sees_only_their_own_requests_and_meetings(b2b: B2B) -> None:
    theirs = send(b2b.anna, b2b.li)
    client = client_for(b2b.zoltan.user)
    page = client.get(_url(b2b, "b2b/requests/")).content.decode()
    assert "Shall we meet?" not in page
    assert (
        client.post(_url(b2b, f"b2b/requests/{theirs.pk}/answer/"), {"decision": "accept"}).status_code == 404
    )
    assert client.post(_url(b2b, f"b2b/requests/{theirs.pk}/cancel/")).status_code == 404
    check = client_for(b2b.li.user).post(
        _url(b2b, f"b2b/requests/{theirs.pk}/answer/"), {"decision": "accept"}
    )
    assert check.status_code == 302
    meeting = Meeting.objects.get()
    assert client.get(_url(b2b, f"b2b/meetings/{meeting.public_id}/outcome/")).status_code == 404
    assert (
        client_for(b2b.anna.user).get(_url(b2b, f"b2b/meetings/{meeting.public_id}/outcome/")).status_code
        == 200
    )


def test_organisers_of_another_event_cannot_arrange_meetings(b2b: B2B) -> None:
    url = _url(b2b, "b2b/arrange/")
    data = {"first": b2b.anna.pk, "second": b2b.li.pk, "message": ""}
    stranger = b2b.events.world.other_operator
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(stranger).post(url, data).status_code == 404
    assert client_for(b2b.anna.user).post(url, data).status_code == 404
    assert not MeetingRequest.objects.exists()
    assert client_for(b2b.organiser).post(url, data).status_code == 302
    assert MeetingRequest.objects.get().arranged_by == b2b.organiser


def test_arrange_refuses_participants_of_another_event(b2b: B2B) -> None:
    other_event = make_event(b2b.events.world, slug="other-2027")
    foreigner = register(other_event)
    response = client_for(b2b.organiser).post(
        _url(b2b, "b2b/arrange/"), {"first": b2b.anna.pk, "second": foreigner.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not MeetingRequest.objects.exists()


def test_catalogue_filters_and_search(b2b: B2B) -> None:
    b2b.demand.technology_fields.set([technology_field("2.5")])
    b2b.zoltan.remote = True
    b2b.zoltan.category = ParticipantCategory.INVESTOR
    b2b.zoltan.save()
    client = client_for(b2b.anna.user)
    url = _url(b2b, "b2b/participants/")
    assert _names(client.get(url).content.decode(), b2b) == {"Anna Kovács", "Li Wei", "Zoltán Nagy"}
    field = technology_field("2.5").pk
    expectations = {
        "country=CN": {"Li Wei"},
        "category=investor": {"Zoltán Nagy"},
        "organisation_kind=enterprise": {"Li Wei"},
        f"technology_field={field}": {"Li Wei"},
        "mode=remote": {"Zoltán Nagy"},
        "mode=on_site": {"Anna Kovács", "Li Wei"},
        "q=嘉陵": {"Li Wei"},
        "q=electrolyte+wanted": {"Li Wei"},
        "q=kovács": {"Anna Kovács"},
    }
    for query, names in expectations.items():
        html = client.get(f"{url}?{query}", headers={"HX-Request": "true"}).content.decode()
        assert _names(html, b2b) == names, query


def test_anonymous_listings_never_reveal_their_owner(b2b: B2B) -> None:
    secret = build_listing(
        b2b.chongqing_org, anonymous=True, title={"en": "Secret sodium battery line"}, kind="offer"
    )
    secret.technology_fields.set([technology_field("2.5")])
    b2b.li.listings.add(secret)
    field = technology_field("2.5").pk
    anna = client_for(b2b.anna.user)
    assert "Secret sodium" not in anna.get(_url(b2b, f"b2b/participants/{b2b.li.pk}/")).content.decode()
    assert "Secret sodium" not in anna.get(_url(b2b, "b2b/participants/")).content.decode()
    filtered = anna.get(_url(b2b, f"b2b/participants/?technology_field={field}")).content.decode()
    assert "Li Wei" not in _names(filtered, b2b)
    searched = anna.get(_url(b2b, "b2b/participants/?q=sodium"), headers={"HX-Request": "true"})
    assert _names(searched.content.decode(), b2b) == set()
    own = client_for(b2b.li.user).get(_url(b2b, f"b2b/participants/{b2b.li.pk}/")).content.decode()
    assert "Secret sodium" in own


def test_recommended_partners_come_from_the_matching_engine(b2b: B2B) -> None:
    index_listings.enqueue(batch_size=10)
    page = client_for(b2b.li.user).get(_url(b2b, "b2b/participants/")).content.decode()
    recommended = page.split('id="recommended"')[1].split("</section>")[0]
    assert "Anna Kovács" in recommended
    assert "Zoltán Nagy" not in recommended
    lonely = client_for(b2b.zoltan.user).get(_url(b2b, "b2b/participants/")).content.decode()
    assert "Link your listings to the event" in lonely


def test_the_profile_links_only_listings_the_participant_manages(b2b: B2B) -> None:
    mine = build_listing(b2b.budapest_org, title={"en": "Solid-state separator"})
    client = client_for(b2b.anna.user)
    url = _url(b2b, "b2b/profile/")
    base = {
        "b2b": "on",
        "b2b_profile_0": "Battery chemistry lab",
        "remote": "on",
        "time_zone": "Europe/Budapest",
        "work_day_start": "08:00",
        "work_day_end": "17:00",
    }
    refused = client.post(url, {**base, "listings": [b2b.demand.pk]})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert client.post(url, {**base, "listings": [b2b.offer.pk, mine.pk]}).status_code == 302
    b2b.anna.refresh_from_db()
    assert set(b2b.anna.listings.all()) == {b2b.offer, mine}
    assert (b2b.anna.remote, b2b.anna.time_zone, b2b.anna.work_day_end) == (True, "Europe/Budapest", time(17))
    bad_hours = client.post(url, {**base, "work_day_start": "18:00", "work_day_end": "09:00"})
    assert "must end after it starts" in bad_hours.content.decode()
    bad_zone = client.post(url, {**base, "time_zone": "Mars/Olympus"})
    assert bad_zone.status_code == 200


def test_blocked_times_are_typed_in_the_participants_zone(b2b: B2B) -> None:
    b2b.anna.remote, b2b.anna.time_zone = True, "Europe/Budapest"
    b2b.anna.save()
    client = client_for(b2b.anna.user)
    client.post(
        _url(b2b, "b2b/profile/blocked/"), {"starts_at": "2027-05-18T09:00", "ends_at": "2027-05-18T10:00"}
    )
    blocked = b2b.anna.blocked_times.get()
    assert blocked.starts_at.isoformat() == "2027-05-18T07:00:00+00:00"
    client.post(
        _url(b2b, "b2b/profile/blocked/"), {"starts_at": "2027-05-18T10:00", "ends_at": "2027-05-18T09:00"}
    )
    assert b2b.anna.blocked_times.count() == 1
    other = client_for(b2b.li.user)
    assert other.post(_url(b2b, f"b2b/profile/blocked/{blocked.pk}/delete/")).status_code == 404
    assert b2b.anna.blocked_times.count() == 1
    # Year 1 in Budapest is before year 1 in UTC: refused as a date, not a server error.
    far = client.post(
        _url(b2b, "b2b/profile/blocked/"), {"starts_at": "0001-01-01T00:00", "ends_at": "0001-01-01T01:00"}
    )
    assert far.status_code in {200, 302}
    assert b2b.anna.blocked_times.count() == 1


def test_request_and_accept_through_the_pages(b2b: B2B) -> None:
    anna = client_for(b2b.anna.user)
    new = _url(b2b, f"b2b/requests/new/{b2b.li.pk}/")
    assert anna.get(f"{new}?listing={b2b.demand.pk}").status_code == 200
    assert anna.post(new, {"message": "About your buses", "listing": b2b.demand.pk}).status_code == 302
    again = anna.post(new, {"message": "Again"})
    assert "already an open or accepted meeting request" in again.content.decode()
    request = MeetingRequest.objects.get()
    li = client_for(b2b.li.user)
    assert "About your buses" in li.get(_url(b2b, "b2b/requests/")).content.decode()
    li.post(_url(b2b, f"b2b/requests/{request.pk}/answer/"), {"decision": "accept", "answer": "Yes"})
    request.refresh_from_db()
    assert request.status == MeetingRequestStatus.ACCEPTED
    assert Meeting.objects.filter(request=request).exists()


def test_the_request_form_explains_a_time_zone_clash(b2b: B2B) -> None:
    b2b.anna.remote, b2b.anna.time_zone = True, "Europe/Budapest"
    b2b.anna.save()
    # The fixture's session runs 09:00–13:00 in Chongqing, 03:00–07:00 in Budapest.
    response = client_for(b2b.anna.user).post(_url(b2b, f"b2b/requests/new/{b2b.li.pk}/"), {"message": "Hi"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "no meeting slot of the event falls within both" in html
    assert "08:00–18:00 (Europe/Budapest)" in html
    assert not MeetingRequest.objects.exists()


def test_bad_input_never_breaks_the_pages(b2b: B2B) -> None:
    client = client_for(b2b.anna.user)
    assert (
        client.get(_url(b2b, "b2b/participants/?technology_field=abc&mode=x&country=ZZ")).status_code == 200
    )
    assert client.post(_url(b2b, "b2b/requests/999999/answer/"), {"decision": "x"}).status_code == 404
    assert client.post(_url(b2b, f"b2b/requests/new/{b2b.li.pk}/"), {"message": ""}).status_code == 200
    assert client.get(_url(b2b, f"b2b/requests/new/{b2b.li.pk}/?listing=abc")).status_code == 200
    assert client.post(_url(b2b, f"b2b/requests/new/{b2b.anna.pk}/"), {"message": "Me?"}).status_code == 200
    assert (
        client.post(
            _url(b2b, f"b2b/requests/new/{b2b.li.pk}/"), {"message": "Hi", "listing": "x"}
        ).status_code
        == 200
    )
    assert not MeetingRequest.objects.exists()
    assert client.get(_url(b2b, "b2b/meetings/not-a-uuid/outcome/")).status_code == 404
    assert client.post(_url(b2b, "b2b/profile/blocked/"), {"starts_at": "soon"}).status_code == 302
