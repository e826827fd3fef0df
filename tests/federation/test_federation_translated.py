"""What a sender sees about a remote EOI is in their language: form errors and the status that came back."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from factories import make_alliance, make_centre, make_operator
from techbridge.federation.enums import Audience, RecordKind
from techbridge.federation.models import Partner, RemoteInterest, RemoteRecord

pytestmark = pytest.mark.django_db
PARTNER = "https://bp.example.org"


def _record(**changes: object) -> RemoteRecord:
    partner = Partner.objects.create(
        url=PARTNER, name="Budapest", public_key_pem="", created_at=timezone.now()
    )
    fields: dict[str, object] = {
        "partner": partner,
        "remote_id": f"{PARTNER}/federation/objects/listing/1",
        "kind": RecordKind.LISTING,
        "audience": Audience.PUBLIC,
        "version": 1,
        "title": {"en": "Remote listing"},
        "fetched_at": timezone.now(),
        "first_seen_at": timezone.now(),
    } | changes
    return RemoteRecord.objects.create(**fields)


@pytest.mark.parametrize(
    ("language", "markup_error", "status_word"),
    [
        ("hu", "Az üzenet legfeljebb 4000 karakteres egyszerű szöveg lehet.", "Továbbítva a hirdetőnek"),
        ("zh-hans", "留言须为纯文本，最多 4000 个字符。", "已转交发布方"),
    ],
)
def test_federation_remote_interest_speaks_the_senders_language(
    language: str, markup_error: str, status_word: str
) -> None:
    record = _record()
    sender = make_operator(make_centre(alliance=make_alliance()))
    client = Client()
    client.force_login(sender)
    client.post("/i18n/setlang/", {"language": language})

    refused = client.post(
        f"/federation/records/{record.pk}/", {"message": "<b>Interested</b>"}
    ).content.decode()
    RemoteInterest.objects.create(
        record=record, sender=sender, message="x", status="forwarded", created_at=timezone.now()
    )
    page = client.get(f"/federation/records/{record.pk}/").content.decode()

    assert markup_error in refused
    assert status_word in page
    assert "forwarded" not in page
