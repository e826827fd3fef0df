"""After the meetings: each side records what came of it; "cooperation possible" becomes a step of the
market's cooperation pipeline (an expression of interest on the listing the meeting was about)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from techbridge.directory.roles import member_organisation_ids
from techbridge.events.enums import MeetingOutcomeKind, MeetingStatus
from techbridge.events.models import Meeting, MeetingOutcome, Registration
from techbridge.market.domain.interests import OPEN_STATUSES, InterestError, check_send_interest
from techbridge.market.models import ExpressionOfInterest, Listing

REFUSALS = {
    "not_party": gettext_lazy("Only the two participants of a meeting record its outcome."),
    "cancelled": gettext_lazy("This meeting was cancelled."),
    "too_early": gettext_lazy("You can record the outcome once the meeting has started."),
}


class OutcomeError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = str(REFUSALS[code])


def other_party(meeting: Meeting, registration: Registration) -> Registration:
    return meeting.second if meeting.first_id == registration.pk else meeting.first


@dataclass(frozen=True)
class ReportedOutcome:
    """What one side reports of a meeting: the outcome, whether the other side stayed away, a note."""

    outcome: str
    other_party_no_show: bool = False
    note: str = ""


def check_record_outcome(
    *, meeting: Meeting, registration: Registration, reported: ReportedOutcome, now: datetime
) -> MeetingOutcome:
    if registration.pk not in (meeting.first_id, meeting.second_id):
        raise OutcomeError("not_party")
    if meeting.status != MeetingStatus.ACTIVE:
        raise OutcomeError("cancelled")
    if meeting.starts_at is not None and meeting.starts_at > now:
        raise OutcomeError("too_early")
    return do_record_outcome(meeting=meeting, registration=registration, reported=reported, now=now)


@transaction.atomic
def do_record_outcome(
    *, meeting: Meeting, registration: Registration, reported: ReportedOutcome, now: datetime
) -> MeetingOutcome:
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    recorded, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        registration=registration,
        defaults={
            "outcome": reported.outcome,
            "other_party_no_show": reported.other_party_no_show,
            "note": reported.note.strip(),
            "recorded_at": now,
        },
    )
    if reported.outcome == MeetingOutcomeKind.COOPERATION_POSSIBLE and meeting.interest_id is None:
        interest = pipeline_interest(meeting=meeting, recorder=registration, now=now)
        if interest is not None:
            meeting.interest = interest
            meeting.save(update_fields=["interest"])
    return recorded


def pipeline_listing(meeting: Meeting, recorder: Registration) -> Listing | None:
    """The listing the meeting was about, else the other party's first linked listing."""
    listing = meeting.request.listing
    if listing is not None:
        return listing
    return other_party(meeting, recorder).listings.order_by("pk").first()


def _owning_party(meeting: Meeting, listing: Listing) -> Registration:
    """The side whose organisation owns (or who brought) the listing."""
    for party in (meeting.first, meeting.second):
        if party.organisation_id == listing.owner_organisation_id:
            return party
    for party in (meeting.first, meeting.second):
        if party.listings.filter(pk=listing.pk).exists():
            return party
    return meeting.second if meeting.first.user_id == listing.created_by_id else meeting.first


def pipeline_interest(
    *, meeting: Meeting, recorder: Registration, now: datetime
) -> ExpressionOfInterest | None:
    """Reuse the open expression of interest of the non-owning side on the listing, or send one.

    None when the meeting concerns no listing or the market refuses (the listing is closed, or both
    sides belong to its owner)."""
    listing = pipeline_listing(meeting, recorder)
    if listing is None:
        return None
    sender = other_party(meeting, _owning_party(meeting, listing))
    existing = ExpressionOfInterest.objects.filter(
        listing=listing, sender=sender.user, status__in=OPEN_STATUSES
    ).first()
    if existing is not None:
        return existing
    message = _("We met at “%(event)s” and see a possible cooperation.") % {"event": meeting.event.slug}
    try:
        return check_send_interest(
            listing=listing,
            sender=sender.user,
            sender_organisation=sender.organisation,
            sender_is_owner=listing.owner_organisation_id in member_organisation_ids(sender.user),
            message=message,
            now=now,
        )
    except InterestError:
        return None
