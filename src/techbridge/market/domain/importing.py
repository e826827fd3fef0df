"""Importing listings and organisations from CSV/XLSX: preview, then one all-or-nothing commit.

Rows are read and checked in pure Python (`techbridge_core.market.spreadsheet`, `import_rows`);
here the choices come from the database and the user's roles: centre operators import
organisations into their centres and listings for those centres' organisations; platform admins
anything. Idempotent: the same file (sha256) is refused as already imported, and a row whose
`external_ref` was imported before is skipped. Imported listings start as drafts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

import pycountry
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.multilingual import searchable_text
from techbridge.directory.enums import OrganisationKind
from techbridge.directory.models import Organisation
from techbridge.directory.roles import AnyUser, is_platform_admin, operated_centre_ids
from techbridge.market.domain.bulk_insert import bulk_insert
from techbridge.market.domain.listings import fill_denormalised
from techbridge.market.domain.search import bump_search_revision
from techbridge.market.enums import ListingAction, ListingKind, ListingStatus, Visibility
from techbridge.market.models import ImportBatch, ImportedObject, Listing, ListingTransition
from techbridge_core.market.import_rows import (
    LISTING_COLUMNS,
    ORGANISATION_COLUMNS,
    CheckedRow,
    Choices,
    Issue,
    RowError,
    check_listing_rows,
    check_organisation_rows,
    missing_columns,
)
from techbridge_core.market.spreadsheet import Problem, SpreadsheetError, read_table

KINDS = ("listings", "organisations")
COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries)


class ImportRefusedError(Exception):
    """The file cannot be imported; `errors` says why, row by row, in the user's language."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:3]))
        self.errors = errors


@dataclass(kw_only=True)
class ImportPlan:
    kind: str
    sha256: str
    filename: str
    scope: str
    rows: list[CheckedRow] = field(default_factory=list)
    new_rows: list[CheckedRow] = field(default_factory=list)
    already_imported: bool = False


def may_import(user: AnyUser) -> bool:
    return user.is_authenticated and (is_platform_admin(user) or bool(operated_centre_ids(user)))


def _file_message(error: SpreadsheetError) -> str:
    messages = {
        Problem.TOO_LARGE: _("The file is too large: at most %(limit)d MB can be imported.")
        % {"limit": error.limit // (1024 * 1024)},
        Problem.TOO_MANY_ROWS: _("The file has too many rows: at most %(limit)d can be imported at once.")
        % {"limit": error.limit},
        Problem.UNKNOWN_FORMAT: _("Upload a .csv or .xlsx file."),
        Problem.UNREADABLE: _("The file cannot be read as a spreadsheet."),
        Problem.BAD_ENCODING: _("The text encoding is not recognised: save the file as UTF-8 or GB18030."),
        Problem.ZIP_BOMB: _("The spreadsheet expands to too much data to be imported."),
        Problem.EMPTY: _("The file is empty."),
        Problem.FORMULA: _("Formulas cannot be imported."),
        Problem.UNSAFE_CHARACTER: _(
            "The file contains control characters (such as NUL) that cannot be imported."
        ),
    }
    return str(messages[error.problem])


def row_message(error: RowError) -> str:
    texts = {
        Issue.REQUIRED: _("a value is required"),
        Issue.UNKNOWN_CHOICE: _("“%(value)s” is not an allowed value"),
        Issue.TOO_LONG: _("the text is too long"),
        Issue.NOT_A_NUMBER: _("“%(value)s” is not a number"),
        Issue.OUT_OF_RANGE: _("“%(value)s” is out of range"),
        Issue.DUPLICATE_REF: _("“%(value)s” appears more than once in the file"),
        Issue.FORMULA: _("formulas are not accepted: enter the value itself"),
        Issue.MISSING_COLUMN: _("the column is missing"),
        Issue.UNSAFE_CHARACTER: _("the cell contains a control character (such as NUL): remove it"),
    }
    detail = texts[error.issue] % {"value": error.value}
    return _("Row %(row)d, column “%(column)s”: %(detail)s") % {
        "row": error.row,
        "column": error.column,
        "detail": detail,
    }


def _owner_choices(user: AnyUser) -> dict[str, int]:
    organisations = Organisation.objects.all()
    if not is_platform_admin(user):
        organisations = organisations.filter(centre_id__in=operated_centre_ids(user))
    ids = list(organisations.values_list("pk", flat=True))
    owners = {str(pk): pk for pk in ids}
    refs = ImportedObject.objects.filter(kind="organisations", object_id__in=ids)
    owners.update(dict(refs.values_list("external_ref", "object_id")))
    return owners


def plan_import(*, user: AnyUser, kind: str, data: bytes, filename: str) -> ImportPlan:
    """Read and check every row; raise ImportRefusedError with every problem, or return what would be created."""
    if not may_import(user) or kind not in KINDS:
        raise PermissionDenied
    try:
        table = read_table(data, filename=filename)
    except SpreadsheetError as error:
        raise ImportRefusedError([_file_message(error)]) from error
    required = LISTING_COLUMNS if kind == "listings" else ORGANISATION_COLUMNS
    errors = missing_columns(table.headers, required)
    if errors:
        raise ImportRefusedError([row_message(error) for error in errors])
    if kind == "listings":
        choices = Choices(
            kinds=set(ListingKind.values),
            countries=COUNTRY_CODES,
            visibilities=set(Visibility.values),
            owners=_owner_choices(user),
        )
        checked, errors = check_listing_rows(list(table.rows), choices=choices)
    else:
        choices = Choices(kinds=set(OrganisationKind.values), countries=COUNTRY_CODES)
        checked, errors = check_organisation_rows(list(table.rows), choices=choices)
    if errors:
        raise ImportRefusedError([row_message(error) for error in errors])
    sha256 = hashlib.sha256(data).hexdigest()
    plan = ImportPlan(
        kind=kind, sha256=sha256, filename=filename[:200], scope=importer_scope(user), rows=checked
    )
    plan.new_rows = _unknown_rows(plan)
    plan.already_imported = ImportBatch.objects.filter(kind=kind, scope=plan.scope, sha256=sha256).exists()
    return plan


def importer_scope(user: AnyUser) -> str:
    """Whose natural keys: an admin's, or those of the (first) centre the operator runs."""
    return "admin" if is_platform_admin(user) else f"centre:{_centre_for(user)}"


def row_scope(plan: ImportPlan, row: CheckedRow) -> str:
    """A listing's external_ref is unique per owner organisation, an organisation's per importer."""
    if plan.kind == "listings":
        return f"org:{row.data['owner_organisation_id']}"
    return plan.scope


def _unknown_rows(plan: ImportPlan) -> list[CheckedRow]:
    known = set(
        ImportedObject.objects.filter(
            kind=plan.kind,
            scope__in={row_scope(plan, row) for row in plan.rows},
            external_ref__in=[row.external_ref for row in plan.rows],
        ).values_list("scope", "external_ref")
    )
    return [row for row in plan.rows if (row_scope(plan, row), row.external_ref) not in known]


def _centre_for(user: AnyUser) -> int | None:
    centres = sorted(operated_centre_ids(user))
    return centres[0] if centres else None


def _create_organisations(plan: ImportPlan, *, user: AnyUser) -> list[int]:
    centre_id = _centre_for(user)
    organisations = []
    for row in plan.new_rows:
        organisation = Organisation(centre_id=centre_id, **row.data)
        organisation.search_text = searchable_text(
            organisation.name, organisation.short_name, organisation.city, organisation.region
        )
        organisations.append(organisation)
    bulk_insert(organisations)
    return [organisation.pk for organisation in organisations]


def _create_listings(plan: ImportPlan, *, user: User, now: datetime) -> list[int]:
    owners = Organisation.objects.in_bulk({row.data["owner_organisation_id"] for row in plan.new_rows})
    listings = []
    for row in plan.new_rows:
        values = dict(row.data)
        owner = owners[int(str(values.pop("owner_organisation_id")))]
        listing = Listing(owner_organisation=owner, status=ListingStatus.DRAFT, created_by=user, **values)
        fill_denormalised(listing)
        listings.append(listing)
    bulk_insert(listings)
    bulk_insert(
        [
            ListingTransition(
                listing=listing,
                action=ListingAction.CREATE,
                to_status=ListingStatus.DRAFT,
                actor=user,
                at=now,
            )
            for listing in listings
        ]
    )
    bump_search_revision()  # rows inserted without signals: managers' counts include drafts
    return [listing.pk for listing in listings]


def do_import(*, plan: ImportPlan, user: User, now: datetime) -> ImportBatch:
    """All rows in one transaction; a file imported before creates nothing (its batch is returned)."""
    same_file = ImportBatch.objects.filter(kind=plan.kind, scope=plan.scope, sha256=plan.sha256)
    try:
        return _import_rows(plan=plan, user=user, now=now, same_file=same_file)
    except IntegrityError:  # a concurrent import of the same file or rows won the race
        existing = same_file.first()
        if existing is None:
            raise
        return existing


def _import_rows(
    *, plan: ImportPlan, user: User, now: datetime, same_file: QuerySet[ImportBatch]
) -> ImportBatch:
    with transaction.atomic():
        existing = same_file.first()
        if existing is not None:
            return existing
        plan.new_rows = _unknown_rows(plan)
        batch = ImportBatch.objects.create(
            kind=plan.kind,
            scope=plan.scope,
            sha256=plan.sha256,
            filename=plan.filename,
            created_by=user,
            rows=len(plan.rows),
            created_at=now,
        )
        if plan.kind == "organisations":
            ids = _create_organisations(plan, user=user)
        else:
            ids = _create_listings(plan, user=user, now=now)
        bulk_insert(
            [
                ImportedObject(
                    kind=plan.kind,
                    scope=row_scope(plan, row),
                    external_ref=row.external_ref,
                    object_id=pk,
                    batch=batch,
                )
                for row, pk in zip(plan.new_rows, ids, strict=True)
            ]
        )
        batch.created = len(ids)
        batch.save(update_fields=["created"])
    return batch
