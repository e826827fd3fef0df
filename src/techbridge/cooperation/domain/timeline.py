"""A case's timeline: every step from the first listing and the EOI to the last milestone, in order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from techbridge.common.multilingual import localize
from techbridge.cooperation.enums import AgreementStatus, CaseStage, ProjectStatus
from techbridge.cooperation.models import CaseTransition, CooperationCase


@dataclass(frozen=True)
class Step:
    at: datetime
    kind: str
    text: str
    url: str = ""
    reason: str = ""
    day_only: bool = False  # only the date is known (a milestone's met_on): shown without a time


def _day(value: object) -> datetime:
    return datetime.combine(value, time(), tzinfo=UTC)  # type: ignore[arg-type]


def case_timeline(case: CooperationCase) -> list[Step]:
    """The steps name no organisation, so an anonymous owner stays hidden. Loads the case's
    listings, history, agreements and projects once (a fixed number of queries however long the
    case's history), so `case.agreements.all()` and `case.projects.all()` cost nothing afterwards."""
    prefetch_related_objects(
        [case],
        "listings",
        Prefetch("transitions", queryset=CaseTransition.objects.select_related("actor")),
        "agreements__transitions",
        "projects__transitions",
        "projects__milestones",
        "technology_fields",
    )
    steps: list[Step] = []
    for listing in case.listings.all():
        if listing.published_at:
            steps.append(
                Step(
                    listing.published_at,
                    "listing",
                    _("Listing published: %(title)s") % {"title": localize(listing.title)},
                    f"/market/listings/{listing.pk}/",
                )
            )
    if case.interest is not None:
        steps.append(
            Step(
                case.interest.created_at,
                "interest",
                _("Expression of interest sent"),
                f"/market/interests/{case.interest.public_id}/",
            )
        )
    if case.showcase is not None:
        event = case.showcase.area.event
        steps.append(
            Step(
                case.showcase.presented_at or case.created_at,
                "showcase",
                _("Showcased at the exhibition of %(event)s") % {"event": localize(event.title)},
                f"/events/{event.slug}/exhibition/#showcase-{case.showcase.pk}",
            )
        )
    if case.meeting is not None and case.meeting.starts_at:
        steps.append(Step(case.meeting.starts_at, "meeting", _("B2B meeting: cooperation possible")))
    for entry in case.transitions.all():
        label = CaseStage(entry.to_stage).label
        who = entry.actor.display_name if entry.actor else ""
        text = _("Stage: %(stage)s") % {"stage": label} + (f" · {who}" if who else "")
        steps.append(Step(entry.at, "stage", text, reason=entry.reason))
    for agreement in case.agreements.all():
        for change in agreement.transitions.all():
            text = _("%(title)s: %(status)s") % {
                "title": localize(agreement.title),
                "status": AgreementStatus(change.to_status).label,
            }
            steps.append(
                Step(change.at, "agreement", text, f"/cooperation/agreements/{agreement.pk}/", change.reason)
            )
    for project in case.projects.all():
        for move in project.transitions.all():
            text = _("Project %(title)s: %(status)s") % {
                "title": localize(project.title),
                "status": ProjectStatus(move.to_status).label,
            }
            steps.append(Step(move.at, "project", text, f"/cooperation/projects/{project.pk}/", move.reason))
        # A milestone is met no earlier than its project exists: without this a milestone met on
        # the day the project started would sort at midnight, before the project and the EOI.
        project_began = min((move.at for move in project.transitions.all()), default=None)
        for milestone in project.milestones.all():
            if milestone.met_on:
                met = _day(milestone.met_on)
                steps.append(
                    Step(
                        max(met, project_began) if project_began else met,
                        "milestone",
                        _("Milestone met: %(title)s") % {"title": milestone.title},
                        f"/cooperation/projects/{project.pk}/",
                        day_only=True,
                    )
                )
    return sorted(steps, key=lambda step: step.at)
