"""The statistics app's funnel: dashboards for those who read them (404 for everyone else), and the
records behind a number only through each app's own visible querysets, so a drill-down never shows
a row its reader could not open in that app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from techbridge.cooperation.access import (
    brokered_cases,
    visible_agreements,
    visible_cases,
    visible_projects,
)
from techbridge.cooperation.models import CooperationCase
from techbridge.directory.roles import AnyUser
from techbridge.events.access import visible_events
from techbridge.market.access import visible_interests, visible_listings
from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.domain.sources import SOURCES, scoped
from techbridge.statistics.models import AnnualReport
from techbridge.statistics.roles import marks_highlights, reads_dashboards, sees_records

DRILLABLE: dict[str, Callable[[AnyUser], QuerySet[Any]]] = {
    "listings_published": visible_listings,
    "eois": visible_interests,
    "cases_opened": visible_cases,
    "agreements_signed": visible_agreements,
    "mous_signed": visible_agreements,
    "technology_contracts": visible_agreements,
    "projects_signed": visible_projects,
    "implemented": visible_projects,
    "events_held": visible_events,
}


def check_reads_dashboards(user: AnyUser) -> None:
    if not reads_dashboards(user):
        raise Http404


def may_drill(user: AnyUser, scope: Scope, code: str) -> bool:
    return code in DRILLABLE and sees_records(user, scope.centre.pk if scope.centre else None)


def records_behind(user: AnyUser, scope: Scope, code: str) -> QuerySet[Any]:
    """The rows counted by `code` in `scope` that the user may see; 404 for officials, for other
    centres' records and for indicators without records to list."""
    if not may_drill(user, scope, code):
        raise Http404
    counted = scoped(SOURCES[code], scope).values("pk")
    return DRILLABLE[code](user).filter(pk__in=counted)


def visible_reports(user: AnyUser) -> QuerySet[AnnualReport]:
    """Annual reports hold only aggregates: every dashboard reader may list and open them."""
    if not reads_dashboards(user):
        return AnnualReport.objects.none()
    return AnnualReport.objects.select_related("centre")


def access_report(user: AnyUser, pk: int) -> AnnualReport:
    report = visible_reports(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def check_marks_highlights(user: AnyUser) -> None:
    """The highlights page is for brokers (of a centre, even one without cases yet) and admins."""
    if not marks_highlights(user):
        raise Http404


def highlightable_cases(user: AnyUser) -> QuerySet[CooperationCase]:
    """Cases whose place in the annual report the user may set: the cases of the centres the user
    brokers (every case for platform admins). Officials and the parties set nothing."""
    if not user.is_authenticated:
        return CooperationCase.objects.none()
    return brokered_cases(user)


def access_highlightable_case(user: AnyUser, pk: int) -> CooperationCase:
    case = highlightable_cases(user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case
