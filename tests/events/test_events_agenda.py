"""Personal agendas: only the participant sees theirs; page, iCal and PDF (with Chinese text)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from events_world import Events, make_event, register
from icalendar import Calendar
from schedule_world import make_meeting, run_now

from factories import make_organisation, make_user
from techbridge.events.domain.publishing import do_publish_run
from techbridge.events.models import Activity, Meeting, Registration
from world import World, client_for


def _published(events: Events) -> tuple[Registration, Registration, Meeting]:
    event = events.event
    event.online_meeting_url_base = "https://meet.example.org/cq-hu"
    event.save()
    host = register(event, user=make_user(display_name="王伟"), organisation=make_organisation())
    guest = register(event, user=make_user(display_name="Kovács Anna"), country="HU")
    meeting = make_meeting(event, host, guest)
    Activity.objects.create(
        event=event,
        kind="plenary",
        title={"en": "Plenary session", "zh-hans": "全体大会"},
        starts_at=events.session.starts_at - timezone.timedelta(hours=1),
        ends_at=events.session.starts_at,
    )
    do_publish_run(run=run_now(event), by=events.world.operator, now=timezone.now())
    meeting.refresh_from_db()
    return host, guest, meeting


def test_participants_see_their_own_meetings_and_the_programme(events: Events) -> None:
    _host, guest, meeting = _published(events)

    page = client_for(guest.user).get(reverse("events:agenda", args=[events.event.slug])).content.decode()

    assert "王伟" in page
    assert "Plenary session" in page
    assert f"{meeting.starts_at.astimezone(ZoneInfo('Asia/Shanghai')):%H:%M}" in page
    assert f"Table {meeting.table}" in page


def test_remote_participants_get_a_video_link_and_their_own_time(events: Events) -> None:
    event = events.event
    event.online_meeting_url_base = "https://meet.example.org/cq-hu/"
    event.save()
    remote = register(
        event, remote=True, time_zone="Europe/Budapest", work_day_start=time(0), work_day_end=time(23)
    )
    meeting = make_meeting(event, remote, register(event))
    do_publish_run(run=run_now(event), by=events.world.operator, now=timezone.now())
    meeting.refresh_from_db()

    page = client_for(remote.user).get(reverse("events:agenda", args=[event.slug])).content.decode()

    assert meeting.table is None
    assert f"https://meet.example.org/cq-hu/{meeting.public_id}" in page
    assert f"{meeting.starts_at.astimezone(ZoneInfo('Europe/Budapest')):%H:%M}" in page  # CEST in May


@pytest.mark.parametrize("name", ["events:agenda", "events:agenda_pdf", "events:agenda_ical"])
def test_nobody_else_has_an_agenda_there(events: Events, world: World, name: str) -> None:
    _published(events)
    other = make_event(world, slug="elsewhere")
    other.organising_centres.set([world.other_centre])
    pending = register(events.event, status="pending")
    url = reverse(name, args=[events.event.slug])

    for user in (world.other_operator, world.outsider, pending.user):
        assert client_for(user).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to the login page


def test_other_participants_meetings_stay_out_of_my_agenda(events: Events) -> None:
    _host, _guest, _meeting = _published(events)
    bystander = register(events.event)

    page = client_for(bystander.user).get(reverse("events:agenda", args=[events.event.slug])).content.decode()

    assert "王伟" not in page
    assert "No meetings scheduled yet." in page


def test_ical_parses_and_holds_the_meeting(events: Events) -> None:
    _host, guest, meeting = _published(events)

    response = client_for(guest.user).get(reverse("events:agenda_ical", args=[events.event.slug]))

    calendar = Calendar.from_ical(response.content)
    items = {str(item["uid"]): item for item in calendar.walk("VEVENT")}
    item = items[f"meeting-{meeting.public_id}@techbridge"]
    assert response["Content-Type"].startswith("text/calendar")
    assert item.decoded("dtstart") == meeting.starts_at
    assert "王伟" in str(item["summary"])
    assert len(items) == 2  # the meeting and the plenary


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_renders_chinese(events: Events, tmp_path: object) -> None:
    _host, guest, _meeting = _published(events)

    response = client_for(guest.user).get(reverse("events:agenda_pdf", args=[events.event.slug]))

    pdftotext = shutil.which("pdftotext") or "pdftotext"
    text = subprocess.run(  # noqa: S603 - poppler on our own PDF
        [pdftotext, "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert response["Content-Type"] == "application/pdf"
    assert "王伟" in text
    assert "Kovács Anna" in text
