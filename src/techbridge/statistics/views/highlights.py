"""The highlights page: a broker marks their centre's cases for the annual report, with the
parties' consent; platform admins may mark any case. Everyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from techbridge.common.multilingual import localize
from techbridge.common.pages import current_user, page_of
from techbridge.statistics.access import (
    access_highlightable_case,
    check_marks_highlights,
    highlightable_cases,
)
from techbridge.statistics.domain.highlights import Highlight, do_set_highlight


@require_GET
@login_required
def highlights(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    check_marks_highlights(user)
    cases = highlightable_cases(user)
    chosen = request.GET.get("chosen") == "1"
    if chosen:
        cases = cases.filter(highlight_in_report=True)
    return render(
        request,
        "statistics/highlights.html",
        {
            "page": page_of(request, cases.select_related("centre").order_by("-last_activity_at", "-pk")),
            "chosen": chosen,
        },
    )


@require_POST
@login_required
def set_highlight(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_highlightable_case(current_user(request), pk)
    choice = do_set_highlight(
        case_id=case.pk,
        choice=Highlight(
            highlight=request.POST.get("highlight") == "on", consent=request.POST.get("consent") == "on"
        ),
    )
    title = str(localize(case.title))
    if choice.shown_in_report:
        messages.success(request, _("“%(case)s” will be shown in the annual report.") % {"case": title})
    elif choice.highlight:
        messages.warning(
            request,
            _("“%(case)s” is chosen, but stays out of the annual report until the parties agree.")
            % {"case": title},
        )
    else:
        messages.info(request, _("“%(case)s” is not shown in the annual report.") % {"case": title})
    return redirect("statistics:highlights")
