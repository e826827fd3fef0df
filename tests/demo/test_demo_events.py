from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from techbridge.events.enums import ActivityKind, ScheduleRunStatus
from techbridge.events.models import Activity, Event, Meeting, MeetingSeat, Registration, ScheduleRun


@pytest.mark.slow
def test_demo_conference_is_scheduled_and_published(db: None) -> None:
    output = StringIO()

    call_command(
        "demo_data",
        *(
            "--seed",
            "3",
            "--organisations",
            "40",
            "--people",
            "10",
            "--listings",
            "120",
            "--instruments",
            "0",
        ),
        *("--no-matches", "--event-participants", "30", "--event-meetings", "60", "--event-time-limit", "2"),
        stdout=output,
    )

    event = Event.objects.get()
    run = ScheduleRun.objects.get(event=event)
    kinds = set(Activity.objects.filter(event=event).values_list("kind", flat=True))
    scheduled = Meeting.objects.filter(event=event, starts_at__isnull=False).count()
    assert set(event.title) == {"en", "zh-hans", "hu"}
    assert kinds == set(ActivityKind.values)
    assert Activity.objects.filter(event=event, kind=ActivityKind.THEMED_FORUM).count() == 5
    assert Activity.objects.filter(event=event, kind=ActivityKind.ROUNDTABLE).count() == 3
    assert Registration.objects.filter(event=event).count() == 30
    assert Registration.objects.filter(event=event, remote=True, time_zone="Europe/Budapest").exists()
    assert len(set(Registration.objects.filter(event=event).values_list("country", flat=True))) > 3
    assert Meeting.objects.filter(event=event).count() == 60
    assert event.meeting_requests.exclude(status="accepted").exists()
    assert run.status == ScheduleRunStatus.PUBLISHED
    assert run.figures["violations"] == 0
    assert scheduled == run.figures["scheduled"] >= 55
    assert MeetingSeat.objects.count() == 2 * scheduled
    assert "broker@techbridge.demo" in output.getvalue()
    assert "/events/belt-road-exchange/schedule/" in output.getvalue()
    engineer = Registration.objects.get(event=event, user__email="engineer@techbridge.demo")
    assert engineer.organisation is not None
    assert engineer.organisation.memberships.filter(user=engineer.user).exists()
