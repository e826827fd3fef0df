"""Statistics endpoints: the cooperation funnel and every indicator for a scope (year, centre,
country, technology field, event), for officials, centre brokers and administrators. The numbers
are the dashboard's numbers for the same scope. Anonymous callers answer 401, signed-in callers who
read no dashboards 404; an impossible filter answers 422 with `{"field", "reason"}`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja import Status as Reply

from techbridge.api.auth import READ, READ_OPENAPI
from techbridge.api.schemas import ErrorOut
from techbridge.statistics.access import check_reads_dashboards
from techbridge.statistics.domain.figures import figures, funnel
from techbridge.statistics.domain.scope import Scope, ScopeError, parse_scope
from techbridge_core.analytics import INDICATORS

router = Router(tags=["statistics"])
RESPONSES: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ScopeIn(Schema):
    year: str = Field("", description="Calendar year, e.g. 2026 (default: this year)")
    centre: str = Field("", description="Slug of a centre (default: the whole alliance)")
    country: str = Field("", description="ISO 3166 alpha-2 country code")
    field: str = Field("", description="Code of a technology field (OECD)")
    event: str = Field("", description="Slug of an event")


class ScopeOut(Schema):
    year: int
    centre: str | None
    country: str | None
    field: str | None
    event: str | None


class FunnelStepOut(Schema):
    code: str = Field(description="e.g. listings_published, eois, ..., projects_signed, implemented")
    name: str = Field(description="The step's name in the caller's language")
    count: int
    conversion: float | None = Field(
        description="count / previous step's count; null for the first step or after 0"
    )
    median_days: float | None = Field(
        description="Median days from the previous step, for records that made both"
    )


class FunnelOut(Schema):
    scope: ScopeOut
    steps: list[FunnelStepOut]


class IndicatorOut(Schema):
    code: str
    group: str = Field(description="funnel, events, instruments or experts")
    unit: str = Field(description="count, amount or hours")
    name: str
    counts: str = Field(description="What is counted, in the caller's language")
    dated_by: str = Field(description="Which date places a record in the year")
    applicable: bool = Field(description="False when a filter of the scope does not apply to this indicator")
    value: float | None
    per_currency: dict[str, str] = Field(description="Amounts only: the sum per currency (decimal text)")
    confidential_left_out: int = Field(description="Amounts only: records whose amount is confidential")


class IndicatorsOut(Schema):
    scope: ScopeOut
    indicators: list[IndicatorOut]


def _scope_out(scope: Scope) -> dict[str, Any]:
    return {
        "year": scope.year,
        "centre": scope.centre.slug if scope.centre else None,
        "country": scope.country or None,
        "field": scope.field.code if scope.field else None,
        "event": scope.event.slug if scope.event else None,
    }


def _scope_or_refusal(request: HttpRequest, filters: ScopeIn) -> Scope | Reply[Any]:
    user = request.auth  # type: ignore[attr-defined]
    if not user.is_authenticated:
        return Reply(401, {"detail": "Authentication required"})
    check_reads_dashboards(user)
    try:
        return parse_scope(filters.dict())
    except ScopeError as error:
        return Reply(422, {"detail": [{"field": error.field, "reason": error.message}]})


def _number(value: int | Decimal) -> float:
    return float(value)


@router.get(
    "/statistics/funnel",
    response={200: FunnelOut, **RESPONSES},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def statistics_funnel(request: HttpRequest, filters: Query[ScopeIn]) -> Any:
    scope = _scope_or_refusal(request, filters)
    if not isinstance(scope, Scope):
        return scope
    language = translation.get_language() or "en"
    names = {item.code: item.name.in_language(language) for item in INDICATORS}
    steps = [
        {
            "code": stage.code,
            "name": names[stage.code],
            "count": stage.count,
            "conversion": stage.conversion,
            "median_days": stage.median_days,
        }
        for stage in funnel(scope)
    ]
    return {"scope": _scope_out(scope), "steps": steps}


@router.get(
    "/statistics/indicators",
    response={200: IndicatorsOut, **RESPONSES},
    auth=READ,
    openapi_extra=READ_OPENAPI,
)
def statistics_indicators(request: HttpRequest, filters: Query[ScopeIn]) -> Any:
    scope = _scope_or_refusal(request, filters)
    if not isinstance(scope, Scope):
        return scope
    language = translation.get_language() or "en"
    counted = figures(scope)
    rows = []
    for item in INDICATORS:
        figure = counted[item.code]
        rows.append(
            {
                "code": item.code,
                "group": str(item.group),
                "unit": str(item.unit),
                "name": item.name.in_language(language),
                "counts": item.counts.in_language(language),
                "dated_by": item.dated_by.in_language(language),
                "applicable": figure.applicable,
                "value": _number(figure.value) if figure.applicable else None,
                "per_currency": {currency: str(amount) for currency, amount in figure.per_currency.items()},
                "confidential_left_out": figure.confidential_left_out,
            }
        )
    return {"scope": _scope_out(scope), "indicators": rows}
