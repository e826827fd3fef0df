"""The organisers' registration list as an XLSX workbook.

The caller passes `events.access.managed_registrations(user, event)` (empty for non-organisers).
Every text cell is escaped against formula injection, as the market's exports are: participants
type their names, positions and notes themselves.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from techbridge.common.multilingual import localize
from techbridge.events.models import Event, Registration
from techbridge_core.market.spreadsheet import escape_cell

MAX_EXPORT_ROWS = 50_000
SHEET_TITLE_LENGTH = 31  # Excel's limit


def registration_headers(event: Event) -> list[str]:
    zone = event.time_zone
    return [
        _("Participant"),
        _("Organisation"),
        _("Category"),
        _("Country"),
        _("Position"),
        _("Status"),
        _("B2B meetings"),
        _("Online"),
        _("Note"),
        _("Registered (%(zone)s)") % {"zone": zone},
        _("Checked in (%(zone)s)") % {"zone": zone},
    ]


def _local(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""


def registration_rows(event: Event, registrations: QuerySet[Registration]) -> Iterator[list[object]]:
    zone = ZoneInfo(event.time_zone)
    yes, no = _("yes"), _("no")
    rows = registrations.select_related("user", "organisation").order_by("created_at", "id")
    for registration in rows[:MAX_EXPORT_ROWS]:
        organisation = registration.organisation
        row: list[object] = [
            registration.user.display_name,
            str(localize(organisation.name)) if organisation else "",
            registration.get_category_display(),
            registration.country,
            registration.job_title,
            registration.get_status_display(),
            yes if registration.b2b else no,
            yes if registration.remote else no,
            registration.note,
            _local(registration.created_at, zone),
            _local(registration.checked_in_at, zone),
        ]
        yield [escape_cell(value) for value in row]


def export_registrations_xlsx(event: Event, registrations: QuerySet[Registration]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Registrations")[:SHEET_TITLE_LENGTH])
    sheet.append(registration_headers(event))
    for row in registration_rows(event, registrations):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
