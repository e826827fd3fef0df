"""Case pages: the broker's pipeline board, "my cooperation", a case with its timeline and thread,
starting a case from an EOI, a meeting or an exhibition showcase, moving it, posting messages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.cooperation.access import (
    access_case,
    access_cooperation_meeting,
    access_showcase,
    acting_organisation_id,
    brokered_cases,
    is_listing_owner_party,
    my_cases,
    operated_centres,
    owner_hidden_from,
    sees_internal_notes,
    shown_parties,
    visible_messages,
)
from techbridge.cooperation.domain.board import (
    BoardFilters,
    board_cases,
    board_page,
    filtered_cases,
    stage_counts,
)
from techbridge.cooperation.domain.cases import (
    allowed_stages,
    check_change_stage,
    check_reveal_owner,
    check_start_from_interest,
    check_start_from_meeting,
    check_start_from_showcase,
    showcase_centre,
)
from techbridge.cooperation.domain.keyset import Cursor
from techbridge.cooperation.domain.messages import check_post_message, last_read, mark_read, thread_page
from techbridge.cooperation.domain.timeline import case_timeline
from techbridge.cooperation.enums import CaseStage
from techbridge.cooperation.forms import MessageForm, StageForm
from techbridge.cooperation.roles import is_case_manager
from techbridge.cooperation.views.common import attempt, now, positive_int, read_upload, signed_in
from techbridge.directory.models import Organisation, TechnologyField
from techbridge.directory.roles import is_operator, is_platform_admin, operated_centre_ids
from techbridge.events.access import visible_events
from techbridge.events.domain.exhibitions import owner_visible_listing_ids
from techbridge.market.access import access_interest

BOARD_PAGE = 25


def _filters(request: HttpRequest) -> BoardFilters:
    query = request.GET
    stage = query.get("stage", "")
    return BoardFilters(
        stage=stage if stage in CaseStage.values else "",
        centre=positive_int(query.get("centre")),
        event=positive_int(query.get("event")),
        country=query.get("country", "")[:2],
        field=query.get("field", "")[:8],
        broker=positive_int(query.get("broker")),
        stale_only=query.get("stale") == "1",
    )


@login_required
def board(request: HttpRequest) -> HttpResponse:
    if not (is_operator(signed_in(request)) or is_platform_admin(signed_in(request))):
        raise Http404
    filters = _filters(request)
    cases = filtered_cases(brokered_cases(signed_in(request)), filters)
    page = board_page(
        board_cases(cases, filters, now=now()),
        size=BOARD_PAGE,
        after=Cursor.decode(request.GET.get("after")),
        before=Cursor.decode(request.GET.get("before")),
    )
    context = {
        "filters": filters,
        "counts": [
            (value, label, n)
            for (value, label), n in zip(CaseStage.choices, stage_counts(cases).values(), strict=True)
        ],
        "page": page,
        "centres": operated_centres(signed_in(request)),
        "events": visible_events(signed_in(request)).order_by("-starts_on")[:50],
        "fields": TechnologyField.objects.filter(parent__isnull=True).order_by("code"),
    }
    return render(request, "cooperation/board.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    cases = (
        my_cases(signed_in(request)).select_related("centre", "broker").order_by("-last_activity_at", "-id")
    )
    page = Paginator(cases, BOARD_PAGE).get_page(request.GET.get("page"))
    return render(request, "cooperation/mine.html", {"page": page})


def _stage_form(case: object, data: object = None) -> StageForm:
    return StageForm(data, allowed=allowed_stages(case), initial={"version": case.version})  # type: ignore[attr-defined, arg-type]


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    case = access_case(user, pk)
    manager = is_case_manager(user, case)
    thread = thread_page(visible_messages(user, case), before=Cursor.decode(request.GET.get("before")))
    if thread.latest and thread.messages:
        # Read up to the newest message shown; nothing is written when nothing new came in.
        previous_read = mark_read(case=case, user=user, up_to=thread.messages[-1].created_at)
    else:
        previous_read = last_read(case, user)
    thread_context = {"case": case, "thread": thread, "previous_read": previous_read}
    if request.headers.get("HX-Request") == "true" and not thread.latest:
        # "Earlier messages" loaded in place: only the messages before the ones shown.
        return render(request, "cooperation/_thread_messages.html", thread_context)
    timeline = case_timeline(case)  # prefetches the case's agreements and projects, used below
    context = {
        **thread_context,
        "parties": shown_parties(user, case),
        "owner_hidden": owner_hidden_from(user, case),
        "may_reveal": not case.owner_revealed and is_listing_owner_party(user, case),
        "timeline": timeline,
        "internal": sees_internal_notes(user, case),
        "manager": manager,
        "stage_choices": [(stage, CaseStage(stage).label) for stage in allowed_stages(case)]
        if manager
        else [],
        "message_form": MessageForm(),
        "agreements": case.agreements.all(),
        "projects": case.projects.all(),
        "draft_languages": [("zh-hans", "中文"), ("en", "English"), ("hu", "Magyar")],
    }
    return render(request, "cooperation/case_detail.html", context)


@login_required
@require_POST
def change_stage(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(signed_in(request), pk)
    form = _stage_form(case, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the stages offered."))
        return redirect("cooperation:case", pk=case.pk)
    attempt(
        request,
        lambda: check_change_stage(
            case=case,
            target=form.cleaned_data["stage"],
            reason=form.cleaned_data["reason"],
            actor=signed_in(request),
            may_manage=is_case_manager(signed_in(request), case),
            expected_version=form.cleaned_data["version"],
            now=now(),
        ),
    )
    return redirect("cooperation:case", pk=case.pk)


@login_required
@require_POST
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(signed_in(request), pk)
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Please write a message."))
        return redirect("cooperation:case", pk=case.pk)
    upload = read_upload(form.cleaned_data["attachment"])
    attempt(
        request,
        lambda: check_post_message(
            case=case,
            author=signed_in(request),
            body=form.cleaned_data["body"],
            internal=form.cleaned_data["internal"],
            may_post_internal=sees_internal_notes(signed_in(request), case),
            uploads=[upload] if upload else [],
            now=now(),
        ),
    )
    return redirect(f"/cooperation/cases/{case.pk}/#thread")


@login_required
@require_POST
def reveal_owner(request: HttpRequest, pk: int) -> HttpResponse:
    case = access_case(signed_in(request), pk)
    attempt(
        request,
        lambda: check_reveal_owner(
            case=case,
            is_owner_party=is_listing_owner_party(signed_in(request), case),
            actor=signed_in(request),
            now=now(),
        ),
    )
    return redirect("cooperation:case", pk=case.pk)


@login_required
@require_POST
def start_from_interest(request: HttpRequest, public_id: str) -> HttpResponse:
    interest = access_interest(signed_in(request), public_id)
    case = attempt(
        request, lambda: check_start_from_interest(interest=interest, actor=signed_in(request), now=now())
    )
    if case is None:
        return redirect("market:interest", public_id=interest.public_id)
    return redirect("cooperation:case", pk=case.pk)


@login_required
@require_POST
def start_from_meeting(request: HttpRequest, public_id: str) -> HttpResponse:
    meeting = access_cooperation_meeting(signed_in(request), public_id)
    case = attempt(
        request, lambda: check_start_from_meeting(meeting=meeting, actor=signed_in(request), now=now())
    )
    if case is None:
        return redirect("events:meeting_outcome", slug=meeting.event.slug, public_id=meeting.public_id)
    return redirect("cooperation:case", pk=case.pk)


@login_required
@require_POST
def start_from_showcase(request: HttpRequest, pk: int) -> HttpResponse:
    """From an exhibition's showcased achievement: a broker of the responsible centre, or a member
    of an interested organisation (the one chosen in the form, else their first)."""
    user = signed_in(request)
    showcase = access_showcase(user, pk)
    listing = showcase.listing
    centre = showcase_centre(showcase)
    organisation_id = acting_organisation_id(
        user, request.POST.get("organisation", ""), not_this=listing.owner_organisation_id
    )
    case = attempt(
        request,
        lambda: check_start_from_showcase(
            showcase=showcase,
            actor=user,
            as_broker=is_platform_admin(user)
            or (centre is not None and centre.pk in operated_centre_ids(user)),
            organisation=Organisation.objects.filter(pk=organisation_id).first() if organisation_id else None,
            owner_visible=listing.pk in owner_visible_listing_ids(user, [listing.pk]),
            now=now(),
        ),
    )
    if case is None:
        exhibition = reverse("events:exhibition", kwargs={"slug": showcase.area.event.slug})
        return redirect(f"{exhibition}#showcase-{showcase.pk}")
    return redirect("cooperation:case", pk=case.pk)
