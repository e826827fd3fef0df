"""Project pages: status with dates, milestones (add, meet with evidence), reported figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.cooperation.access import access_attachment, access_milestone, access_project
from techbridge.cooperation.domain.projects import (
    check_add_milestone,
    check_meet_milestone,
    check_project_status,
    check_report_figure,
)
from techbridge.cooperation.forms import FigureForm, MeetMilestoneForm, MilestoneForm, ProjectStatusForm
from techbridge.cooperation.models import Project
from techbridge.cooperation.roles import case_roles
from techbridge.cooperation.views.common import attempt, now, signed_in


def _may_act(request: HttpRequest, project: Project) -> bool:
    return bool(case_roles(signed_in(request), project.case))


def _act(
    request: HttpRequest, project: Project, action: Callable[..., object], /, **terms: Any
) -> HttpResponse:
    """Do one of the project's domain actions as the signed-in user, then show the project again
    (with the refusal as the page's message, if it was refused)."""
    attempt(
        request,
        lambda: action(**terms, actor=signed_in(request), may_act=_may_act(request, project), now=now()),
    )
    return redirect("cooperation:project", pk=project.pk)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(signed_in(request), pk)
    context = {
        "project": project,
        "case": project.case,
        "milestones": project.milestones.select_related("owner"),
        "figures": project.figures.all(),
        "may_act": _may_act(request, project),
        "status_form": ProjectStatusForm(initial={"version": project.version}),
        "milestone_form": MilestoneForm(),
        "meet_form": MeetMilestoneForm(),
        "figure_form": FigureForm(),
        "today": now().date(),
    }
    return render(request, "cooperation/project_detail.html", context)


@login_required
@require_POST
def project_status(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(signed_in(request), pk)
    form = ProjectStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the status and the date."))
        return redirect("cooperation:project", pk=project.pk)
    data = form.cleaned_data
    return _act(
        request,
        project,
        check_project_status,
        project=project,
        target=data["status"],
        reason=data["reason"],
        on=data["on"],
        expected_version=data["version"],
    )


@login_required
@require_POST
def add_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(signed_in(request), pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the milestone a title and a due date."))
        return redirect("cooperation:project", pk=project.pk)
    return _act(
        request,
        project,
        check_add_milestone,
        project=project,
        title=form.cleaned_data["title"],
        due_on=form.cleaned_data["due_on"],
        owner=signed_in(request),
    )


@login_required
@require_POST
def meet_milestone(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    project = access_project(signed_in(request), pk)
    milestone = access_milestone(signed_in(request), project, milestone_pk)
    form = MeetMilestoneForm(request.POST)
    evidence = form.cleaned_data["evidence"] if form.is_valid() else ""
    return _act(request, project, check_meet_milestone, milestone=milestone, evidence=evidence)


@login_required
@require_POST
def report_figure(request: HttpRequest, pk: int) -> HttpResponse:
    project = access_project(signed_in(request), pk)
    form = FigureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a number."))
        return redirect("cooperation:project", pk=project.pk)
    data = form.cleaned_data
    return _act(
        request,
        project,
        check_report_figure,
        project=project,
        kind=data["kind"],
        value=data["value"],
        currency=(data["currency"] or "").upper(),
    )


@login_required
def download_attachment(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access_attachment(signed_in(request), pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
