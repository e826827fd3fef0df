"""The permission funnel of events: drafts are hidden, catalogues open only to participants."""

from __future__ import annotations

import pytest
from django.http import Http404
from events_world import Events, register

from techbridge.events.access import access_event, access_organised_event, b2b_catalogue
from techbridge.events.enums import RegistrationStatus

pytestmark = pytest.mark.django_db


def test_a_draft_event_exists_only_for_its_organisers(events: Events) -> None:
    world = events.world
    assert access_event(world.operator, "draft-2027") == events.draft
    assert access_event(world.platform_admin, "draft-2027") == events.draft
    for user in (world.outsider, world.other_operator, world.org_admin):
        with pytest.raises(Http404):
            access_event(user, "draft-2027")
    assert access_event(world.outsider, "cq-hu-2027") == events.event


def test_organiser_pages_are_hidden_from_participants(events: Events) -> None:
    world = events.world
    register(events.event, world.outsider)
    with pytest.raises(Http404):
        access_organised_event(world.outsider, "cq-hu-2027")
    assert access_organised_event(world.operator, "cq-hu-2027") == events.event


def test_the_catalogue_opens_to_approved_participants_only(events: Events) -> None:
    world = events.world
    listed = register(events.event)
    pending = register(events.event, world.org_member, status=RegistrationStatus.PENDING)
    assert list(b2b_catalogue(world.outsider, events.event)) == []
    assert list(b2b_catalogue(world.org_member, events.event)) == []
    register(events.event, world.outsider)
    assert listed in b2b_catalogue(world.outsider, events.event)
    assert pending not in b2b_catalogue(world.outsider, events.event)
