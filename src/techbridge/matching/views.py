"""Pages of matching: the lazily loaded "Best matches" partial, its feedback, and "For you"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from techbridge.accounts.models import User
from techbridge.market.models import Listing
from techbridge.matching.access import (
    access_candidate,
    access_matched_listing,
    is_broker_of,
    own_published_listings,
)
from techbridge.matching.domain.decisions import MatchingError, check_decision, check_feedback
from techbridge.matching.domain.recommend import best_matches_for_listing
from techbridge.matching.enums import DecisionKind, FeedbackKind

FOR_YOU_LISTINGS = 10
FOR_YOU_MATCHES = 5


def _render_matches(
    request: HttpRequest, listing: Listing, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "listing": listing,
        "matches": best_matches_for_listing(user=request.user, listing=listing),
        "is_broker": is_broker_of(request.user, listing),
        "feedback_kinds": FeedbackKind,
        "decision_kinds": DecisionKind,
        "error": error,
    }
    return render(request, "matching/best_matches.html", context, status=status)


def _after_write(request: HttpRequest, listing: Listing, *, error: str = "") -> HttpResponse:
    """htmx swaps the refreshed section (errors too: htmx ignores 4xx bodies); a plain form
    post is redirected back to the listing, or answered 422 with the message."""
    if request.headers.get("HX-Request") == "true":
        return _render_matches(request, listing, error=error)
    if error:
        return _render_matches(request, listing, error=error, status=422)
    return redirect("market:listing", listing.pk)


@require_GET
@login_required
def best_matches(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_matches(request, access_matched_listing(request.user, pk))


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - guaranteed by login_required
    return user


@require_POST
@login_required
def feedback(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    listing = access_matched_listing(request.user, pk)
    candidate = access_candidate(request.user, candidate_pk)
    try:
        check_feedback(
            user=_user(request), listing=listing, candidate=candidate, kind=request.POST.get("kind", "")
        )
    except MatchingError as error:
        return _after_write(request, listing, error=error.message)
    return _after_write(request, listing)


@require_POST
@login_required
def decision(request: HttpRequest, pk: int, candidate_pk: int) -> HttpResponse:
    listing = access_matched_listing(request.user, pk)
    candidate = access_candidate(request.user, candidate_pk)
    try:
        check_decision(
            user=_user(request),
            listing=listing,
            candidate=candidate,
            kind=request.POST.get("kind", ""),
            is_broker=is_broker_of(request.user, listing),
        )
    except MatchingError as error:
        return _after_write(request, listing, error=error.message)
    return _after_write(request, listing)


@require_GET
@login_required
def for_you(request: HttpRequest) -> HttpResponse:
    listings = list(own_published_listings(request.user)[:FOR_YOU_LISTINGS])
    sections = [
        (listing, best_matches_for_listing(user=request.user, listing=listing, limit=FOR_YOU_MATCHES))
        for listing in listings
    ]
    return render(request, "matching/for_you.html", {"sections": sections})
