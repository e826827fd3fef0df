"""Instruments endpoints: catalogue, availability and bookings, through the same access funnel and
domain functions as the pages. Refusals answer 409 (time taken) or 422 (rules), each with the
reasons (codes, parameters, a message in the caller's language) and the nearest free windows."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from techbridge.api.auth import READ, READ_OPENAPI, WRITE
from techbridge.api.pagination import BoundedPageNumberPagination
from techbridge.api.schemas import ErrorOut, InputSchema
from techbridge.common.validation import check_plain_texts
from techbridge.instruments.access import (
    access_booking,
    access_instrument,
    visible_bookings,
    visible_instruments,
)
from techbridge.instruments.domain.availability import availability
from techbridge.instruments.domain.booking import (
    BookingAsk,
    BookingRefused,
    BookingStateError,
    check_cancel_booking,
    check_create_booking,
    check_decide_booking,
)
from techbridge.instruments.domain.catalogue import InstrumentFilters, filter_instruments
from techbridge.instruments.domain.messages import refusal_text, state_text
from techbridge.instruments.enums import BookingMode
from techbridge.instruments.models import Booking, InstrumentCategory, SubsidyScheme

router = Router(tags=["instruments"])


class CategoryOut(Schema):
    code: str
    name: dict[str, str]
    parent: str | None

    @staticmethod
    def resolve_parent(category: Any) -> str | None:
        return category.parent.code if category.parent_id else None


class RateOut(Schema):
    category: str
    unit: str
    price: str

    @staticmethod
    def resolve_price(rate: Any) -> str:
        return str(rate.price)


class InstrumentOut(Schema):
    id: int
    name: dict[str, str] = Field(description="One text per language code: en, zh-hans, hu")
    model: str = Field(alias="model_number")
    manufacturer: str
    category: str = Field(description="Code of the national classification of large instruments")
    organisation_id: int
    facility: dict[str, str]
    time_zone: str
    location: str
    status: str
    description: dict[str, str]
    parameters: dict[str, str]
    services: dict[str, str]
    sample_requirements: dict[str, str]
    capacity: int
    granularity_minutes: int
    min_duration_minutes: int
    max_duration_minutes: int | None
    self_service_allowed: bool
    operated_available: bool
    required_qualification: str
    currency: str
    rates: list[RateOut]

    @staticmethod
    def resolve_category(instrument: Any) -> str:
        return str(instrument.category.code)

    @staticmethod
    def resolve_organisation_id(instrument: Any) -> int:
        return int(instrument.facility.organisation_id)

    @staticmethod
    def resolve_facility(instrument: Any) -> dict[str, str]:
        return dict(instrument.facility.name)

    @staticmethod
    def resolve_time_zone(instrument: Any) -> str:
        return str(instrument.facility.time_zone)

    @staticmethod
    def resolve_rates(instrument: Any) -> list[Any]:
        return list(instrument.rates.all())


class InstrumentQuery(InputSchema):
    q: str = ""
    category: str = ""
    organisation: int | None = None
    country: str = ""
    status: str = ""


class AvailabilityQuery(InputSchema):
    start: datetime = Field(description="ISO 8601; without an offset it is the instrument's local time")
    end: datetime


class Window(Schema):
    start: datetime
    end: datetime


class AvailabilityOut(Schema):
    instrument_id: int
    time_zone: str
    start: datetime
    end: datetime
    full: list[Window] = Field(description="Every unit is booked (pending bookings included)")
    free: list[Window] = Field(description="Open, no maintenance, not full")


class BookingIn(InputSchema):
    instrument_id: int
    start: datetime = Field(description="ISO 8601; without an offset it is the instrument's local time")
    end: datetime
    mode: str = BookingMode.SELF_SERVICE.value
    samples: int = Field(0, ge=0, le=10_000)
    purpose: str = Field("", max_length=500)
    scheme: str | None = Field(None, description="Slug of a subsidy scheme")


class BookingOut(Schema):
    id: int
    instrument_id: int
    start: datetime
    end: datetime
    status: str
    mode: str
    category: str
    samples: int
    checked_in_at: datetime | None
    checked_out_at: datetime | None


class ReasonOut(Schema):
    code: str
    message: str
    params: dict[str, Any]


class RefusalOut(Schema):
    detail: str
    reasons: list[ReasonOut]
    suggestions: list[Window]
    may_join_waiting_list: bool


class DecisionIn(InputSchema):
    note: str = Field("", max_length=500)


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _instruments(user: Any) -> QuerySet[Any]:
    return visible_instruments(user).select_related("facility", "category").prefetch_related("rates")


@router.get(
    "/instrument-categories",
    response={200: list[CategoryOut], 401: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def list_categories(request: HttpRequest) -> Any:
    return InstrumentCategory.objects.select_related("parent").order_by("code")


@router.get(
    "/instruments",
    response={200: list[InstrumentOut], 401: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_instruments(request: HttpRequest, filters: Query[InstrumentQuery]) -> Any:
    criteria = InstrumentFilters(
        q=filters.q,
        category=filters.category,
        organisation_id=filters.organisation,
        country=filters.country,
        status=filters.status,
    )
    return filter_instruments(_instruments(_user(request)), criteria).prefetch_related("rates")


@router.get(
    "/instruments/{instrument_id}",
    response={200: InstrumentOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_instrument(request: HttpRequest, instrument_id: int) -> Any:
    access_instrument(_user(request), instrument_id)
    return _instruments(_user(request)).get(pk=instrument_id)


@router.get(
    "/instruments/{instrument_id}/availability",
    response={200: AvailabilityOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def get_availability(request: HttpRequest, instrument_id: int, span: Query[AvailabilityQuery]) -> Any:
    instrument = access_instrument(_user(request), instrument_id)
    zone = ZoneInfo(instrument.facility.time_zone)
    start, end = _aware(span.start, zone), _aware(span.end, zone)
    if end <= start:
        raise HttpError(422, "end must be after start")
    found = availability(instrument, start=start, end=end)
    return {
        "instrument_id": instrument.pk,
        "time_zone": instrument.facility.time_zone,
        "start": found.span.start,
        "end": found.span.end,
        "full": [{"start": w.start, "end": w.end} for w in found.full],
        "free": [{"start": w.start, "end": w.end} for w in found.free],
    }


def _aware(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=zone)


def _refusal(refused: BookingRefused, zone: ZoneInfo) -> dict[str, Any]:
    reasons = [
        {
            "code": r.code,
            "message": refusal_text(r.code, r.params, zone=zone),
            "params": {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in r.params.items()},
        }
        for r in refused.refusals
    ]
    return {
        "detail": "; ".join(str(reason["message"]) for reason in reasons),
        "reasons": reasons,
        "suggestions": [{"start": w.start, "end": w.end} for w in refused.suggestions],
        "may_join_waiting_list": refused.may_wait,
    }


@router.get(
    "/bookings", response={200: list[BookingOut], 401: ErrorOut, 422: ErrorOut, 403: ErrorOut}, auth=WRITE
)
@paginate(BoundedPageNumberPagination, page_size=25)
def list_bookings(request: HttpRequest) -> Any:
    """The caller's bookings and those of the facilities they manage, newest first."""
    return visible_bookings(_user(request)).order_by("-start", "-id")


@router.get(
    "/bookings/{booking_id}",
    response={200: BookingOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def get_booking(request: HttpRequest, booking_id: int) -> Any:
    return access_booking(_user(request), booking_id)


@router.post(
    "/bookings",
    response={
        201: BookingOut,
        401: ErrorOut,
        404: ErrorOut,
        409: RefusalOut,
        422: RefusalOut | ErrorOut,
        403: ErrorOut,
    },
    auth=WRITE,
)
def create_booking(request: HttpRequest, payload: BookingIn) -> Any:
    user = _user(request)
    instrument = access_instrument(user, payload.instrument_id)
    zone = ZoneInfo(instrument.facility.time_zone)
    if payload.mode not in BookingMode.values:
        raise HttpError(422, "mode must be self_service or operated")
    check_plain_texts({"purpose": payload.purpose})  # the booking form's rule
    scheme = None
    if payload.scheme:
        scheme = SubsidyScheme.objects.filter(slug=payload.scheme).first()
        if scheme is None:
            raise HttpError(422, "unknown subsidy scheme")
    ask = BookingAsk(
        instrument=instrument,
        user=user,
        start=_aware(payload.start, zone),
        end=_aware(payload.end, zone),
        mode=payload.mode,
        samples=payload.samples,
        purpose=payload.purpose,
        scheme=scheme,
    )
    try:
        booking = check_create_booking(ask)
    except BookingRefused as refused:
        return Status(409 if refused.conflict else 422, _refusal(refused, zone))
    return Status(201, booking)


def _change(request: HttpRequest, booking_id: int, *, for_manage: bool, action: Any) -> Any:
    booking = access_booking(_user(request), booking_id, for_manage=for_manage)
    try:
        return action(booking)
    except BookingStateError as error:
        raise HttpError(409, state_text(error.code)) from error


@router.post(
    "/bookings/{booking_id}/cancel",
    response={200: BookingOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def cancel_booking(request: HttpRequest, booking_id: int) -> Any:
    user = _user(request)
    booking = access_booking(user, booking_id)
    if booking.user_id != user.pk:
        access_booking(user, booking_id, for_manage=True)
    return _change(request, booking_id, for_manage=False, action=lambda b: check_cancel_booking(booking=b))


@router.post(
    "/bookings/{booking_id}/approve",
    response={200: BookingOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def approve_booking(request: HttpRequest, booking_id: int, payload: DecisionIn) -> Any:
    return _decide(request, booking_id, payload, approve=True)


@router.post(
    "/bookings/{booking_id}/reject",
    response={200: BookingOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 403: ErrorOut},
    auth=WRITE,
)
def reject_booking(request: HttpRequest, booking_id: int, payload: DecisionIn) -> Any:
    return _decide(request, booking_id, payload, approve=False)


def _decide(request: HttpRequest, booking_id: int, payload: DecisionIn, *, approve: bool) -> Any:
    """A facility manager's answer to a booking request, under the decision form's rules."""
    manager = _user(request)
    check_plain_texts({"note": payload.note})
    return _change(
        request,
        booking_id,
        for_manage=True,
        action=lambda b: check_decide_booking(booking=b, manager=manager, approve=approve, note=payload.note),
    )


__all__ = ["Booking", "router"]
