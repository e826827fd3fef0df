"""The events admin shows staff organisers only their own events' rows, and fixes their links."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from events_world import Events, make_event, register

from world import client_for

pytestmark = pytest.mark.django_db


def _staff_organiser(events: Events):  # type: ignore[no-untyped-def]
    user = events.world.operator
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="events"))
    return user


def test_staff_organisers_see_only_their_events_rows(events: Events) -> None:
    user = _staff_organiser(events)
    foreign = make_event(events.world, slug="foreign-2027")
    foreign.organising_centres.set([events.world.other_centre])
    mine, theirs = register(events.event), register(foreign)
    client = client_for(user)
    events_page = client.get("/admin/events/event/").content.decode()
    assert "cq-hu-2027" in events_page
    assert "foreign-2027" not in events_page
    assert client.get(f"/admin/events/registration/{mine.pk}/change/").status_code == 200
    assert (
        client.get(f"/admin/events/registration/{theirs.pk}/change/").status_code == 302
    )  # "does not exist"
    assert client.get(f"/admin/events/event/{foreign.pk}/change/").status_code == 302
    assert client.get("/admin/events/venue/add/").status_code == 403


def test_the_platform_admin_sees_everything(events: Events) -> None:
    foreign = make_event(events.world, slug="foreign-2027")
    foreign.organising_centres.set([events.world.other_centre])
    page = client_for(events.world.platform_admin).get("/admin/events/event/").content.decode()
    assert "foreign-2027" in page
    assert "cq-hu-2027" in page
