"""Statements (per booking, per organisation and month; HTML, PDF, XLSX) and sharing statistics."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.common.multilingual import localize
from techbridge.common.pdf import printed_date, printed_number
from techbridge.instruments.access import (
    access_booking,
    access_statement_organisation,
    managed_instruments,
    may_read_statistics,
    statement_organisations,
    visible_instruments,
)
from techbridge.instruments.domain.exports import pdf_document, xlsx_document
from techbridge.instruments.domain.fees import monthly_statement, provisional_line
from techbridge.instruments.domain.statistics import month_report
from techbridge.instruments.enums import ChargeUnit
from techbridge.instruments.models import Booking, Charge
from techbridge.instruments.roles import is_official

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def parse_month(raw: str | None) -> date:
    today = timezone.now().date()
    try:
        year, month = (int(part) for part in (raw or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return date(today.year, today.month, 1)


def _header() -> list[str]:
    return [
        _("Booking"), _("Date"), _("Instrument"), _("Facility"), _("User"), _("Quantity"), _("Unit"),
        _("Unit price"), _("Gross"), _("Subsidy"), _("Net"), _("Currency"),
    ]  # fmt: skip


def _row(charge: Charge, fmt: str) -> list[Any]:
    booking = charge.booking
    return [
        booking.pk,
        _day(booking, fmt),
        str(localize(booking.instrument.name)),
        str(localize(booking.instrument.facility.name)),
        booking.user.display_name,
        *_amounts(fmt, charge.quantity, str(ChargeUnit(charge.unit).label), charge.unit_price, charge.gross,
                   charge.subsidy, charge.net),
        charge.currency,
    ]  # fmt: skip


def _day(booking: Booking, fmt: str) -> object:
    """The booking's day on the facility's clock: a date cell in XLSX, the reader's order in PDF."""
    day = booking.start.astimezone(ZoneInfo(booking.instrument.facility.time_zone)).date()
    return day if fmt == "xlsx" else printed_date(day)


def _amounts(fmt: str, quantity: Decimal, unit: str, *money: Decimal) -> list[object]:
    """Numbers stay numbers in XLSX (the spreadsheet formats them); PDF writes them the reader's way."""
    if fmt == "xlsx":
        return [quantity, unit, *money]
    return [printed_number(quantity), unit, *(printed_number(amount) for amount in money)]


def _file(body: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _export(
    fmt: str, *, title: str, subtitle: list[str], rows: list[list[Any]], footer: list[str], filename: str
) -> HttpResponse:
    if fmt == "xlsx":
        body = xlsx_document(title=title, header=_header(), rows=[*rows, [], *[[line] for line in footer]])
    else:
        body = pdf_document(title=title, subtitle=subtitle, header=_header(), rows=rows, footer=footer)
    return _file(body, fmt, filename)


@login_required
def organisation_statement(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_statement_organisation(request.user, pk)
    month = parse_month(request.GET.get("month"))
    statement = monthly_statement(organisation=organisation, month=month)
    fmt = request.GET.get("format", "")
    title = _("Instrument use statement %(month)s") % {"month": month.strftime("%Y-%m")}
    if fmt in FORMATS:
        footer = [
            _("Total %(currency)s: gross %(gross)s, subsidy %(subsidy)s, net %(net)s")
            % {
                "currency": currency,
                "gross": printed_number(gross),
                "subsidy": printed_number(subsidy),
                "net": printed_number(net),
            }
            for currency, (gross, subsidy, net) in statement.totals.items()
        ]
        rows = [_row(charge, fmt) for charge in statement.charges]
        return _export(
            fmt, title=title, subtitle=[str(organisation)], rows=rows, footer=footer,
            filename=f"statement-{organisation.pk}-{month:%Y-%m}",
        )  # fmt: skip
    context = {
        "organisation": organisation,
        "month": month,
        "statement": statement,
        "organisations": statement_organisations(request.user).order_by("id")[:200],
    }
    return render(request, "instruments/statement.html", context)


@login_required
def booking_statement(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking(request.user, pk)
    fmt = request.GET.get("format", "pdf")
    if fmt not in FORMATS:
        raise Http404
    charge = getattr(booking, "charge", None)
    line = charge or provisional_line(booking)
    row = [booking.pk, _day(booking, fmt), str(localize(booking.instrument.name)),
           str(localize(booking.instrument.facility.name)), booking.user.display_name]  # fmt: skip
    if line is not None:
        unit = line.unit if isinstance(line, Charge) else line.unit.value
        row += [*_amounts(fmt, line.quantity, str(ChargeUnit(unit).label), line.unit_price, line.gross,
                          line.subsidy, line.net), line.currency]  # fmt: skip
    status = _("Billed") if charge else _("Provisional: not billed yet")
    return _export(
        fmt, title=_("Booking statement"), subtitle=[str(booking.organisation or booking.user.display_name), status],
        rows=[row], footer=[], filename=f"booking-{booking.pk}",
    )  # fmt: skip


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not may_read_statistics(user):
        raise Http404
    month = parse_month(request.GET.get("month"))
    instruments = visible_instruments(user) if is_official(user) else managed_instruments(user)
    report = month_report(instruments=instruments, month=month)
    return render(request, "instruments/statistics.html", {"report": report, "month": month})
