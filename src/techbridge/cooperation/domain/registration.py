"""The registration export: technology contracts of a period and a centre as an XLSX in the layout a
technology-contract registration office asks for (one row per contract), every text cell
formula-escaped; refused, with a list of what is missing, when a contract lacks required data."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from techbridge.common.multilingual import localize
from techbridge.cooperation.enums import (
    AgreementKind,
    AgreementStatus,
    ContractCategory,
    ContractSubtype,
    IpType,
    PartyRole,
)
from techbridge.cooperation.models import Agreement
from techbridge_core.cooperation.agreements import SUBTYPES
from techbridge_core.cooperation.agreements import ContractCategory as CoreCategory
from techbridge_core.cooperation.agreements import ContractSubtype as CoreSubtype
from techbridge_core.market.spreadsheet import escape_cell

EXPORTED_STATUSES = (
    AgreementStatus.SIGNED,
    AgreementStatus.REGISTERED,
    AgreementStatus.IN_FORCE,
    AgreementStatus.EXPIRED,
    AgreementStatus.TERMINATED,
)
MAX_ROWS = 20_000


class RegistrationExportError(Exception):
    def __init__(self, missing: list[str]) -> None:
        super().__init__("; ".join(missing))
        self.missing = missing


@dataclass(frozen=True, kw_only=True)
class Period:
    start: date
    end: date


def contracts_for(agreements: QuerySet[Agreement], *, centre_id: int, period: Period) -> QuerySet[Agreement]:
    return (
        agreements.filter(
            kind=AgreementKind.TECHNOLOGY_CONTRACT,
            status__in=EXPORTED_STATUSES,
            case__centre_id=centre_id,
            signed_on__gte=period.start,
            signed_on__lte=period.end,
        )
        .select_related("case")
        .prefetch_related("parties__organisation", "case__technology_fields")
        .order_by("signed_on", "id")
    )


def _missing(agreement: Agreement) -> list[str]:
    wanted = []
    if not agreement.title:
        wanted.append(_("name"))
    if not agreement.category:
        wanted.append(_("category"))
    elif SUBTYPES[CoreCategory(agreement.category)] != (CoreSubtype.NONE,) and not agreement.subtype:
        wanted.append(_("sub-type"))
    parties = list(agreement.parties.all())
    if len(parties) < 2 or any(not party.registration_code for party in parties):
        wanted.append(_("parties' registration codes"))
    if agreement.total_amount is None or not agreement.currency:
        wanted.append(_("amount and currency"))
    if agreement.technical_income is None:
        wanted.append(_("technical income"))
    if agreement.signed_on is None or agreement.starts_on is None or agreement.ends_on is None:
        wanted.append(_("dates"))
    if not agreement.case.technology_fields.all():
        wanted.append(_("technology field"))
    return wanted


def headers() -> list[str]:
    return [
        _("Contract name"),
        _("Contract number"),
        _("Registration number"),
        _("Category"),
        _("Sub-type"),
        _("Parties and roles"),
        _("Registration codes"),
        _("Total amount"),
        _("Technical income"),
        _("Currency"),
        _("Technology field"),
        _("Signed on"),
        _("Term starts"),
        _("Term ends"),
        _("IP type"),
    ]


def _row(agreement: Agreement) -> list[object]:
    parties = list(agreement.parties.all())
    return [
        str(localize(agreement.title)),
        f"TB-{agreement.pk:06d}",
        agreement.registration_number,
        str(ContractCategory(agreement.category).label),
        str(ContractSubtype(agreement.subtype).label) if agreement.subtype else "",
        "; ".join(f"{PartyRole(p.role).label}: {localize(p.organisation.name)}" for p in parties),
        "; ".join(p.registration_code for p in parties),
        agreement.total_amount,
        agreement.technical_income,
        agreement.currency,
        ", ".join(field.code for field in agreement.case.technology_fields.all()),
        agreement.signed_on,
        agreement.starts_on,
        agreement.ends_on,
        str(IpType(agreement.ip_type).label),
    ]


def registration_xlsx(contracts: QuerySet[Agreement]) -> bytes:
    """The workbook, or RegistrationExportError listing each contract's missing data."""
    from openpyxl import Workbook

    rows = list(contracts[: MAX_ROWS + 1])
    missing = [
        _("%(name)s: missing %(what)s")
        % {"name": localize(a.title) or f"TB-{a.pk:06d}", "what": ", ".join(gaps)}
        for a in rows
        if (gaps := _missing(a))
    ]
    if missing:
        raise RegistrationExportError(missing)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Technology contracts")[:31])
    sheet.append(headers())
    for agreement in rows[:MAX_ROWS]:
        sheet.append([escape_cell(value) if isinstance(value, str) else value for value in _row(agreement)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
