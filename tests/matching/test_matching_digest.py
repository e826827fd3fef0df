"""The weekly digest mails new matches of visible listings only, without naming anonymous owners."""

from __future__ import annotations

from django.core import mail
from django.utils import timezone
from matching_world import MatchingWorld

from techbridge.market.models import Listing
from techbridge.matching.tasks import send_weekly_digest


def test_weekly_digest_mails_members_their_visible_new_matches(matching: MatchingWorld) -> None:
    Listing.objects.update(published_at=timezone.now())
    result = send_weekly_digest.enqueue()

    assert result.return_value == len(mail.outbox)
    to_owner = [message for message in mail.outbox if message.to == [matching.owner.email]]
    assert len(to_owner) == 1
    body = to_owner[0].body
    assert f"/market/listings/{matching.offer.pk}/" in body
    assert f"/market/listings/{matching.confidential_offer.pk}/" not in body
    assert "Hidden Anode Holdings" not in body
    assert "/matching/for-you/" in body


def test_weekly_digest_skips_old_matches(matching: MatchingWorld) -> None:
    assert send_weekly_digest.enqueue().return_value == 0
    assert mail.outbox == []
