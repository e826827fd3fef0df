"""Expressions of interest: send one, list mine, see one and move it on."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from techbridge.common.pages import page_of
from techbridge.directory.models import Organisation
from techbridge.directory.roles import (
    is_platform_admin,
    member_organisation_ids,
)
from techbridge.market.access import (
    access_interest,
    access_listing,
    interest_parties,
    listing_roles,
    visible_interests,
)
from techbridge.market.domain.interests import InterestError, check_interest_action, check_send_interest
from techbridge.market.enums import EoiStatus
from techbridge.market.forms import ActionForm, InterestForm
from techbridge.market.views.common import now
from techbridge_core.market.interest import InterestAction, InterestStatus, Party, interest_actions
from techbridge_core.market.lifecycle import Role

ACTION_LABELS = {
    InterestAction.FORWARD: gettext_lazy("Forward to the owner"),
    InterestAction.ACCEPT: gettext_lazy("Accept"),
    InterestAction.DECLINE: gettext_lazy("Decline"),
    InterestAction.CLOSE: gettext_lazy("Close"),
}


@login_required
@require_http_methods(["GET", "POST"])
def interest_create(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_listing(request.user, pk)
    organisations = Organisation.objects.filter(pk__in=member_organisation_ids(request.user)).order_by("id")
    form = InterestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interest = check_send_interest(
                listing=listing,
                sender=request.user,  # type: ignore[arg-type]
                sender_organisation=data["organisation"],
                sender_is_owner=Role.OWNER in listing_roles(request.user, listing)
                and not is_platform_admin(request.user),
                message=data["message"],
                intended_use=data["intended_use"],
                capacity=data["capacity"],
                timeline=data["timeline"],
                now=now(),
            )
        except InterestError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your expression of interest was sent."))
            return redirect("market:interest", public_id=interest.public_id)
    return render(request, "market/interest_form.html", {"form": form, "listing": listing})


@login_required
def interest_list(request: HttpRequest) -> HttpResponse:
    interests = visible_interests(request.user).select_related("listing", "sender", "sender_organisation")
    status = request.GET.get("status", "")
    if status in EoiStatus.values:
        interests = interests.filter(status=status)
    context = {"page": page_of(request, interests), "statuses": EoiStatus.choices, "status": status}
    return render(request, "market/interest_list.html", context)


@login_required
def interest_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    interest = access_interest(request.user, public_id)
    parties = interest_parties(request.user, interest)
    actions = interest_actions(
        status=InterestStatus(interest.status), parties=parties, anonymous=interest.listing.anonymous
    )
    listing_visible = access_listing_or_none(request, interest.listing_id)
    context = {
        "interest": interest,
        "listing": listing_visible,
        "actions": [(action.value, ACTION_LABELS[action]) for action in actions],
        "history": interest.transitions.select_related("actor"),
        "show_sender": Party.SENDER in parties
        or Party.BROKER in parties
        or not interest.listing.anonymous
        or interest.forwarded_at is not None,
    }
    return render(request, "market/interest_detail.html", context)


def access_listing_or_none(request: HttpRequest, pk: int) -> object:
    try:
        return access_listing(request.user, pk)
    except Http404:
        return None


@login_required
@require_POST
def interest_action(request: HttpRequest, public_id: str) -> HttpResponse:
    interest = access_interest(request.user, public_id)
    form = ActionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in InterestAction.__members__.values():
        messages.error(request, _("Unknown action."))
        return redirect("market:interest", public_id=interest.public_id)
    try:
        check_interest_action(
            interest=interest,
            action=InterestAction(form.cleaned_data["action"]),
            actor=request.user,  # type: ignore[arg-type]
            parties=interest_parties(request.user, interest),
            comment=form.cleaned_data["reason"],
            now=now(),
        )
    except InterestError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return redirect("market:interest", public_id=interest.public_id)
