"""Market endpoints: listings and expressions of interest, through the same access funnel as the pages.

Incremental sync for partner platforms: GET /listings/sync?modified_since=...&cursor=... returns
listings ordered by (updated_at, id) with an opaque cursor; repeat with `next_cursor` until null.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply
from ninja.errors import HttpError
from ninja.pagination import paginate

from techbridge.api.auth import READ, READ_OPENAPI, WRITE
from techbridge.api.pagination import BoundedPageNumberPagination
from techbridge.api.schemas import ErrorOut, InputSchema
from techbridge.common.multilingual import clean_translations
from techbridge.common.sanitize import reject_html, sanitize_html
from techbridge.common.validation import check_plain_texts, parse_moment
from techbridge.directory.models import Industry, Organisation, TechnologyField
from techbridge.market.access import (
    access_interest,
    access_listing,
    find_listings,
    interest_parties,
    listing_roles,
    publishing_organisations,
    visible_interests,
)
from techbridge.market.domain.interests import InterestError, check_interest_action, check_send_interest
from techbridge.market.domain.lifecycle import ListingActionError, check_listing_action
from techbridge.market.domain.listing_rules import (
    BOUNDS,
    DATE_FIELDS,
    PLAIN_TEXT_FIELDS,
    check_listing_fields,
    check_related_choices,
)
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.domain.search import ListingFilters
from techbridge.market.enums import ListingKind, ListingStatus
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge_core.market.interest import InterestAction
from techbridge_core.market.lifecycle import Action, Role, Status, can_edit

router = Router(tags=["market"])
NO_MATCH = -1
SYNC_MAX_LIMIT = 200
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # cursors count whole microseconds from here: exact
TEXT_LIMITS = {
    "title": 256,
    "summary": 500,
    "description": 4000,
    "advantages": 2000,
    "technical_specification": 4000,
}
RICH = {"description", "technical_specification"}
RELATED = ("technology_fields", "industries", "shared_with")
LISTING_RULE_FIELDS = (
    *PLAIN_TEXT_FIELDS, *DATE_FIELDS, *(name for pair in BOUNDS for name in pair), "visibility",
)  # fmt: skip


class OwnerOut(Schema):
    id: int
    name: dict[str, str]


class ListingOut(Schema):
    id: int
    url: str
    kind: str
    status: str
    visibility: str
    anonymous: bool
    open_for_interest: bool
    title: dict[str, str]
    summary: dict[str, str]
    description: dict[str, str]
    technology_fields: list[str] = Field(description="OECD FORD codes")
    industries: list[str] = Field(description="NACE Rev. 2 section codes")
    keywords: list[str]
    target_countries: list[str]
    target_regions: str
    partnership_types: list[str]
    owner: OwnerOut | None = Field(description="Null when the owner is anonymous to the caller")
    centre: str | None
    country: str
    stage: str
    trl: int | None
    ipr_status: str
    patent_numbers: str
    advantages: dict[str, str]
    price_terms: str
    technical_specification: dict[str, str]
    budget_min: int | None
    budget_max: int | None
    deadline: date | None
    programme: str
    call_id: str
    call_deadline: date | None
    call_budget: int | None
    ticket_min: int | None
    ticket_max: int | None
    investment_stages: list[str]
    service_kind: str
    published_at: datetime | None
    expires_at: datetime | None
    updated_at: datetime

    @staticmethod
    def resolve_url(listing: Any) -> str:
        return f"/market/listings/{listing.pk}/"

    @staticmethod
    def resolve_technology_fields(listing: Any) -> list[str]:
        return [field.code for field in listing.technology_fields.all()]

    @staticmethod
    def resolve_industries(listing: Any) -> list[str]:
        return [industry.code for industry in listing.industries.all()]

    @staticmethod
    def resolve_owner(listing: Any) -> dict[str, Any] | None:
        if not getattr(listing, "owner_visible", False):
            return None
        return {"id": listing.owner_organisation_id, "name": listing.owner_organisation.name}

    @staticmethod
    def resolve_centre(listing: Any) -> str | None:
        return listing.centre.slug if listing.centre_id else None


class ListingQuery(InputSchema):
    q: str = ""
    kind: str = ""
    status: str = Field("published", description="A status, or 'any' for every status the caller may see")
    field: str = ""
    industry: str = ""
    country: str = ""
    stage: str = ""
    trl_min: int | None = Field(None, ge=1, le=9)
    ipr_status: str = ""
    partnership_type: str = ""
    language: str = ""
    sort: str = "relevance"


class ListingIn(InputSchema):
    kind: str
    owner_organisation: int
    title: dict[str, str]
    summary: dict[str, str]
    description: dict[str, str] = {}
    visibility: str = "public"
    anonymous: bool = False
    open_for_interest: bool = True
    technology_fields: list[str] = Field([], description="OECD FORD codes of fields of research")
    industries: list[str] = Field([], description="NACE Rev. 2 section codes")
    shared_with: list[int] = Field(
        [], description="Ids of the organisations a confidential listing is shared with"
    )
    keywords: list[str] = []
    target_countries: list[str] = []
    target_regions: str = Field("", max_length=200)
    partnership_types: list[str] = []
    stage: str = ""
    trl: int | None = Field(None, ge=1, le=9)
    ipr_status: str = ""
    patent_numbers: str = Field("", max_length=300)
    advantages: dict[str, str] = {}
    price_terms: str = ""
    technical_specification: dict[str, str] = {}
    budget_min: int | None = Field(None, ge=0)
    budget_max: int | None = Field(None, ge=0)
    deadline: date | None = None
    programme: str = Field("", max_length=200)
    call_id: str = Field("", max_length=100)
    call_deadline: date | None = None
    call_budget: int | None = Field(None, ge=0)
    ticket_min: int | None = Field(None, ge=0)
    ticket_max: int | None = Field(None, ge=0)
    investment_stages: list[str] = []
    service_kind: str = ""


class ListingPatch(InputSchema):
    title: dict[str, str] | None = None
    summary: dict[str, str] | None = None
    description: dict[str, str] | None = None
    visibility: str | None = None
    anonymous: bool | None = None
    open_for_interest: bool | None = None
    keywords: list[str] | None = None
    target_countries: list[str] | None = None
    partnership_types: list[str] | None = None
    technology_fields: list[str] | None = None
    shared_with: list[int] | None = None
    stage: str | None = None
    trl: int | None = Field(None, ge=1, le=9)
    deadline: date | None = None


class ActionIn(InputSchema):
    action: str
    reason: str = Field("", max_length=2000)


class TransitionOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str | None
    reason: str
    at: datetime

    @staticmethod
    def resolve_actor(entry: Any) -> str | None:
        return entry.actor.display_name if entry.actor_id else None


class SyncQuery(InputSchema):
    modified_since: str | None = Field(
        None, description="ISO 8601 date-time", json_schema_extra={"format": "date-time"}
    )
    cursor: str = Field(
        "", pattern=r"^([0-9]{1,16}-[0-9]{1,18})?$", description="next_cursor of the previous page"
    )
    limit: int = Field(100, ge=1, le=SYNC_MAX_LIMIT)


class SyncPage(Schema):
    items: list[ListingOut]
    next_cursor: str | None


class InterestOut(Schema):
    id: UUID = Field(alias="public_id")
    url: str
    listing_id: int
    status: str
    message: str
    intended_use: str
    capacity: str
    timeline: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_url(interest: Any) -> str:
        return f"/market/interests/{interest.public_id}/"


class InterestIn(InputSchema):
    message: str = Field(max_length=4000)
    intended_use: str = Field("", max_length=2000)
    capacity: str = Field("", max_length=2000)
    timeline: str = Field("", max_length=200)
    organisation: int | None = None


class InterestPatch(InputSchema):
    message: str | None = Field(None, max_length=4000)
    intended_use: str | None = Field(None, max_length=2000)
    capacity: str | None = Field(None, max_length=2000)
    timeline: str | None = Field(None, max_length=200)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _ids(model: Any, codes: str | list[str]) -> tuple[int, ...]:
    wanted = [codes] if isinstance(codes, str) else codes
    if not wanted or wanted == [""]:
        return ()
    found = tuple(model.objects.filter(code__in=wanted).values_list("pk", flat=True))
    return found or (NO_MATCH,)


def _filters(query: ListingQuery, **extra: Any) -> ListingFilters:
    statuses: tuple[str, ...] = () if query.status == "any" else (query.status,)
    return ListingFilters(
        q=query.q,
        kinds=(query.kind,) if query.kind else (),
        statuses=statuses,
        field_ids=_ids(TechnologyField, query.field),
        industry_ids=_ids(Industry, query.industry),
        country=query.country,
        stage=query.stage,
        trl_min=query.trl_min,
        ipr_status=query.ipr_status,
        partnership_type=query.partnership_type,
        language=query.language,
        sort=query.sort,
        **extra,
    )


@router.get(
    "/listings",
    response={200: list[ListingOut], 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_listings(request: HttpRequest, filters: Query[ListingQuery]) -> Any:
    return find_listings(_user(request), _filters(filters))


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    """`<microseconds since the epoch>-<id>` of the last listing of the previous page."""
    micros, pk = cursor.split("-")
    return EPOCH + timedelta(microseconds=int(micros)), int(pk)


def _encode_cursor(listing: Listing) -> str:
    return f"{(listing.updated_at - EPOCH) // timedelta(microseconds=1)}-{listing.pk}"


def _parse_since(value: str | None) -> datetime | None:
    """ISO 8601 only (pydantic would also take a bare number as a Unix time)."""
    if value is None:
        return None
    try:
        parsed = parse_moment(value)
    except ValidationError as error:
        raise HttpError(422, "modified_since: " + " ".join(error.messages)) from error
    return timezone.make_aware(parsed, UTC) if timezone.is_naive(parsed) else parsed


@router.get(
    "/listings/sync",
    response={200: SyncPage, 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def sync_listings(request: HttpRequest, params: Query[SyncQuery]) -> Any:
    """Every listing the caller may see (any status), changed since `modified_since`, oldest change first."""
    since = _parse_since(params.modified_since)
    cursor, size = params.cursor, params.limit
    listings = find_listings(
        _user(request), ListingFilters(statuses=(), modified_since=since, sort="updated")
    ).order_by("updated_at", "id")
    if cursor:
        stamp, pk = _decode_cursor(cursor)
        listings = listings.filter(Q(updated_at__gt=stamp) | Q(updated_at=stamp, id__gt=pk))
    items = list(listings[: size + 1])
    next_cursor = _encode_cursor(items[size - 1]) if len(items) > size else None
    return {"items": items[:size], "next_cursor": next_cursor}


@router.get(
    "/listings/{listing_id}",
    response={200: ListingOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_listing(request: HttpRequest, listing_id: int) -> Any:
    return _fetch(request, listing_id)


def _fetch(request: HttpRequest, listing_id: int) -> Listing:
    return _refetch(request, access_listing(_user(request), listing_id))


def _refetch(request: HttpRequest, listing: Listing) -> Listing:
    """The listing as lists show it: owner visibility annotated, related rows prefetched."""
    return find_listings(_user(request), ListingFilters(statuses=())).get(pk=listing.pk)


def _texts(name: str, value: dict[str, str]) -> dict[str, str]:
    try:
        texts = clean_translations(value)
        for text in texts.values():
            if len(text) > TEXT_LIMITS[name]:
                raise ValidationError(
                    _("At most %(limit)d characters per language."), params={"limit": TEXT_LIMITS[name]}
                )
            if name not in RICH:
                reject_html(text)
    except ValidationError as error:
        raise ValidationError({name: error.messages}) from error
    return {code: sanitize_html(text) for code, text in texts.items()} if name in RICH else texts


def _apply(listing: Listing, changes: dict[str, Any]) -> dict[str, Any]:
    """Copy plain fields onto the listing; return the many-to-many ones (checked) for do_save_listing."""
    for name, value in changes.items():
        if name in TEXT_LIMITS:
            setattr(listing, name, _texts(name, value or {}))
        elif name not in RELATED and name != "owner_organisation":
            setattr(listing, name, value)
    return check_related_choices(**{name: changes[name] for name in RELATED if name in changes})


def _save(request: HttpRequest, listing: Listing, related: dict[str, Any]) -> Listing:
    """The form's rules (market/domain/listing_rules.py) and the model's; a refusal is a 422 per field."""
    shared_with = related.get("shared_with", list(listing.shared_with.all()) if listing.pk else [])
    values = {name: getattr(listing, name) for name in LISTING_RULE_FIELDS}
    check_listing_fields(values, shared_with=shared_with)
    listing.full_clean(exclude=["owner_organisation", "centre", "contact_person", "created_by", "country"])
    with transaction.atomic():
        do_save_listing(listing=listing, actor=_user(request), now=timezone.now(), **related)
    return _refetch(request, listing)


@router.post(
    "/listings",
    response={201: ListingOut, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def create_listing(request: HttpRequest, payload: ListingIn) -> Any:
    user = _user(request)
    if payload.kind not in ListingKind.values:
        raise HttpError(422, "Unknown listing type")
    owner = publishing_organisations(user).filter(pk=payload.owner_organisation).first()
    if owner is None:
        raise HttpError(422, "You may not publish for this organisation")
    listing = Listing(owner_organisation=owner, kind=payload.kind)
    return Reply(201, _save(request, listing, _apply(listing, payload.dict())))


@router.patch(
    "/listings/{listing_id}",
    response={200: ListingOut, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def update_listing(request: HttpRequest, listing_id: int, payload: ListingPatch) -> Any:
    user = _user(request)
    listing = access_listing(user, listing_id, for_edit=True)
    if not can_edit(status=Status(listing.status), roles=listing_roles(user, listing)):
        raise HttpError(422, "This listing cannot be edited in its current status")
    return _save(request, listing, _apply(listing, payload.dict(exclude_unset=True)))


@router.delete(
    "/listings/{listing_id}",
    response={204: None, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def delete_listing(request: HttpRequest, listing_id: int) -> Any:
    user = _user(request)
    listing = access_listing(user, listing_id, for_edit=True)
    if listing.status != ListingStatus.DRAFT or Role.OWNER not in listing_roles(user, listing):
        raise HttpError(422, "Only the owner's drafts can be deleted; withdraw a submitted listing instead")
    listing.delete()
    return Reply(204, None)


@router.post(
    "/listings/{listing_id}/actions",
    response={200: ListingOut, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def act_on_listing(request: HttpRequest, listing_id: int, payload: ActionIn) -> Any:
    user = _user(request)
    listing = access_listing(user, listing_id, for_edit=True)
    if payload.action not in {action.value for action in Action}:
        raise HttpError(422, "Unknown action")
    try:
        check_listing_action(
            listing=listing,
            action=Action(payload.action),
            actor=user,
            roles=listing_roles(user, listing),
            reason=payload.reason,
            now=timezone.now(),
        )
    except ListingActionError as error:
        raise HttpError(422, error.message) from error
    return _refetch(request, listing)


@router.get(
    "/listings/{listing_id}/history",
    response={200: list[TransitionOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def listing_history(request: HttpRequest, listing_id: int) -> Any:
    listing = access_listing(_user(request), listing_id, for_edit=True)
    return list(listing.transitions.select_related("actor"))


def _interests(request: HttpRequest) -> QuerySet[ExpressionOfInterest]:
    return visible_interests(_user(request)).select_related("listing")


@router.get(
    "/interests",
    response={200: list[InterestOut], 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_interests(request: HttpRequest, status: str = "") -> Any:
    interests = _interests(request)
    return interests.filter(status=status) if status else interests


@router.post(
    "/listings/{listing_id}/interests",
    response={201: InterestOut, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def create_interest(request: HttpRequest, listing_id: int, payload: InterestIn) -> Any:
    user = _user(request)
    listing = access_listing(user, listing_id)
    organisation = None
    if payload.organisation is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation, memberships__user=user).first()
        if organisation is None:
            raise HttpError(422, "You are not a member of this organisation")
    check_plain_texts(payload.dict(include={"message", "intended_use", "capacity", "timeline"}))
    try:
        interest = check_send_interest(
            listing=listing,
            sender=user,
            sender_organisation=organisation,
            sender_is_owner=Role.OWNER in listing_roles(user, listing) and not user.is_superuser,
            message=payload.message,
            intended_use=payload.intended_use,
            capacity=payload.capacity,
            timeline=payload.timeline,
            now=timezone.now(),
        )
    except InterestError as error:
        raise HttpError(422, error.message) from error
    return Reply(201, interest)


@router.get(
    "/interests/{public_id}",
    response={200: InterestOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_interest(request: HttpRequest, public_id: UUID) -> Any:
    return access_interest(_user(request), public_id)


@router.patch(
    "/interests/{public_id}",
    response={200: InterestOut, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def update_interest(request: HttpRequest, public_id: UUID, payload: InterestPatch) -> Any:
    interest = access_interest(_user(request), public_id)
    if interest.sender_id != _user(request).pk or interest.status != "sent":
        raise HttpError(
            422, "Only the sender can change an expression of interest, and only before it is answered"
        )
    changes = payload.dict(exclude_unset=True)
    check_plain_texts(changes)
    for name, value in changes.items():
        setattr(interest, name, (value or "").strip())
    if not interest.message:
        raise HttpError(422, "Please write a message.")
    interest.save()
    return interest


@router.delete(
    "/interests/{public_id}",
    response={204: None, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def delete_interest(request: HttpRequest, public_id: UUID) -> Any:
    interest = access_interest(_user(request), public_id)
    if interest.sender_id != _user(request).pk or interest.status != "sent":
        raise HttpError(
            422, "Only the sender can delete an expression of interest, and only before it is answered"
        )
    interest.delete()
    return Reply(204, None)


@router.post(
    "/interests/{public_id}/actions",
    response={200: InterestOut, 404: ErrorOut, 422: ErrorOut, 401: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def act_on_interest(request: HttpRequest, public_id: UUID, payload: ActionIn) -> Any:
    user = _user(request)
    interest = access_interest(user, public_id)
    if payload.action not in {action.value for action in InterestAction}:
        raise HttpError(422, "Unknown action")
    try:
        check_interest_action(
            interest=interest,
            action=InterestAction(payload.action),
            actor=user,
            parties=interest_parties(user, interest),
            comment=payload.reason,
            now=timezone.now(),
        )
    except InterestError as error:
        raise HttpError(422, error.message) from error
    return interest
