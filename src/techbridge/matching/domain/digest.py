"""The weekly digest of new matches, mailed to each member of an organisation with published listings.

Every recommendation runs AS the recipient: it never mails a listing that user may not see, nor
the owner of an anonymous one. The job (matching/tasks.py) passes in the access funnel's
`own_published_listings` and `candidate_listings`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.market.enums import ListingStatus
from techbridge.market.models import Listing
from techbridge.matching.domain.recommend import SuggestedMatch, best_matches_for_listing

DIGEST_PERIOD = timedelta(days=7)
DIGEST_LISTINGS = 10
DIGEST_MATCHES = 5


def _link(pk: int) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('market:listing', args=[pk])}"


type OwnListings = Callable[[User], QuerySet[Listing]]
type VisibleCandidates = Callable[[User], QuerySet[Listing]]


def _fresh_matches(
    user: User, *, since: datetime, own_listings: OwnListings, candidates: VisibleCandidates
) -> list[tuple[str, list[SuggestedMatch]]]:
    sections = []
    for listing in own_listings(user)[:DIGEST_LISTINGS]:
        fresh = [
            suggestion
            for suggestion in best_matches_for_listing(
                user=user, candidates=candidates(user), listing=listing, limit=DIGEST_MATCHES
            )
            if suggestion.listing.published_at is not None and suggestion.listing.published_at >= since
        ]
        if fresh:
            sections.append((str(localize(listing.title)), fresh))
    return sections


def _digest_body(sections: list[tuple[str, list[SuggestedMatch]]]) -> str:
    parts = [_("New listings that match yours this week:")]
    for title, suggestions in sections:
        lines = [f"- {localize(s.listing.title)}\n  {_link(s.listing.pk)}" for s in suggestions]
        parts.append(_("For “%(title)s”:") % {"title": title} + "\n" + "\n".join(lines))
    parts.append(
        _("All suggestions: %(url)s")
        % {"url": f"{settings.SITE_URL.rstrip('/')}{reverse('matching:for_you')}"}
    )
    return "\n\n".join(parts)


def send_weekly_digests(*, now: datetime, own_listings: OwnListings, candidates: VisibleCandidates) -> int:
    """Mail each member of an organisation with published listings the new matches of the week."""
    since = now - DIGEST_PERIOD
    recipients = User.objects.filter(
        is_active=True, memberships__organisation__listings__status=ListingStatus.PUBLISHED
    ).distinct()
    sent = 0
    for user in recipients.order_by("pk"):
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            sections = _fresh_matches(user, since=since, own_listings=own_listings, candidates=candidates)
            if sections:
                sent += send_mail(
                    _("Your weekly technology matches"), _digest_body(sections), None, [user.email]
                )
    return sent
