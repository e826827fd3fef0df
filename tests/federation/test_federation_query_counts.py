"""The federation list pages cost the same number of queries for 1 row as for 5 (no N+1): the
partners page (platform admins) and the alliance search (local listings and remote records in
one list, anonymous and signed in as an alliance member)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factories import make_alliance, make_centre, make_operator, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.federation.enums import Audience, OutboxStatus, PartnerStatus, RecordKind
from techbridge.federation.models import OutboxMessage, Partner, RemoteRecord
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.domain.search import bump_search_revision
from techbridge.market.enums import ListingKind, ListingStatus, Visibility
from techbridge.market.models import Listing

pytestmark = pytest.mark.django_db
_numbers = itertools.count(1)


def _record(partner: Partner, *, audience: str = Audience.PUBLIC, deleted: bool = False) -> RemoteRecord:
    number = next(_numbers)
    now = timezone.now()
    return RemoteRecord.objects.create(
        partner=partner,
        remote_id=f"{partner.url}/federation/objects/listing/{number}",
        kind=RecordKind.LISTING,
        audience=audience,
        version=number,
        deleted=deleted,
        title={"en": f"Quartz crystal oscillator {number}"},
        search_text=f"quartz crystal oscillator {number}",
        centre="Budapest Centre",
        fetched_at=now,
        first_seen_at=now,
    )


def _partner() -> Partner:
    number = next(_numbers)
    return Partner.objects.create(
        url=f"https://partner{number}.example.org",
        name=f"Partner {number}",
        public_key_pem="",
        status=PartnerStatus.ACTIVE,
        created_at=timezone.now(),
    )


def _populate_partners(count: int) -> None:
    """Partners, each with records (one withdrawn) and waiting and delivered outbox messages."""
    for _ in range(count):
        partner = _partner()
        for deleted in (False, False, True):
            _record(partner, deleted=deleted)
        for status in (OutboxStatus.PENDING, OutboxStatus.PENDING, OutboxStatus.DELIVERED):
            OutboxMessage.objects.create(
                partner=partner, path="/federation/inbox/", status=status,
                next_attempt_at=timezone.now(), created_at=timezone.now(),
            )  # fmt: skip


def _populate_search(count: int) -> None:
    """Local listings and remote records (public and alliance-only) that all match "quartz"."""
    partner = Partner.objects.filter(name="Budapest").first() or Partner.objects.create(
        url="https://bp.example.org", name="Budapest", public_key_pem="", created_at=timezone.now()
    )
    owner = make_organisation(centre=make_centre())
    for _ in range(count):
        number = next(_numbers)
        listing = do_save_listing(
            listing=Listing(
                kind=ListingKind.OFFER,
                visibility=Visibility.PUBLIC,
                title={"en": f"Quartz resonator {number}"},
                summary={"en": "Quartz resonators for sensors"},
                owner_organisation=owner,
                country="HU",
            ),
            actor=None,
            now=timezone.now(),
            shared_with=None,
        )  # its search text made as the market makes it
        Listing.objects.filter(pk=listing.pk).update(
            status=ListingStatus.PUBLISHED, published_at=timezone.now()
        )
        _record(partner)
        _record(partner, audience=Audience.ALLIANCE)


def _queries(client: Client, url: str) -> tuple[int, bytes]:
    bump_search_revision()  # cold market caches: the full work, not a cache hit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content


def _flat(client: Client, url: str, populate: Callable[[int], None], *row_markers: bytes) -> None:
    populate(1)
    client.get(url)  # warm what is filled once per process (content types, translations)
    with_one, page_one = _queries(client, url)
    populate(4)

    with_five, page_five = _queries(client, url)

    for marker in row_markers:  # the rows are on the page
        assert page_five.count(marker) > page_one.count(marker) > 0, marker
    assert with_five == with_one


def _admin() -> User:
    return make_user(is_superuser=True, is_staff=True)


def test_federation_partners_page_query_count_is_flat(client: Client) -> None:
    client.force_login(_admin())
    _flat(client, "/federation/partners/", _populate_partners, b"<td>https://partner")


def test_federation_partners_page_counts_records_and_waiting_messages_separately(client: Client) -> None:
    """Two joined counts must not multiply each other: 2 live records and 2 waiting messages each."""
    client.force_login(_admin())
    _populate_partners(2)

    page = client.get("/federation/partners/").content.decode()

    assert page.count("<td>2</td><td>2</td>") == 2


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "alliance-member"])
@pytest.mark.parametrize("kind", ["", "listing"])
def test_federation_alliance_search_query_count_is_flat(client: Client, signed_in: bool, kind: str) -> None:
    if signed_in:
        client.force_login(make_operator(make_centre(alliance=make_alliance())))
    url = f"/federation/search/?q=quartz&kind={kind}"
    _flat(client, url, _populate_search, b"From Budapest", b"On this installation")
