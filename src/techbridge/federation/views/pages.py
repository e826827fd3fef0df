"""Pages: the partners page for platform admins, remote records with their origin, the alliance search."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from techbridge.common.pages import current_user
from techbridge.directory.models import Organisation
from techbridge.directory.roles import member_organisation_ids
from techbridge.federation.access import (
    access_partner,
    access_partners,
    access_remote_record,
    my_remote_interests,
    partners_with_counts,
    search_alliance,
)
from techbridge.federation.domain.interests import RemoteInterestError, check_send_remote_interest
from techbridge.federation.domain.keys import local_key, own_base_url
from techbridge.federation.domain.partners import (
    PartnerError,
    accept_invitation,
    create_invitation,
    set_partner_status,
)
from techbridge.federation.enums import PartnerStatus, RecordKind
from techbridge.federation.forms import AcceptInvitationForm, InvitationForm, RemoteInterestForm

SEARCH_LIMIT = 30


def alliance_search(request: HttpRequest) -> HttpResponse:
    """The "search the whole alliance" switch: local listings and the partners' records ranked in one list."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    hits = search_alliance(request.user, query, kind=kind, limit=SEARCH_LIMIT)
    return render(
        request,
        "federation/search.html",
        {"query": query, "kind": kind, "hits": hits, "kinds": RecordKind.choices},
    )


def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = access_remote_record(request.user, pk)
    form = RemoteInterestForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if form.is_valid():
            user = current_user(request)
            organisation = Organisation.objects.filter(pk__in=member_organisation_ids(user)).first()
            try:
                check_send_remote_interest(
                    record=record,
                    sender=user,
                    organisation=organisation,
                    message=form.cleaned_data["message"],
                    now=timezone.now(),
                )
            except RemoteInterestError as error:
                form.add_error("message", error.message)
            else:
                messages.success(
                    request,
                    _("Your expression of interest is on its way to %(origin)s.")
                    % {"origin": record.partner.name},
                )
                return redirect("federation:record", pk=record.pk)
    return render(
        request,
        "federation/record_detail.html",
        {"record": record, "form": form, "interests": my_remote_interests(request.user, record)},
    )


@login_required
def partners(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    access_partners(user)  # 404 for everyone but platform admins
    invitation_code = ""
    invite_form = InvitationForm(request.POST if request.POST.get("form") == "invite" else None)
    accept_form = AcceptInvitationForm(request.POST if request.POST.get("form") == "accept" else None)
    if request.method == "POST":
        if invite_form.is_bound and invite_form.is_valid():
            invitation_code = create_invitation(
                name=invite_form.cleaned_data["name"], created_by=user, now=timezone.now()
            )
        elif accept_form.is_bound and accept_form.is_valid():
            try:
                partner = accept_invitation(
                    code=accept_form.cleaned_data["code"],
                    centres=accept_form.cleaned_data["centres"],
                    now=timezone.now(),
                )
            except PartnerError as error:
                accept_form.add_error("code", str(error))
            else:
                messages.success(request, _("%(name)s is now a partner.") % {"name": partner.name})
                return redirect("federation:partners")
    return render(
        request,
        "federation/partners.html",
        {
            "partners": partners_with_counts(user),
            "invite_form": invite_form,
            "accept_form": accept_form,
            "invitation_code": invitation_code,
            "own_url": own_base_url(),
            "own_key": local_key().public_key_pem,
            "statuses": PartnerStatus,
        },
    )


@login_required
@require_POST
def partner_status(request: HttpRequest, pk: int) -> HttpResponse:
    partner = access_partner(current_user(request), pk)
    try:
        set_partner_status(partner=partner, status=request.POST.get("status", ""))
    except PartnerError as error:
        messages.error(request, str(error))
    return redirect("federation:partners")
