"""Finding one's place after registration: join, propose an organisation, decide requests,
declare and verify e-mail domains. Each view: access funnel, one domain call, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.common.pages import current_user
from techbridge.directory.access import (
    access_email_domain,
    access_join_request,
    access_organisation,
    access_proposal,
    visible_join_requests,
    visible_organisations,
    visible_proposals,
)
from techbridge.directory.domain.onboarding import (
    OnboardingError,
    check_decide_join_request,
    check_decide_proposal,
    check_declare_domain,
    check_propose_organisation,
    check_remove_domain,
    check_request_join,
    check_verify_domain,
    may_decide_join_request,
    may_review_proposal,
    may_verify_domains,
    onboarding_state,
)
from techbridge.directory.domain.queries import filter_organisations
from techbridge.directory.enums import RequestStatus
from techbridge.directory.forms import (
    DecisionForm,
    EmailDomainForm,
    JoinRequestForm,
    OrganisationFilterForm,
    OrganisationProposalForm,
)
from techbridge.directory.roles import administered_organisation_ids


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    """What is pending and what to do next: join, propose, or work as an expert."""
    user = current_user(request)
    form = OrganisationFilterForm(request.GET or None)
    found = None
    if request.GET.get("q"):
        found = filter_organisations(visible_organisations(user), form.filters())[:20]
    context = {"state": onboarding_state(user), "form": form, "found": found}
    return render(request, "directory/welcome.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def join_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            join_request = check_request_join(
                user=current_user(request),
                organisation=organisation,
                message=form.cleaned_data["message"],
                now=timezone.now(),
            )
        except OnboardingError as error:
            messages.error(request, error.message)
            return redirect("directory:welcome")
        messages.success(request, _("Your request was sent to the organisation's administrators."))
        return redirect("directory:join_request", pk=join_request.pk)
    return render(request, "directory/join_form.html", {"form": form, "organisation": organisation})


@login_required
def join_request_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    requests = visible_join_requests(user)
    context = {
        "mine": requests.filter(user=user),
        "to_decide": [r for r in requests.exclude(user=user).filter(status=RequestStatus.PENDING)[:100]
                      if may_decide_join_request(user, r)],
    }  # fmt: skip
    return render(request, "directory/join_request_list.html", context)


@login_required
def join_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = access_join_request(request.user, pk)
    context = {
        "join_request": join_request,
        "may_decide": join_request.status == RequestStatus.PENDING
        and may_decide_join_request(current_user(request), join_request),
        "form": DecisionForm(),
    }
    return render(request, "directory/join_request_detail.html", context)


def _decide(
    request: HttpRequest,
    *,
    decide: Callable[..., object],
    page: str,
    pk: int,
    saved: str,
) -> HttpResponse:
    """Approve or decline (with a reason) a join request or a proposal, then back to its page."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or decline."))
        return redirect(page, pk=pk)
    try:
        decide(
            actor=current_user(request),
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        )
    except OnboardingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, saved)
    return redirect(page, pk=pk)


@login_required
@require_POST
def join_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = access_join_request(request.user, pk)
    return _decide(
        request,
        decide=partial(check_decide_join_request, join_request=join_request),
        page="directory:join_request",
        pk=pk,
        saved=_("The decision was saved and the requester notified."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose_organisation(request: HttpRequest) -> HttpResponse:
    form = OrganisationProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = form.save(commit=False)
        proposal.proposer = current_user(request)
        try:
            check_propose_organisation(proposal=proposal, now=timezone.now())
        except OnboardingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your proposal was sent to the centre's broker."))
            return redirect("directory:proposal", pk=proposal.pk)
    return render(request, "directory/proposal_form.html", {"form": form})


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    proposals = visible_proposals(user)
    context = {
        "mine": proposals.filter(proposer=user),
        "to_review": proposals.exclude(proposer=user).filter(status=RequestStatus.PENDING),
    }
    return render(request, "directory/proposal_list.html", context)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(request.user, pk)
    context = {
        "proposal": proposal,
        "may_decide": proposal.status == RequestStatus.PENDING
        and may_review_proposal(current_user(request), proposal),
        "form": DecisionForm(),
    }
    return render(request, "directory/proposal_detail.html", context)


@login_required
@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(request.user, pk)
    return _decide(
        request,
        decide=partial(check_decide_proposal, proposal=proposal),
        page="directory:proposal",
        pk=pk,
        saved=_("The decision was saved and the proposer notified."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_domains(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = access_organisation(request.user, pk, for_edit=True)
    user = current_user(request)
    form = EmailDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_declare_domain(organisation=organisation, actor=user, domain=form.cleaned_data["domain"])
        except OnboardingError as error:
            form.add_error("domain", error.message)
        else:
            messages.success(request, _("The domain was declared; a broker of your centre verifies it."))
            return redirect("directory:organisation_domains", pk=pk)
    context = {
        "organisation": organisation,
        "domains": organisation.email_domains.all(),
        "form": form,
        "may_declare": organisation.pk in administered_organisation_ids(user) or user.is_superuser,
        "may_verify": may_verify_domains(user, organisation),
    }
    return render(request, "directory/organisation_domains.html", context)


@login_required
@require_POST
def email_domain_action(request: HttpRequest, pk: int) -> HttpResponse:
    email_domain = access_email_domain(request.user, pk)
    try:
        if request.POST.get("action") == "verify":
            check_verify_domain(email_domain=email_domain, actor=current_user(request), now=timezone.now())
        else:
            check_remove_domain(email_domain=email_domain, actor=current_user(request))
    except OnboardingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return redirect("directory:organisation_domains", pk=email_domain.organisation_id)
