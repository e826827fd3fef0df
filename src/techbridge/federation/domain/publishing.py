"""What this installation publishes to its partners, as a feed of ActivityStreams objects.

Shared: published listings whose audience is the alliance or the public (an anonymous listing
without its owner; a contact person only where their profile is public), published events their
organisers share with the alliance (programme and registration links) and the instruments their
facility managers share with the alliance, of public facilities and not retired. Switching the
"shared with the alliance" flag off makes the record a Tombstone like any other withdrawal.
`refresh_publications` compares what is shared now with the `Publication` rows and gives every
change the next sequence number; a record no longer shared becomes a Tombstone. The feed pages by
that number, so partners pull only what changed since their cursor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.html import strip_tags

from techbridge.common.multilingual import localize
from techbridge.directory.enums import ProfileVisibility
from techbridge.events.access import visible_events
from techbridge.events.models import Event
from techbridge.federation.domain.keys import own_base_url
from techbridge.federation.models import Publication, PublishState
from techbridge.instruments.access import visible_instruments
from techbridge.instruments.enums import InstrumentStatus
from techbridge.market.enums import ListingStatus, Visibility
from techbridge.market.models import Listing
from techbridge_core.federation.activity import as_object, collection_page, tombstone
from techbridge_core.federation.paging import PageWindow, encode_cursor

type Key = tuple[str, int]


def _plain(texts: dict[str, str] | None) -> dict[str, str]:
    """Rich text travels as plain text: partners refuse markup."""
    return {language: strip_tags(text).strip() for language, text in (texts or {}).items() if text}


def _english(texts: dict[str, str] | None) -> str:
    return str(localize(texts, "en"))


def _iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else ""


def _listing_objects(base: str) -> Iterator[tuple[Key, dict[str, Any]]]:
    listings = (
        Listing.objects.filter(
            status=ListingStatus.PUBLISHED, visibility__in=(Visibility.PUBLIC, Visibility.ALLIANCE)
        )
        .select_related("centre", "owner_organisation", "contact_person", "contact_person__user")
        .order_by("id")
    )
    for listing in listings:
        attributes: dict[str, Any] = {
            "listingKind": listing.kind,
            "country": listing.country,
            "keywords": [str(word)[:200] for word in listing.keywords[:50]],
            "openForInterest": listing.open_for_interest,
            "anonymous": listing.anonymous,
        }
        owner = "" if listing.anonymous else _english(listing.owner_organisation.name)
        person = listing.contact_person
        if not listing.anonymous and person is not None and person.visibility == ProfileVisibility.PUBLIC:
            attributes["contactName"] = person.full_name
            if person.share_email_with_partners and person.user is not None:
                attributes["contactEmail"] = person.user.email
        yield (
            ("listing", listing.pk),
            _object(
                base,
                "listing",
                listing.pk,
                audience="public" if listing.visibility == Visibility.PUBLIC else "alliance",
                name=listing.title,
                summary=listing.summary,
                content=_plain(listing.description),
                url=reverse("market:listing", args=[listing.pk]),
                centre=_english(listing.centre.name) if listing.centre else "",
                attributed_to=owner,
                updated=_iso(listing.published_at),
                attributes=attributes,
            ),
        )


def _event_objects(base: str) -> Iterator[tuple[Key, dict[str, Any]]]:
    events = (
        visible_events(AnonymousUser())
        .filter(shared_with_alliance=True)
        .prefetch_related("organising_centres")
        .order_by("id")
    )
    for event in events:
        centres = ", ".join(_english(centre.name) for centre in event.organising_centres.all())
        attributes: dict[str, Any] = {
            "startDate": event.starts_on.isoformat(),
            "endDate": event.ends_on.isoformat(),
            "city": event.city,
            "country": event.country,
            "programmeUrl": base + reverse("events:programme", args=[event.slug]),
            "registrationOpen": event.registration_open,
        }
        if event.registration_open:
            attributes["registrationUrl"] = base + reverse("events:register", args=[event.slug])
        yield (
            ("event", event.pk),
            _object(
                base,
                "event",
                event.pk,
                audience="public",
                name=event.title,
                summary=event.summary,
                content=_plain(event.description),
                url=reverse("events:detail", args=[event.slug]),
                centre=centres[:200],
                attributed_to="",
                updated="",
                attributes=attributes,
            ),
        )


def _instrument_objects(base: str) -> Iterator[tuple[Key, dict[str, Any]]]:
    instruments = (
        visible_instruments(AnonymousUser())
        .filter(facility__is_public=True, shared_with_alliance=True)
        .exclude(status=InstrumentStatus.RETIRED)
        .select_related("facility", "facility__organisation", "category")
        .order_by("id")
    )
    for instrument in instruments:
        yield (
            ("instrument", instrument.pk),
            _object(
                base,
                "instrument",
                instrument.pk,
                audience="public",
                name=instrument.name,
                summary=_plain(instrument.services),
                content=_plain(instrument.description),
                url=reverse("instruments:instrument", args=[instrument.pk]),
                centre="",
                attributed_to=_english(instrument.facility.organisation.name),
                updated="",
                attributes={
                    "facility": _english(instrument.facility.name)[:200],
                    "city": instrument.facility.city,
                    "manufacturer": instrument.manufacturer,
                    "model": instrument.model_number,
                    "status": instrument.status,
                },
            ),
        )


def _object(base: str, kind: str, pk: int, *, url: str, **values: Any) -> dict[str, Any]:
    return as_object(base_url=base, kind=kind, pk=pk, version=0, url=base + url, **values)


def shared_objects() -> dict[Key, dict[str, Any]]:
    base = own_base_url()
    found: dict[Key, dict[str, Any]] = {}
    for source in (_listing_objects, _event_objects, _instrument_objects):
        found.update(source(base))
    return found


def _digest(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _latest_change() -> datetime | None:
    moments = [
        Listing.objects.aggregate(latest=Max("updated_at"))["latest"],
        Event.objects.aggregate(latest=Max("updated_at"))["latest"],
    ]
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def mark_publications_stale() -> None:
    """The next feed request refreshes the publications in full, whatever the interval."""
    PublishState.objects.update(refreshed_at=None)


def refresh_publications(*, now: datetime, force: bool = False) -> int:
    """Bring the publications up to date; the number of records that changed.

    Skipped when nothing was edited since the last refresh and it is younger than the refresh
    interval (instruments carry no modification time: they are compared at each full refresh)."""
    interval = timedelta(seconds=getattr(settings, "TECHBRIDGE_FEDERATION_REFRESH_SECONDS", 60))
    with transaction.atomic():
        state = PublishState.objects.select_for_update().order_by("pk").first()
        if state is None:
            state = PublishState.objects.create()
            state = PublishState.objects.select_for_update().get(pk=state.pk)
        if not force and state.refreshed_at is not None and now - state.refreshed_at < interval:
            latest = _latest_change()
            if latest is None or latest < state.refreshed_at:
                return 0
        changed = _apply(shared_objects(), now=now)
        state.refreshed_at = now
        state.save(update_fields=["refreshed_at"])
    return changed


def _apply(current: dict[Key, dict[str, Any]], *, now: datetime) -> int:
    existing = {(row.kind, row.local_id): row for row in Publication.objects.all()}
    next_seq = (Publication.objects.aggregate(top=Max("seq"))["top"] or 0) + 1
    base = own_base_url()
    changed = 0
    for key, payload in current.items():
        digest = _digest(payload)
        row = existing.get(key)
        if row is not None and not row.deleted and row.digest == digest:
            continue
        versioned = {**payload, "tb:version": next_seq}
        if row is None:
            Publication.objects.create(
                kind=key[0], local_id=key[1], seq=next_seq, digest=digest, payload=versioned, modified_at=now
            )
        else:
            row.seq, row.digest, row.payload, row.deleted, row.modified_at = (
                next_seq,
                digest,
                payload,
                False,
                now,
            )
            row.save()
        next_seq += 1
        changed += 1
    for key, row in existing.items():
        if key in current or row.deleted:
            continue
        row.seq, row.deleted, row.digest, row.modified_at = next_seq, True, "", now
        row.payload = tombstone(base_url=base, kind=key[0], pk=key[1], version=next_seq, deleted=_iso(now))
        row.save()
        next_seq += 1
        changed += 1
    return changed


def feed_page(*, window: PageWindow, modified_since: datetime | None, now: datetime) -> dict[str, Any]:
    """One page of the feed (the caller checked the partner's signature)."""
    refresh_publications(now=now)
    rows = Publication.objects.filter(seq__gt=window.after).order_by("seq")
    if modified_since is not None:
        rows = rows.filter(modified_at__gte=modified_since)
    found = list(rows[: window.limit + 1])
    page, next_seq = window.cut([row.seq for row in found])
    items = [row.payload for row in found[: len(page)]]
    base = own_base_url()
    collection = f"{base}/federation/outbox/"
    next_cursor = encode_cursor(next_seq) if next_seq is not None else None
    last_cursor = encode_cursor(page[-1]) if page else encode_cursor(window.after)
    return collection_page(
        page_id=f"{collection}?cursor={encode_cursor(window.after)}",
        collection_id=collection,
        items=items,
        next_url=f"{collection}?cursor={next_cursor}" if next_cursor else None,
        next_cursor=next_cursor or last_cursor,
        has_more=next_cursor is not None,
    )
