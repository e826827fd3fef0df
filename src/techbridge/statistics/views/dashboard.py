"""Dashboards for brokers, officials and administrators; the records behind a number."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from techbridge.common.pages import current_user, page_of
from techbridge.directory.models import Centre, TechnologyField
from techbridge.events.models import Event
from techbridge.statistics.access import DRILLABLE, check_reads_dashboards, may_drill, records_behind
from techbridge.statistics.domain.charts import bar_chart, column_chart
from techbridge.statistics.domain.dashboard import (
    build_dashboard,
    centre_label,
    indicator_name,
    month_names,
)
from techbridge.statistics.domain.scope import Scope, ScopeError, parse_scope
from techbridge.statistics.roles import sees_small_groups
from techbridge_core.analytics import Suppressed, indicator


def filter_choices() -> dict[str, Any]:
    return {
        "centres": Centre.objects.order_by("slug"),
        "fields": TechnologyField.objects.order_by("code"),
        "events": Event.objects.order_by("-starts_on")[:50],
    }


def _charts(board: Any) -> dict[str, Any]:
    funnel_rows = [(board.funnel_names[stage.code], float(stage.count)) for stage in board.funnel]
    months = month_names()
    return {
        "funnel_chart": bar_chart(funnel_rows, title=_("The cooperation funnel")),
        "trend_charts": [
            (
                indicator_name(indicator(code)),
                column_chart(
                    list(zip(months, counts, strict=True)),
                    title=indicator_name(indicator(code)),
                    compare=board.previous_months[code],
                ),
                list(zip(months, counts, board.previous_months[code], strict=True)),
            )
            for code, counts in board.months.items()
        ],
        "country_chart": bar_chart(
            [
                (row.label, float(row.value))
                for row in board.countries[:15]
                if not isinstance(row.value, Suppressed)
            ],
            title=_("Partner countries"),
        ),
    }


@require_GET
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    check_reads_dashboards(user)
    context: dict[str, Any] = {"params": request.GET, **filter_choices()}
    try:
        scope = parse_scope(request.GET)
    except ScopeError as error:
        context["scope_error"] = error
        return render(request, "statistics/dashboard.html", context, status=400)
    board = build_dashboard(scope, suppress_small=not sees_small_groups(user))
    context.update(
        {
            "scope": scope,
            "scope_label": centre_label(scope.centre),
            "board": board,
            "drillable": {code for code in DRILLABLE if may_drill(user, scope, code)},
            "query": scope.as_query(),
            **_charts(board),
        }
    )
    return render(request, "statistics/dashboard.html", context)


@require_GET
@login_required
def records(request: HttpRequest, code: str) -> HttpResponse:
    user = current_user(request)
    check_reads_dashboards(user)
    try:
        scope: Scope = parse_scope(request.GET)
    except ScopeError as error:
        return render(request, "statistics/records.html", {"scope_error": error}, status=400)
    rows = records_behind(user, scope, code)
    return render(
        request,
        "statistics/records.html",
        {
            "scope": scope,
            "scope_label": centre_label(scope.centre),
            "code": code,
            "name": indicator_name(indicator(code)),
            "page": page_of(request, rows.order_by("-pk")),
            "total": rows.count(),
            "query": scope.as_query(),
        },
    )
