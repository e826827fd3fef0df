"""Dashboards for brokers, officials and administrators; the records behind a number."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from techbridge.common.multilingual import localize
from techbridge.common.pages import current_user, page_of
from techbridge.directory.models import Centre, TechnologyField
from techbridge.events.models import Event
from techbridge.statistics.access import DRILLABLE, check_reads_dashboards, may_drill, records_behind
from techbridge.statistics.domain.aggregates import reading
from techbridge.statistics.domain.charts import bar_chart, column_chart
from techbridge.statistics.domain.dashboard import (
    build_dashboard,
    centre_label,
    indicator_name,
    month_names,
)
from techbridge.statistics.domain.figures import CACHE_SECONDS
from techbridge.statistics.domain.scope import Scope, ScopeError, parse_scope
from techbridge.statistics.roles import sees_small_groups
from techbridge_core.analytics import Suppressed, indicator


def _options(choices: list[tuple[str, str]], chosen: str) -> SafeString:
    """<option>s of a filter (values and labels escaped once, when the choices were read), the
    chosen one selected."""
    chosen = escape(chosen)
    return SafeString(
        "".join(
            f'<option value="{value}"{" selected" if value == chosen else ""}>{label}</option>'
            for value, label in choices
        )
    )


def _choices() -> dict[str, list[tuple[str, str]]]:
    """The filters' choices in the reader's language, escaped, kept a minute (a new centre, field or
    event appears in the filters within it; the figures themselves are never cached this way)."""
    key = f"statistics-filter-choices:{get_language()}"
    found: dict[str, list[tuple[str, str]]] | None = cache.get(key)
    if found is None:
        found = {
            "centre": [
                (centre.slug, str(localize(centre.name))) for centre in Centre.objects.order_by("slug")
            ],
            "field": [(field.code, str(field)) for field in TechnologyField.objects.order_by("code")],
            "event": [
                (event.slug, str(localize(event.title)))
                for event in Event.objects.order_by("-starts_on").only("slug", "title")[:50]
            ],
        }
        found = {
            name: [(escape(value), escape(label)) for value, label in rows] for name, rows in found.items()
        }
        cache.set(key, found, CACHE_SECONDS)
    return found


def filter_choices(params: Mapping[str, str]) -> dict[str, Any]:
    return {f"{name}_options": _options(rows, params.get(name, "")) for name, rows in _choices().items()}


def _rows(rows: Iterable[tuple[Any, ...]]) -> SafeString:
    """Table rows (a heading cell, then numbers) built here: the template language spent more on
    the ~150 cells of the monthly and country tables than the figures cost to read."""
    return format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                label,
                format_html_join("", '<td class="number">{}</td>', ((_shown(value),) for value in values)),
            )
            for label, *values in rows
        ),
    )


def _shown(value: Any) -> str:
    if isinstance(value, Suppressed):
        return f"< {value.minimum}"
    return str(formats.localize(value))


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
                _rows(zip(months, counts, board.previous_months[code], strict=True)),
            )
            for code, counts in board.months.items()
        ],
        "countries_rows": _rows((row.label, row.value) for row in board.countries),
        "fields_rows": _rows((row.label, row.value) for row in board.fields),
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
    context: dict[str, Any] = {"params": request.GET, **filter_choices(request.GET)}
    try:
        scope = parse_scope(request.GET)
    except ScopeError as error:
        context["scope_error"] = error
        return render(request, "statistics/dashboard.html", context, status=400)
    suppress = not sees_small_groups(user)
    drillable = {code for code in DRILLABLE if may_drill(user, scope, code)}
    with reading() as stamp:
        # The rendered figures, shared by every reader with the same scope, language and rights;
        # keyed by the aggregates' stamp, so a refresh is never hidden by them.
        key = ":".join(
            (
                "statistics-board",
                stamp,
                scope.key(),
                get_language() or "",
                str(suppress),
                ",".join(sorted(drillable)),
            )
        )
        board_html: str | None = cache.get(key)
        if board_html is None:
            board = build_dashboard(scope, suppress_small=suppress)
            query = urlencode(scope.as_query())
            board_context = {
                "scope": scope,
                "scope_label": centre_label(scope.centre),
                "board": board,
                "drillable": drillable,
                "query": scope.as_query(),
                # Links built once here rather than ~40 {% url %} tags in the template.
                "drill": {
                    code: f"{reverse('statistics:records', args=[code])}?{query}" for code in drillable
                },
                "exports": {
                    table: f"{reverse('statistics:export', args=[table])}?{query}"
                    for table in ("funnel", "indicators", "months", "countries", "fields")
                },
                **_charts(board),
            }
            board_html = render_to_string("statistics/_board.html", board_context, request=request)
            cache.set(key, board_html, CACHE_SECONDS)
    context.update({"scope": scope, "board_html": mark_safe(board_html)})
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
