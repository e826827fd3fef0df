"""Recording what users and brokers say about suggestions (check_* validates, do_* writes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from techbridge.accounts.models import User
from techbridge.market.models import Listing
from techbridge.matching.enums import DecisionKind, FeedbackKind
from techbridge.matching.models import MatchDecision, MatchFeedback


class MatchingError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_feedback(*, user: User, listing: Listing, candidate: Listing, kind: str) -> None:
    """`candidate` must come from the access funnel (annotated with `owner_visible`)."""
    if kind not in FeedbackKind.values:
        raise MatchingError(str(_("Unknown feedback.")))
    if kind == FeedbackKind.NEVER_THIS_ORGANISATION and not getattr(candidate, "owner_visible", False):
        raise MatchingError(
            str(_("The owner of this listing is anonymous; mark it as not relevant instead."))
        )
    do_record_feedback(user=user, listing=listing, candidate=candidate, kind=kind)


def do_record_feedback(*, user: User, listing: Listing, candidate: Listing, kind: str) -> None:
    MatchFeedback.objects.update_or_create(
        user=user, listing=listing, candidate=candidate, defaults={"kind": kind}
    )


def check_decision(*, user: User, listing: Listing, candidate: Listing, kind: str, is_broker: bool) -> None:
    if not is_broker:
        raise MatchingError(str(_("Only a broker of the listing's centre can pin or veto a match.")))
    if kind not in (*DecisionKind.values, ""):
        raise MatchingError(str(_("Unknown decision.")))
    do_record_decision(user=user, listing=listing, candidate=candidate, kind=kind)


def do_record_decision(*, user: User, listing: Listing, candidate: Listing, kind: str) -> None:
    """Pin or veto; an empty kind withdraws the broker's decision."""
    if not kind:
        MatchDecision.objects.filter(listing=listing, candidate=candidate).delete()
        return
    MatchDecision.objects.update_or_create(
        listing=listing, candidate=candidate, defaults={"kind": kind, "decided_by": user}
    )
