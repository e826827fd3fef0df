"""Event list, event home, programme page (links only for participants), iCal, PDF, organiser editing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone
from events_world import Events, register
from icalendar import Calendar
from programme_world import STREAM, make_activity, make_room, pdf_text

from factories import make_centre, make_operator
from techbridge.events.enums import EventStatus, RegistrationStatus, SpeakerRole
from techbridge.events.models import Activity, Event, Meeting, MeetingRequest, Speaker
from world import client_for

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_events_and_drafts_only_to_their_organisers(events: Events) -> None:
    world = events.world
    outsider_page = client_for(world.outsider).get("/events/").content.decode()
    assert "/events/cq-hu-2027/" in outsider_page
    assert "/events/draft-2027/" not in outsider_page
    assert "/events/draft-2027/" in client_for(world.operator).get("/events/").content.decode()


def test_a_draft_answers_404_to_everyone_but_its_organisers(events: Events) -> None:
    world = events.world
    for url in ("/events/draft-2027/", "/events/draft-2027/programme/", "/events/draft-2027/programme.ics"):
        assert client_for(world.outsider).get(url).status_code == 404
        assert client_for(None).get(url).status_code == 404
        assert client_for(world.other_operator).get(url).status_code == 404
        assert client_for(world.operator).get(url).status_code == 200


def test_the_home_page_shows_dates_zone_venue_and_organisers(events: Events) -> None:
    make_room(events.event)
    page = client_for(None).get("/events/cq-hu-2027/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Asia/Shanghai" in text
    assert "会展中心" in text


def test_programme_groups_by_day_and_room_in_the_event_zone(events: Events) -> None:
    room = make_room(events.event)
    make_activity(events.event, room=room, hour_utc=1)
    forum = make_activity(
        events.event, hour_utc=6, title={"en": "Themed forum on new energy"}, kind="themed_forum"
    )
    Speaker.objects.create(
        activity=forum, name="Dr. Kovács Anna", affiliation={"en": "BME"}, role=SpeakerRole.MODERATOR
    )
    text = client_for(None).get("/events/cq-hu-2027/programme/").content.decode()
    assert "09:00–10:00" in text  # 01:00 UTC in Chongqing
    assert "14:00–15:00" in text
    assert "Hall A" in text
    assert "Dr. Kovács Anna" in text
    assert "Themed forum on new energy" in text


def test_the_stream_link_is_shown_only_to_approved_participants_and_organisers(events: Events) -> None:
    world = events.world
    make_activity(events.event)
    register(events.event, world.org_member, status=RegistrationStatus.PENDING)
    register(events.event, world.expert, status=RegistrationStatus.APPROVED)
    for user in (None, world.outsider, world.org_member, world.other_operator):
        assert STREAM not in client_for(user).get("/events/cq-hu-2027/programme/").content.decode()
    for user in (world.expert, world.operator):
        assert STREAM in client_for(user).get("/events/cq-hu-2027/programme/").content.decode()


def test_remote_participants_also_see_their_own_time(events: Events) -> None:
    world = events.world
    make_activity(events.event, hour_utc=7)  # 15:00 in Chongqing, 09:00 in Budapest (summer time)
    register(events.event, world.expert, remote=True, time_zone="Europe/Budapest")
    text = client_for(world.expert).get("/events/cq-hu-2027/programme/").content.decode()
    assert "15:00–16:00" in text
    assert "(09:00–10:00)" in text


def test_the_ical_feed_parses_and_leaves_out_stream_links(events: Events) -> None:
    make_activity(events.event, room=make_room(events.event))
    response = client_for(None).get("/events/cq-hu-2027/programme.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    items = list(calendar.walk("VEVENT"))
    assert len(items) == 1
    assert items[0].decoded("dtstart") == datetime(2027, 5, 18, 1, tzinfo=UTC)
    assert str(items[0]["summary"]) == "Opening ceremony"
    assert "Hall A" in str(items[0]["location"])
    assert STREAM not in response.content.decode()


def test_the_printed_programme_renders_the_chinese_title(events: Events) -> None:
    make_activity(events.event)
    response = client_for(None).get("/events/cq-hu-2027/programme.pdf", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "中匈技术交流会" in text
    assert "开幕式" in text


def test_an_organiser_adds_a_programme_item_in_the_event_zone(events: Events) -> None:
    room = make_room(events.event)
    response = client_for(events.world.operator).post(
        "/events/cq-hu-2027/programme/new/",
        {
            "kind": "roundtable",
            "title_en": "Roundtable on batteries",
            "starts_at": "2027-05-18T10:00",
            "ends_at": "2027-05-18T11:30",
            "room": room.pk,
            "mode": "offline",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    activity = Activity.objects.get(event=events.event)
    assert activity.starts_at == datetime(2027, 5, 18, 2, tzinfo=UTC)


def test_a_programme_item_ending_before_it_starts_is_refused_with_a_message(events: Events) -> None:
    response = client_for(events.world.operator).post(
        "/events/cq-hu-2027/programme/new/",
        {"kind": "plenary", "title_en": "Plenary", "starts_at": "2027-05-18T10:00", "ends_at": "2027-05-18T09:00",
         "mode": "offline"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "The end must come after the start." in response.content.decode()
    assert not Activity.objects.exists()


def test_organisers_of_another_event_get_404_on_every_organiser_page_and_post(events: Events) -> None:
    world = events.world
    room = make_room(events.event)
    activity = make_activity(events.event, room=room)
    speaker = Speaker.objects.create(activity=activity, name="Li Wei")
    registration = register(events.event, world.expert, status=RegistrationStatus.PENDING)
    other_centre_event = Event.objects.create(
        slug="guizhou-2027", title={"en": "Guizhou"}, status=EventStatus.PUBLISHED, time_zone="Asia/Shanghai",
        starts_on=events.event.starts_on, ends_on=events.event.ends_on,
    )  # fmt: skip
    other_centre_event.organising_centres.add(world.other_centre)
    slug = "cq-hu-2027"
    gets = [
        f"/events/{slug}/edit/", f"/events/{slug}/venues/new/", f"/events/{slug}/venues/{room.venue_id}/",
        f"/events/{slug}/venues/{room.venue_id}/rooms/new/", f"/events/{slug}/rooms/{room.pk}/",
        f"/events/{slug}/programme/new/", f"/events/{slug}/programme/{activity.pk}/edit/",
        f"/events/{slug}/programme/{activity.pk}/speakers/new/", f"/events/{slug}/registrations/",
        f"/events/{slug}/registrations/badges.pdf", f"/events/{slug}/checkin/", f"/events/{slug}/attendance/",
        f"/events/{slug}/exhibition/areas/new/",
    ]  # fmt: skip
    posts = [
        *gets,
        f"/events/{slug}/programme/{activity.pk}/delete/", f"/events/{slug}/speakers/{speaker.pk}/delete/",
        f"/events/{slug}/registrations/{registration.pk}/decide/", f"/events/{slug}/checkin/scan/",
    ]  # fmt: skip
    for user in (world.other_operator, world.expert, world.outsider):
        client = client_for(user)
        for url in gets:
            assert client.get(url).status_code == 404, (user, url)
        for url in posts:
            assert (
                client.post(url, {"decision": "approve", "code": registration.badge_code}).status_code == 404
            ), url
    assert Activity.objects.filter(pk=activity.pk).exists()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    assert client_for(world.other_operator).get("/events/guizhou-2027/edit/").status_code == 200


def test_an_operator_creates_an_event_for_their_centre_only(events: Events) -> None:
    world = events.world
    form = {
        "slug": "budapest-2027", "title_en": "Budapest brokerage day", "status": "draft",
        "organising_centres": [world.centre.pk], "time_zone": "Europe/Budapest", "languages": ["en", "hu"],
        "starts_on": "2027-09-01", "ends_on": "2027-09-02", "registration_requires_approval": "on",
        "meeting_minutes": 30, "request_quota": 20, "request_expiry_days": 7,
    }  # fmt: skip
    assert client_for(world.operator).post("/events/new/", form).status_code == 302
    assert client_for(world.operator).get("/events/budapest-2027/edit/").status_code == 200
    refused = client_for(world.other_operator).post("/events/new/", {**form, "slug": "other"})
    assert refused.status_code == 400
    assert client_for(world.outsider).get("/events/new/").status_code == 404
    assert not Event.objects.filter(slug="other").exists()


def test_an_event_whose_last_day_precedes_its_first_is_refused(events: Events) -> None:
    centre = make_centre(slug="szeged")
    operator = make_operator(centre)
    response = client_for(operator).post(
        "/events/new/",
        {"slug": "x", "title_en": "X", "status": "draft", "organising_centres": [centre.pk], "time_zone": "UTC",
         "starts_on": "2027-09-02", "ends_on": "2027-09-01", "meeting_minutes": 30, "request_quota": 20,
         "request_expiry_days": 7},
    )  # fmt: skip
    assert response.status_code == 400
    assert "The last day cannot be before the first day." in response.content.decode()


def test_meeting_length_is_bounded_and_frozen_once_a_schedule_is_published(events: Events) -> None:
    world = events.world
    form = {
        "slug": "cq-hu-2027", "title_en": "Exchange", "status": "published", "organising_centres": [world.centre.pk],
        "time_zone": "Asia/Shanghai", "starts_on": "2027-05-18", "ends_on": "2027-05-18", "b2b_enabled": "on",
        "request_quota": 20, "request_expiry_days": 7,
    }  # fmt: skip
    client = client_for(world.operator)
    for minutes in (0, 100000):
        assert (
            client.post("/events/cq-hu-2027/edit/", {**form, "meeting_minutes": minutes}).status_code == 400
        )
    assert client.post("/events/cq-hu-2027/edit/", {**form, "meeting_minutes": 20}).status_code == 302
    first, second = register(events.event), register(events.event)
    request = MeetingRequest.objects.create(
        event=events.event, requester=first, recipient=second, status="accepted", created_at=timezone.now()
    )
    Meeting.objects.create(
        event=events.event, request=request, first=first, second=second, session=events.session, slot=0,
        table=1, starts_at=events.session.starts_at,
    )  # fmt: skip
    frozen = client.post("/events/cq-hu-2027/edit/", {**form, "meeting_minutes": 45})
    assert frozen.status_code == 400
    assert "cannot change once a schedule is published" in frozen.content.decode()
    events.event.refresh_from_db()
    assert events.event.meeting_minutes == 20


def test_every_page_renders_for_the_organiser_and_the_participant(events: Events) -> None:
    world = events.world
    room = make_room(events.event)
    activity = make_activity(events.event, room=room)
    register(events.event, world.expert)
    slug = "cq-hu-2027"
    organiser_pages = [
        "/events/new/", f"/events/{slug}/", f"/events/{slug}/edit/", f"/events/{slug}/venues/new/",
        f"/events/{slug}/venues/{room.venue_id}/", f"/events/{slug}/venues/{room.venue_id}/rooms/new/",
        f"/events/{slug}/rooms/{room.pk}/", f"/events/{slug}/programme/", f"/events/{slug}/programme/new/",
        f"/events/{slug}/programme/{activity.pk}/edit/", f"/events/{slug}/programme/{activity.pk}/speakers/new/",
        f"/events/{slug}/registrations/", f"/events/{slug}/checkin/", f"/events/{slug}/attendance/",
        f"/events/{slug}/exhibition/", f"/events/{slug}/exhibition/areas/new/", f"/events/{slug}/showcase/",
    ]  # fmt: skip
    for url in organiser_pages:
        assert client_for(world.operator).get(url).status_code == 200, url
    for url in (f"/events/{slug}/register/", f"/events/{slug}/registration/"):
        assert client_for(world.outsider).get(url).status_code == 200, url
    assert client_for(world.expert).get(f"/events/{slug}/register/").status_code == 302  # already registered
    edit_page = (
        client_for(world.operator).get(f"/events/{slug}/programme/{activity.pk}/edit/").content.decode()
    )
    assert 'value="2027-05-18T09:00"' in edit_page  # shown in the event's zone


def test_programme_lists_a_day_in_time_order_across_rooms_and_names_each_room(events: Events) -> None:
    hall_a, hall_b = make_room(events.event, "Hall A"), make_room(events.event, "Hall B")
    first = make_activity(events.event, room=hall_b, hour_utc=1, title={"en": "First in B"})
    second = make_activity(events.event, room=hall_a, hour_utc=2, title={"en": "Second in A"})
    third = make_activity(events.event, room=hall_b, hour_utc=3, title={"en": "Third in B"})
    online = make_activity(events.event, room=None, hour_utc=0, title={"en": "Online warm-up"})
    html = client_for(None).get("/events/cq-hu-2027/programme/").content.decode()
    positions = [html.index(f'id="activity-{item.pk}"') for item in (online, first, second, third)]
    assert positions == sorted(positions)
    items = html.split('id="activity-')[1:]
    rooms = {item.split('"')[0]: item.split('class="room">')[1].split("</span>")[0] for item in items}
    assert "Hall B" in rooms[str(first.pk)]
    assert "Hall A" in rooms[str(second.pk)]
    assert "Online or elsewhere" in rooms[str(online.pk)]
