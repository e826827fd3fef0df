"""Attendance figures: registered, approved and checked in, by participant category and by country."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from techbridge.events.enums import ParticipantCategory, RegistrationStatus
from techbridge.events.models import Event, Registration


@dataclass(frozen=True)
class AttendanceRow:
    key: str
    label: str
    registered: int
    approved: int
    checked_in: int


@dataclass(frozen=True)
class Attendance:
    total: AttendanceRow
    by_category: list[AttendanceRow]
    by_country: list[AttendanceRow]
    waitlisted: int


COUNTS = {
    "registered": Count("id", filter=~Q(status=RegistrationStatus.CANCELLED)),
    "approved": Count("id", filter=Q(status=RegistrationStatus.APPROVED)),
    "checked_in": Count("id", filter=Q(status=RegistrationStatus.APPROVED, checked_in_at__isnull=False)),
}


def _rows(event: Event, field: str, labels: dict[str, str]) -> list[AttendanceRow]:
    grouped = (
        Registration.objects.filter(event=event)
        .values(field)
        .annotate(**COUNTS)
        .order_by("-registered", field)
    )
    return [
        AttendanceRow(
            key=row[field],
            label=labels.get(row[field], row[field]) or "—",
            registered=row["registered"],
            approved=row["approved"],
            checked_in=row["checked_in"],
        )
        for row in grouped
        if row["registered"]
    ]


def attendance(event: Event, country_names: dict[str, str]) -> Attendance:
    totals = Registration.objects.filter(event=event).aggregate(**COUNTS)
    waitlisted = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).count()
    categories = {str(value): str(label) for value, label in ParticipantCategory.choices}
    return Attendance(
        total=AttendanceRow(key="", label="", **totals),
        by_category=_rows(event, "category", categories),
        by_country=_rows(event, "country", country_names),
        waitlisted=waitlisted,
    )
