"""What the market views share: the clock (one place to read the time, so tests can move it) and
applying a listing action a user chose on a page."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils import timezone

from techbridge.market.access import listing_roles
from techbridge.market.domain.lifecycle import check_listing_action
from techbridge_core.market.lifecycle import Action

if TYPE_CHECKING:
    from django import forms

    from techbridge.market.models import Listing


def now() -> datetime:
    return timezone.now()


def act_on_listing(request: HttpRequest, listing: Listing, form: forms.Form) -> Listing:
    """The action of a valid action form (ActionForm, BulkActionForm) applied as the signed-in user; ListingActionError when refused."""
    return check_listing_action(
        listing=listing,
        action=Action(form.cleaned_data["action"]),
        actor=request.user,  # type: ignore[arg-type]
        roles=listing_roles(request.user, listing),
        reason=form.cleaned_data["reason"],
        now=now(),
    )
