"""Where each indicator's records live and how a scope narrows them.

One `Source` per indicator: the rows that count (e.g. projects with an implemented date), the
date that places a row in a year (the indicator's dating rule in techbridge_core.analytics), and
the paths from the row to its centre, country, technology field and event. A path of None means
the filter does not apply to that indicator (its figure is then not shown for such a scope).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from techbridge.cooperation.enums import AgreementKind, AgreementStatus
from techbridge.cooperation.models import Agreement, CooperationCase, Project
from techbridge.directory.models import ExpertProfile
from techbridge.events.enums import EventStatus, MeetingStatus, RegistrationStatus
from techbridge.events.models import Event, Meeting, MeetingOutcome, Registration, Showcase
from techbridge.instruments.enums import BookingStatus, UserCategory
from techbridge.instruments.models import Booking
from techbridge.market.enums import EoiStatus
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge.statistics.domain.scope import Scope

SIGNED_AGREEMENT_STATUSES = (
    AgreementStatus.SIGNED,
    AgreementStatus.REGISTERED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.EXPIRED,
    AgreementStatus.TERMINATED,
)


@dataclass(frozen=True, kw_only=True)
class Source:
    rows: Callable[[], QuerySet[Any]]
    date_path: str
    centre_path: str | None
    country_path: str | None
    field_path: str | None
    event_path: str | None
    is_date: bool = False  # a DateField (else a DateTimeField, bounded in UTC)

    def applies_to(self, scope: Scope) -> bool:
        return not (
            (scope.centre and self.centre_path is None)
            or (scope.country and self.country_path is None)
            or (scope.field and self.field_path is None)
            or (scope.event and self.event_path is None)
        )


def year_bounds(first_year: int, last_year: int, *, is_date: bool) -> tuple[date | datetime, date | datetime]:
    first, after = date(first_year, 1, 1), date(last_year + 1, 1, 1)
    if is_date:
        return first, after
    utc = ZoneInfo("UTC")
    return datetime.combine(first, time(), utc), datetime.combine(after, time(), utc)


def scoped(
    source: Source, scope: Scope, *, year: int | None = None, since: int | None = None
) -> QuerySet[Any]:
    """The source's rows in the scope's year (or `year`) and filters, each row once; with `since`,
    the rows of every year from `since` to that year."""
    last = year or scope.year
    first, after = year_bounds(since or last, last, is_date=source.is_date)
    rows = source.rows().filter(**{f"{source.date_path}__gte": first, f"{source.date_path}__lt": after})
    joined = False
    for path, value in (
        (source.centre_path, scope.centre.pk if scope.centre else None),
        (source.country_path, scope.country or None),
        (source.field_path, scope.field.pk if scope.field else None),
        (source.event_path, scope.event.pk if scope.event else None),
    ):
        if value is None or path is None:
            continue
        rows = rows.filter(**{path: value})
        joined = joined or "__" in path
    # Filters across many-to-many paths can repeat a row; counting the distinct keys keeps it once.
    return rows.distinct() if joined else rows


def is_joined(source: Source, scope: Scope) -> bool:
    """Whether the scope's filters reach the source's rows through a relation (rows may repeat)."""
    return any(
        value and path and "__" in path
        for path, value in (
            (source.centre_path, scope.centre),
            (source.country_path, scope.country),
            (source.field_path, scope.field),
            (source.event_path, scope.event),
        )
    )


def _held_meetings() -> QuerySet[Meeting]:
    no_show = MeetingOutcome.objects.filter(meeting=OuterRef("pk"), other_party_no_show=True)
    return Meeting.objects.filter(
        status=MeetingStatus.ACTIVE, starts_at__isnull=False, starts_at__lt=timezone.now()
    ).exclude(Exists(no_show))


def _signed(kind: str | None = None) -> Callable[[], QuerySet[Agreement]]:
    def rows() -> QuerySet[Agreement]:
        agreements = Agreement.objects.filter(status__in=SIGNED_AGREEMENT_STATUSES, signed_on__isnull=False)
        return agreements.filter(kind=kind) if kind else agreements

    return rows


def _held_events() -> QuerySet[Event]:
    return Event.objects.filter(status=EventStatus.PUBLISHED, starts_on__lte=timezone.localdate())


_AGREEMENT_PATHS = {
    "date_path": "signed_on",
    "is_date": True,
    "centre_path": "case__centre",
    "country_path": "parties__organisation__country",
    "field_path": "case__technology_fields",
    "event_path": "case__event",
}
_BOOKING_PATHS = {
    "date_path": "start",
    "centre_path": "instrument__facility__organisation__centre",
    "country_path": "organisation__country",
    "field_path": None,
    "event_path": None,
}


def _external_bookings() -> QuerySet[Booking]:
    """Confirmed bookings of users from other institutions than the instrument's own."""
    return Booking.objects.filter(status=BookingStatus.CONFIRMED).exclude(category=UserCategory.INTERNAL)


_PROJECT_PATHS = {
    "centre_path": "case__centre",
    "country_path": "case__parties__organisation__country",
    "field_path": "case__technology_fields",
    "event_path": "case__event",
    "is_date": True,
}


def _approved_participants() -> QuerySet[Registration]:
    return Registration.objects.filter(status=RegistrationStatus.APPROVED, event__in=_held_events())


# Participants count at their event: its start, its organisers and its id; their own country.
_PARTICIPANT_PATHS = {
    "date_path": "event__starts_on",
    "is_date": True,
    "centre_path": "event__organising_centres",
    "country_path": "country",
    "field_path": None,
    "event_path": "event",
}

SOURCES: dict[str, Source] = {
    "listings_published": Source(
        rows=lambda: Listing.objects.filter(published_at__isnull=False),
        date_path="published_at",
        centre_path="centre",
        country_path="country",
        field_path="technology_fields",
        event_path="showcases__area__event",
    ),
    "eois": Source(
        rows=lambda: ExpressionOfInterest.objects.exclude(status=EoiStatus.CLOSED),
        date_path="created_at",
        centre_path="listing__centre",
        country_path="listing__country",
        field_path="listing__technology_fields",
        event_path="meetings__event",
    ),
    "meetings_held": Source(
        rows=_held_meetings,
        date_path="starts_at",
        centre_path="event__organising_centres",
        country_path="event__country",
        field_path=None,
        event_path="event",
    ),
    "cases_opened": Source(
        rows=CooperationCase.objects.all,
        date_path="created_at",
        centre_path="centre",
        country_path="parties__organisation__country",
        field_path="technology_fields",
        event_path="event",
    ),
    "agreements_signed": Source(rows=_signed(), **_AGREEMENT_PATHS),  # type: ignore[arg-type]
    "mous_signed": Source(rows=_signed(AgreementKind.MOU), **_AGREEMENT_PATHS),  # type: ignore[arg-type]
    "technology_contracts": Source(rows=_signed(AgreementKind.TECHNOLOGY_CONTRACT), **_AGREEMENT_PATHS),  # type: ignore[arg-type]
    "technology_contract_value": Source(rows=_signed(AgreementKind.TECHNOLOGY_CONTRACT), **_AGREEMENT_PATHS),  # type: ignore[arg-type]
    "projects_signed": Source(
        rows=lambda: Project.objects.filter(signed_on__isnull=False),
        date_path="signed_on",
        **_PROJECT_PATHS,  # type: ignore[arg-type]
    ),
    "implemented": Source(
        rows=lambda: Project.objects.filter(implemented_on__isnull=False),
        date_path="implemented_on",
        **_PROJECT_PATHS,  # type: ignore[arg-type]
    ),
    "events_held": Source(
        rows=_held_events,
        date_path="starts_on",
        is_date=True,
        centre_path="organising_centres",
        country_path="country",
        field_path=None,
        event_path="pk",
    ),
    "participants": Source(
        rows=_approved_participants,
        **_PARTICIPANT_PATHS,  # type: ignore[arg-type]
    ),
    "participant_countries": Source(
        rows=lambda: _approved_participants().exclude(country=""),
        **_PARTICIPANT_PATHS,  # type: ignore[arg-type]
    ),
    "achievements_showcased": Source(
        rows=lambda: Showcase.objects.filter(area__event__in=_held_events()),
        date_path="area__event__starts_on",
        is_date=True,
        centre_path="area__event__organising_centres",
        country_path="listing__country",
        field_path="listing__technology_fields",
        event_path="area__event",
    ),
    "external_hours_booked": Source(rows=_external_bookings, **_BOOKING_PATHS),  # type: ignore[arg-type]
    "instruments_shared": Source(rows=_external_bookings, **_BOOKING_PATHS),  # type: ignore[arg-type]
    "expert_profiles": Source(
        rows=ExpertProfile.objects.all,
        date_path="person__created_at",
        centre_path="person__organisation__centre",
        country_path="person__organisation__country",
        field_path="technology_fields",
        event_path=None,
    ),
}
