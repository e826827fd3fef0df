"""Public results pages: the headline figures a centre or the alliance shows on its website, and
the same as a small page for a partner's iframe."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET

from techbridge.directory.models import Centre
from techbridge.statistics.domain.dashboard import centre_label, indicator_name
from techbridge.statistics.domain.figures import figures
from techbridge.statistics.domain.scope import Scope
from techbridge_core.analytics import indicator

HEADLINE = (
    "events_held",
    "participants",
    "participant_countries",
    "achievements_showcased",
    "meetings_held",
    "agreements_signed",
    "projects_signed",
    "implemented",
)

WIDGET_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "script-src": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": ["*"],
}


def _headline(centre: Centre | None) -> dict[str, Any]:
    year = timezone.localdate().year
    rows = []
    for offset in (0, 1):
        shown = figures(Scope(year=year - offset, centre=centre))
        rows.append(
            (year - offset, [(indicator_name(indicator(code)), shown[code].value) for code in HEADLINE])
        )
    return {"centre": centre, "scope_label": centre_label(centre), "years": rows}


def _centre(slug: str | None) -> Centre | None:
    return get_object_or_404(Centre, slug=slug) if slug else None


@require_GET
def results(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    return render(
        request,
        "statistics/results.html",
        {**_headline(_centre(slug)), "centres": Centre.objects.order_by("slug")},
    )


@require_GET
@xframe_options_exempt
@csp_override(WIDGET_CSP)
def widget(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    return render(request, "statistics/widget.html", _headline(_centre(slug)))
