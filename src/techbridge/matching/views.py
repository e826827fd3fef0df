"""Pages of matching: the lazily loaded "Best matches", "Suggested experts" and "Investors"
partials of a listing page, feedback on suggestions, and "For you"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from techbridge.common.pages import current_user, is_htmx
from techbridge.market.enums import ListingKind
from techbridge.market.models import Listing
from techbridge.matching.access import (
    access_candidate,
    access_expert_seeking_listing,
    access_matched_listing,
    access_offer,
    is_broker_of,
    own_open_demands,
    own_published_listings,
)
from techbridge.matching.domain.decisions import MatchingError, check_decision, check_feedback
from techbridge.matching.domain.experts import suggested_experts
from techbridge.matching.domain.investors import suggested_investors
from techbridge.matching.domain.recommend import best_matches_for_listing, complementary_kinds
from techbridge.matching.enums import DecisionKind, FeedbackKind

FOR_YOU_LISTINGS = 10
FOR_YOU_MATCHES = 5
FOR_YOU_DEMANDS = 5
FOR_YOU_EXPERTS = 3
INVESTOR_KINDS = frozenset({ListingKind.CAPITAL})


def _shown_apart(listing: Listing, candidate: Listing) -> bool:
    """An offer's investors have their own section."""
    return listing.kind == ListingKind.OFFER and candidate.kind in INVESTOR_KINDS


def _best_match_kinds(listing: Listing) -> frozenset[str]:
    kinds = complementary_kinds(listing.kind)
    return kinds - INVESTOR_KINDS if listing.kind == ListingKind.OFFER else kinds


def _actions_context(request: HttpRequest, listing: Listing, error: str) -> dict[str, object]:
    return {
        "listing": listing,
        "is_broker": is_broker_of(request.user, listing),
        "feedback_kinds": FeedbackKind,
        "decision_kinds": DecisionKind,
        "error": error,
    }


def _render_matches(
    request: HttpRequest, listing: Listing, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = _actions_context(request, listing, error)
    context["matches"] = best_matches_for_listing(
        user=request.user, listing=listing, kinds=_best_match_kinds(listing)
    )
    return render(request, "matching/best_matches.html", context, status=status)


def _render_investors(
    request: HttpRequest, listing: Listing, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = _actions_context(request, listing, error)
    context["investors"] = suggested_investors(user=request.user, offer=listing)
    return render(request, "matching/investors.html", context, status=status)


def _after_write(
    request: HttpRequest, listing: Listing, candidate: Listing, *, error: str = ""
) -> HttpResponse:
    """htmx swaps the refreshed section (errors too: htmx ignores 4xx bodies); a plain form
    post is redirected back to the listing, or answered 422 with the message."""
    render_section = _render_investors if _shown_apart(listing, candidate) else _render_matches
    if is_htmx(request):
        return render_section(request, listing, error=error)
    if error:
        return render_section(request, listing, error=error, status=422)
    return redirect("market:listing", listing.pk)


@require_GET
@login_required
def best_matches(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_matches(request, access_matched_listing(request.user, pk))


@require_GET
@login_required
def investors(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_investors(request, access_offer(request.user, pk))


@require_GET
@login_required
def experts(request: HttpRequest, pk: int) -> HttpResponse:
    listing = access_expert_seeking_listing(request.user, pk)
    context = {"listing": listing, "experts": suggested_experts(user=request.user, listing=listing)}
    return render(request, "matching/suggested_experts.html", context)


@require_POST
@login_required
def feedback(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    listing = access_matched_listing(request.user, pk)
    candidate = access_candidate(request.user, candidate_pk)
    try:
        check_feedback(
            user=current_user(request),
            listing=listing,
            candidate=candidate,
            kind=request.POST.get("kind", ""),
        )
    except MatchingError as error:
        return _after_write(request, listing, candidate, error=error.message)
    return _after_write(request, listing, candidate)


@require_POST
@login_required
def decision(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    listing = access_matched_listing(request.user, pk)
    candidate = access_candidate(request.user, candidate_pk)
    try:
        check_decision(
            user=current_user(request),
            listing=listing,
            candidate=candidate,
            kind=request.POST.get("kind", ""),
            is_broker=is_broker_of(request.user, listing),
        )
    except MatchingError as error:
        return _after_write(request, listing, candidate, error=error.message)
    return _after_write(request, listing, candidate)


@require_GET
@login_required
def for_you(request: HttpRequest) -> HttpResponse:
    listings = list(own_published_listings(request.user)[:FOR_YOU_LISTINGS])
    sections = [
        (listing, best_matches_for_listing(user=request.user, listing=listing, limit=FOR_YOU_MATCHES))
        for listing in listings
    ]
    expert_sections = [
        (demand, experts)
        for demand in own_open_demands(request.user)[:FOR_YOU_DEMANDS]
        if (experts := suggested_experts(user=request.user, listing=demand, limit=FOR_YOU_EXPERTS))
    ]
    return render(
        request, "matching/for_you.html", {"sections": sections, "expert_sections": expert_sections}
    )
