"""Steps run inside one installation of the two-installation federation test (`manage.py shell -c`).

Each function prints one JSON line the test reads; nothing here runs in the test's own process.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone


def _out(value: Any) -> None:
    print("RESULT " + json.dumps(value, default=str))  # noqa: T201


def seed_origin(extra_listings: int = 0) -> None:
    """Installation A: a centre with a broker, public and alliance-only listings, an event, an instrument."""
    from factories import make_alliance, make_centre, make_operator, make_organisation
    from techbridge.events.enums import EventStatus
    from techbridge.events.models import Event
    from techbridge.instruments.models import Facility, Instrument, InstrumentCategory
    from techbridge.market.enums import ListingKind, ListingStatus, Visibility
    from techbridge.market.models import Listing

    alliance = make_alliance(slug="cq", name={"en": "Chongqing alliance"})
    centre = make_centre(slug="cq-centre", name={"en": "Chongqing Centre"}, alliance=alliance)
    broker = make_operator(centre)
    owner = make_organisation(name={"en": "Chongqing Battery Lab"}, country="CN", city="Chongqing")
    now = timezone.now()

    def listing(title: str, visibility: str, **fields: Any) -> Listing:
        return Listing.objects.create(
            kind=ListingKind.OFFER,
            status=ListingStatus.PUBLISHED,
            visibility=visibility,
            title={"en": title, "zh-hans": "固态电池"},
            summary={"en": f"Summary of {title}"},
            description={"en": f"<p>Details of <b>{title}</b></p>"},
            owner_organisation=owner,
            centre=centre,
            country="CN",
            keywords=["battery"],
            published_at=now,
            **fields,
        )

    public = listing("Solid-state battery cathode", Visibility.PUBLIC)
    alliance_only = listing("Graphene anode coating", Visibility.ALLIANCE)
    anonymous = listing("Confidential electrolyte recipe", Visibility.PUBLIC, anonymous=True)
    listing("Centre-only sensor", Visibility.CENTRE)
    for number in range(extra_listings):
        listing(f"Bulk offer {number} quartz", Visibility.PUBLIC)
    event = Event.objects.create(
        slug="cq-fair",
        title={"en": "Chongqing technology fair"},
        status=EventStatus.PUBLISHED,
        time_zone="Asia/Shanghai",
        starts_on=timezone.localdate() + timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=31),
        city="Chongqing",
        country="CN",
        registration_open=True,
        shared_with_alliance=True,
    )
    event.organising_centres.add(centre)
    category = InstrumentCategory.objects.create(code="0301", name={"en": "Microscopes"})
    facility = Facility.objects.create(organisation=owner, name={"en": "Imaging core"}, is_public=True)
    instrument = Instrument.objects.create(
        facility=facility,
        category=category,
        name={"en": "Cryo electron microscope"},
        shared_with_alliance=True,
    )
    _out(
        {
            "public": public.pk,
            "alliance": alliance_only.pk,
            "anonymous": anonymous.pk,
            "event": event.pk,
            "instrument": instrument.pk,
            "broker": broker.pk,
        }
    )


def seed_member() -> None:
    """Installation B: a member of an alliance centre, who may see alliance-only records."""
    from factories import make_alliance, make_centre, make_member, make_organisation

    alliance = make_alliance(slug="bp", name={"en": "Budapest alliance"})
    centre = make_centre(slug="bp-centre", name={"en": "Budapest Centre"}, alliance=alliance, country="HU")
    organisation = make_organisation(name={"en": "Budapest Photonics"})
    organisation.centre = centre
    organisation.save()
    member = make_member(organisation)
    _out({"member": member.pk})


def invite(name: str) -> None:
    from techbridge.federation.domain.partners import create_invitation

    _out({"code": create_invitation(name=name, created_by=None, now=timezone.now())})


def pull(max_pages: int = 50) -> None:
    from techbridge.federation.domain.pulling import pull_partner
    from techbridge.federation.models import Partner

    partner = Partner.objects.get()
    result = pull_partner(partner, now=timezone.now(), max_pages=max_pages)
    partner.refresh_from_db()
    _out({**result.__dict__, "cursor": partner.cursor, "errors": partner.error_count})


def remote_state(member_pk: int) -> None:
    from techbridge.accounts.models import User
    from techbridge.federation.access import visible_remote_records
    from techbridge.federation.models import RemoteRecord

    member = User.objects.get(pk=member_pk)
    _out(
        {
            "anonymous": sorted(str(r.title.get("en")) for r in visible_remote_records(AnonymousUser())),
            "member": sorted(str(r.title.get("en")) for r in visible_remote_records(member)),
            "rows": RemoteRecord.objects.count(),
            "distinct": RemoteRecord.objects.values("partner", "remote_id").distinct().count(),
            "kinds": sorted({r.kind for r in RemoteRecord.objects.filter(deleted=False)}),
            "origins": sorted({r.partner.name for r in RemoteRecord.objects.all()}),
        }
    )


def send_interest(member_pk: int, title: str) -> None:
    from techbridge.accounts.models import User
    from techbridge.federation.domain.interests import check_send_remote_interest, deliver_due
    from techbridge.federation.models import OutboxMessage, RemoteRecord

    record = RemoteRecord.objects.get(title__en=title)
    interest = check_send_remote_interest(
        record=record,
        sender=User.objects.get(pk=member_pk),
        organisation=None,
        message="We would like to license this cathode for our pilot line.",
        now=timezone.now(),
    )
    waiting = OutboxMessage.objects.get(subject_id=interest.public_id).status
    deliver_due(now=timezone.now())  # what the worker's federation.deliver_outbox job does
    message = OutboxMessage.objects.get(subject_id=interest.public_id)
    _out({"waiting": waiting, "outbox": message.status, "attempts": message.attempts})


def deliver_and_status() -> None:
    from techbridge.federation.domain.interests import deliver_due, refresh_statuses
    from techbridge.federation.models import OutboxMessage, RemoteInterest

    delivered = deliver_due(now=timezone.now() + timedelta(hours=7))
    changed = refresh_statuses(now=timezone.now())
    _out(
        {
            "delivered": delivered,
            "changed": changed,
            "outbox": sorted(m.status for m in OutboxMessage.objects.all()),
            "statuses": sorted(i.status for i in RemoteInterest.objects.all()),
        }
    )


def broker_interests(broker_pk: int) -> None:
    from techbridge.accounts.models import User
    from techbridge.market.access import visible_interests

    broker = User.objects.get(pk=broker_pk)
    _out(
        [
            {"message": i.message, "listing": i.listing_id, "status": i.status}
            for i in visible_interests(broker)
        ]
    )


def accept_interests() -> None:
    from techbridge.market.enums import EoiStatus
    from techbridge.market.models import ExpressionOfInterest

    ExpressionOfInterest.objects.update(status=EoiStatus.FORWARDED, updated_at=timezone.now())
    _out({"ok": True})


def withdraw(listing_pk: int) -> None:
    from techbridge.market.enums import ListingStatus
    from techbridge.market.models import Listing

    listing = Listing.objects.get(pk=listing_pk)
    listing.status = ListingStatus.WITHDRAWN
    listing.save()
    _out({"ok": True})


def attacks(origin: str) -> None:
    """A correctly signed request, the same request again (replay), and one whose URL was changed."""
    import urllib.error
    import urllib.request

    from techbridge.federation.domain.signing import sign_headers

    def send(url: str, headers: dict[str, str]) -> int:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as answer:  # noqa: S310
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    url = f"{origin}/federation/outbox/?limit=1"
    headers = sign_headers("GET", url)
    first = send(url, headers)
    replay = send(url, headers)
    tampered_headers = sign_headers("GET", url)
    tampered = send(f"{origin}/federation/outbox/?limit=2", tampered_headers)
    unsigned = send(url, {})
    _out({"first": first, "replay": replay, "tampered": tampered, "unsigned": unsigned})


def partner_errors() -> None:
    from techbridge.federation.models import Partner

    _out({p.url: {"errors": p.error_count, "last": p.last_error} for p in Partner.objects.all()})
