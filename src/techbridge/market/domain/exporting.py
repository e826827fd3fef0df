"""Exporting a filtered listing list to CSV or XLSX.

The caller passes the queryset from `market.access.find_listings(user, filters)` (annotated with
`owner_visible`), so an export never holds what the user may not see and hides anonymous owners.
Every text cell is escaped against formula injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from techbridge.common.multilingual import localize
from techbridge.market.models import Listing
from techbridge_core.market.spreadsheet import escape_cell

MAX_EXPORT_ROWS = 50_000


def export_headers() -> list[str]:
    return [
        _("ID"),
        _("Type"),
        _("Title"),
        _("Summary"),
        _("Owner"),
        _("Country"),
        _("TRL"),
        _("Keywords"),
        _("Published"),
        _("Link"),
    ]


def export_rows(listings: QuerySet[Listing]) -> Iterator[list[object]]:
    site = settings.SITE_URL.rstrip("/")
    for listing in listings[:MAX_EXPORT_ROWS]:
        owner = (
            str(localize(listing.owner_organisation.name)) if getattr(listing, "owner_visible", False) else ""
        )
        row: list[object] = [
            listing.pk,
            listing.get_kind_display(),
            str(localize(listing.title)),
            str(localize(listing.summary)),
            owner,
            listing.country,
            listing.trl if listing.trl is not None else "",
            ", ".join(str(word) for word in listing.keywords or []),
            listing.published_at.date().isoformat() if listing.published_at else "",
            site + reverse("market:listing", args=[listing.pk]),
        ]
        yield [escape_cell(value) for value in row]


def export_csv(listings: QuerySet[Listing]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(export_headers())
    writer.writerows(export_rows(listings))
    return buffer.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def export_xlsx(listings: QuerySet[Listing]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Listings")[:31])
    sheet.append(export_headers())
    for row in export_rows(listings):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
