"""The "search the whole alliance" switch ranks the partners' listings like local ones: embedded
here with the local embedder, calibrated and fused with the market's ranking, one list.

The hashing embedder shares nothing between Hungarian and Chinese, so (like the market's search
tests) the glossary embedder of tests/glossary_embedder.py maps known parallel terms to one word
first; everything else is production code: embedding after a pull, calibration, fusion, visibility.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from factories import make_alliance, make_centre, make_operator
from glossary_embedder import FILLER_TOPICS, use_glossary_embedder
from techbridge.federation.access import search_alliance
from techbridge.federation.domain.alliance_search import embed_remote_records
from techbridge.federation.enums import Audience, PartnerStatus, RecordKind
from techbridge.federation.models import Partner, RemoteRecord, RemoteVector

pytestmark = pytest.mark.django_db
PARTNER = "https://cq.example.org"


def _record(
    partner: Partner, pk: int, title: dict[str, str], audience: str = Audience.PUBLIC
) -> RemoteRecord:
    now = timezone.now()
    return RemoteRecord.objects.create(
        partner=partner,
        remote_id=f"{PARTNER}/federation/objects/listing/{pk}",
        kind=RecordKind.LISTING,
        audience=audience,
        version=pk,
        title=title,
        search_text=" ".join(title.values()).lower(),
        fetched_at=now,
        first_seen_at=now,
    )


@pytest.fixture
def chongqing(settings: Any) -> dict[str, Any]:
    use_glossary_embedder(settings)
    partner = Partner.objects.create(
        url=PARTNER, name="Chongqing", public_key_pem="", created_at=timezone.now()
    )
    records = {
        "battery": _record(partner, 1, {"zh-hans": "寻求固态电池电解质技术"}, Audience.ALLIANCE),
        "public": _record(partner, 2, {"zh-hans": "固态电池隔膜"}),
    }
    for number, topic in enumerate(FILLER_TOPICS, start=10):
        _record(partner, number, {"en": topic})
    assert embed_remote_records() == len(FILLER_TOPICS) + 2
    assert embed_remote_records() == 0  # unchanged texts are not embedded again
    return {"partner": partner, **records}


def test_federation_alliance_search_finds_a_remote_chinese_listing_for_a_hungarian_query(
    chongqing: dict[str, Any],
) -> None:
    member = make_operator(make_centre(alliance=make_alliance()))

    hits = search_alliance(member, "szilárdtest akkumulátor")

    found = [hit.record.pk for hit in hits if hit.record is not None]
    assert chongqing["battery"].pk in found  # no shared word: found by meaning only
    assert chongqing["public"].pk in found
    assert len(found) < 5  # unrelated remote listings do not pad the results
    assert RemoteVector.objects.count() == len(FILLER_TOPICS) + 2


def test_federation_alliance_search_keeps_the_origins_audience_and_the_partner_status(
    client: Client, chongqing: dict[str, Any]
) -> None:
    anonymous = client.get("/federation/search/?q=szilárdtest+akkumulátor").content.decode()
    assert "固态电池隔膜" in anonymous
    assert "寻求固态电池电解质技术" not in anonymous  # alliance-only: never to anonymous visitors

    client.force_login(make_operator(make_centre(alliance=make_alliance())))
    member = client.get("/federation/search/?q=szilárdtest+akkumulátor").content.decode()
    assert "寻求固态电池电解质技术" in member

    Partner.objects.filter(pk=chongqing["partner"].pk).update(status=PartnerStatus.PAUSED)
    paused = client.get("/federation/search/?q=szilárdtest+akkumulátor").content.decode()
    assert "固态电池" not in paused
