"""The organisers' event dashboard: who came, what was asked, what was met and what came of it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Sum

from techbridge.events.enums import (
    MeetingOutcomeKind,
    MeetingRequestStatus,
    MeetingStatus,
    ParticipantCategory,
    RegistrationStatus,
)
from techbridge.events.models import (
    Event,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    MeetingSession,
    Registration,
)


@dataclass(frozen=True, slots=True)
class NoShow:
    registration: Registration
    reports: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    registrations_by_status: dict[str, int]
    approved_by_country: list[tuple[str, int]]
    approved_by_category: list[tuple[str, int]]
    requests: dict[str, int]
    arranged: int
    meetings_active: int
    meetings_online: int
    meetings_scheduled: int
    meetings_held: int
    meetings_not_held: int
    table_meetings: int
    table_capacity: int
    outcomes: dict[str, int]
    no_shows: list[NoShow]

    @property
    def table_utilisation(self) -> float | None:
        """Scheduled table meetings over the sessions' slots × tables; None without tables."""
        return self.table_meetings / self.table_capacity if self.table_capacity else None

    @property
    def requests_total(self) -> int:
        return sum(self.requests.values())


def _counts(rows: object, key: str) -> dict[str, int]:
    return {row[key]: row["n"] for row in rows}  # type: ignore[attr-defined]


def build_dashboard(event: Event) -> Dashboard:
    registrations = Registration.objects.filter(event=event)
    approved = registrations.filter(status=RegistrationStatus.APPROVED)
    by_status = _counts(registrations.values("status").annotate(n=Count("pk")), "status")
    by_country = _counts(approved.values("country").annotate(n=Count("pk")), "country")
    by_category = _counts(approved.values("category").annotate(n=Count("pk")), "category")
    requests = MeetingRequest.objects.filter(event=event)
    asked = _counts(
        requests.filter(arranged_by__isnull=True).values("status").annotate(n=Count("pk")), "status"
    )
    meetings = Meeting.objects.filter(event=event, status=MeetingStatus.ACTIVE)
    outcomes = MeetingOutcome.objects.filter(meeting__event=event, meeting__status=MeetingStatus.ACTIVE)
    held_ids = set(outcomes.exclude(outcome=MeetingOutcomeKind.NOT_HELD).values_list("meeting_id", flat=True))
    reported_ids = set(outcomes.values_list("meeting_id", flat=True))
    capacity = MeetingSession.objects.filter(event=event).aggregate(c=Sum(F("slots") * F("tables")))["c"]
    return Dashboard(
        registrations_by_status={status: by_status.get(status, 0) for status in RegistrationStatus.values},
        approved_by_country=sorted(by_country.items(), key=lambda item: (-item[1], item[0])),
        approved_by_category=[(c, by_category[c]) for c in ParticipantCategory.values if c in by_category],
        requests={status: asked.get(status, 0) for status in MeetingRequestStatus.values},
        arranged=requests.filter(arranged_by__isnull=False).count(),
        meetings_active=meetings.count(),
        meetings_online=meetings.filter(online=True).count(),
        meetings_scheduled=meetings.filter(session__isnull=False).count(),
        meetings_held=len(held_ids),
        meetings_not_held=len(reported_ids - held_ids),
        table_meetings=meetings.filter(session__isnull=False, table__isnull=False).count(),
        table_capacity=capacity or 0,
        outcomes={kind: outcomes.filter(outcome=kind).count() for kind in MeetingOutcomeKind.values},
        no_shows=_no_shows(event),
    )


def _no_shows(event: Event) -> list[NoShow]:
    """Participants the other side reported absent, most often first."""
    reports = MeetingOutcome.objects.filter(meeting__event=event, other_party_no_show=True).values_list(
        "registration_id", "meeting__first_id", "meeting__second_id"
    )
    absent = Counter(second if reporter == first else first for reporter, first, second in reports)
    registrations = Registration.objects.filter(pk__in=absent).select_related("user", "organisation")
    found = [NoShow(registration=r, reports=absent[r.pk]) for r in registrations]
    return sorted(found, key=lambda n: (-n.reports, n.registration.pk))
