"""The read API of events and programmes: same visibility as the pages, stream links only for participants."""

from __future__ import annotations

import pytest
from events_world import Events, register
from programme_world import STREAM, make_activity, make_room

from techbridge.events.models import Speaker
from world import client_for

pytestmark = pytest.mark.django_db


def test_events_list_hides_drafts_from_outsiders(events: Events) -> None:
    slugs = [row["slug"] for row in client_for(None).get("/api/v1/events").json()["items"]]
    assert slugs == ["cq-hu-2027"]
    organiser = [
        row["slug"] for row in client_for(events.world.operator).get("/api/v1/events").json()["items"]
    ]
    assert sorted(organiser) == ["cq-hu-2027", "draft-2027"]
    assert client_for(None).get("/api/v1/events/draft-2027").status_code == 404
    assert client_for(None).get("/api/v1/events/draft-2027/programme").status_code == 404
    detail = client_for(None).get("/api/v1/events/cq-hu-2027").json()
    assert detail["title"]["zh-hans"] == "中匈技术交流会"
    assert detail["organising_centres"] == [events.world.centre.slug]


def test_the_programme_gives_stream_links_only_to_participants(events: Events) -> None:
    activity = make_activity(events.event, room=make_room(events.event))
    Speaker.objects.create(activity=activity, name="Li Wei", affiliation={"en": "CSTEC"})
    public = client_for(events.world.outsider).get("/api/v1/events/cq-hu-2027/programme").json()
    item = public["activities"][0]
    assert item["stream_url"] is None
    assert item["room"]["name"] == {"en": "Hall A"}
    assert item["speakers"] == [{"name": "Li Wei", "affiliation": {"en": "CSTEC"}, "role": "speaker"}]
    assert item["starts_at"].startswith("2027-05-18T01:00")
    register(events.event, events.world.outsider)
    mine = client_for(events.world.outsider).get("/api/v1/events/cq-hu-2027/programme").json()
    assert mine["activities"][0]["stream_url"] == STREAM
