"""Helpers of the programme-side tests: venues, rooms, programme items, listings, PDF text."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from techbridge.accounts.models import User
from techbridge.directory.models import Organisation
from techbridge.events.enums import ActivityKind, AttendanceMode
from techbridge.events.models import Activity, Event, Room, Venue
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import Listing
from techbridge_core.market.lifecycle import Action, Status

NOW = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
STREAM = "https://stream.example.org/opening"


def make_room(event: Event, name: str = "Hall A") -> Room:
    venue = Venue.objects.create(
        event=event, name={"en": "Expo Centre", "zh-hans": "会展中心"}, city="Chongqing"
    )
    return Room.objects.create(venue=venue, name={"en": name}, capacity=300)


def make_activity(event: Event, *, hour_utc: int = 1, room: Room | None = None, **fields: Any) -> Activity:
    day = event.starts_on
    defaults: dict[str, Any] = {
        "kind": ActivityKind.OPENING_CEREMONY,
        "title": {"en": "Opening ceremony", "zh-hans": "开幕式", "hu": "Megnyitó"},
        "starts_at": datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC),
        "ends_at": datetime(day.year, day.month, day.day, hour_utc + 1, tzinfo=UTC),
        "mode": AttendanceMode.HYBRID,
        "stream_url": STREAM,
        "room": room,
    }
    defaults.update(fields)
    return Activity.objects.create(event=event, **defaults)


def make_listing(owner: Organisation, *, actor: User | None = None, **fields: Any) -> Listing:
    fields.setdefault("kind", "offer")
    fields.setdefault("title", {"en": "Low-temperature electrolyte", "zh-hans": "低温锂电池电解液"})
    fields.setdefault("summary", {"en": "Keeps cells working at -40 °C."})
    listing = do_save_listing(listing=Listing(owner_organisation=owner, **fields), actor=actor, now=NOW)
    do_listing_action(
        listing=listing, action=Action.SUBMIT, target=Status.SUBMITTED, actor=actor, reason="", now=NOW
    )
    do_listing_action(
        listing=listing, action=Action.APPROVE, target=Status.PUBLISHED, actor=None, reason="", now=NOW
    )
    return listing


def pdf_text(data: bytes) -> str:
    """The text of a PDF by poppler's pdftotext (installed on the machine; skip when it is not)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("poppler's pdftotext is not installed")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        completed = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)  # noqa: S603
    return completed.stdout.decode("utf-8")
