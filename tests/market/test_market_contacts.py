"""Reaching the other side: after acceptance each party sees the other's named contact, as each
allowed on their profile; an anonymous owner shows itself only by an explicit step. Listing pages
invite visitors to sign in and show every filled field with the reference number."""

from __future__ import annotations

from typing import Any

from django.test import Client
from market_world import Market, build_listing

from factories import make_alliance, make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.market.access import reviewable_listings
from techbridge.market.domain.printing import listing_facts, listing_reference
from techbridge.market.models import ExpressionOfInterest
from techbridge.notifications.models import Notification
from world import client_for


def _send(market: Market, level: str) -> tuple[ExpressionOfInterest, str]:
    listing = market.listings[level]
    client_for(market.partner).post(
        f"/market/listings/{listing.pk}/interest/",
        {"message": "We would license this.", "organisation": market.partner_org.pk},
    )
    interest = ExpressionOfInterest.objects.get(listing=listing, sender=market.partner)
    return interest, f"/market/interests/{interest.public_id}/"


def _share(user: Any, *, phone: str, email: bool = True, show_phone: bool = True) -> None:
    person = user.person
    person.phone, person.share_email_with_partners, person.share_phone_with_partners = (
        phone,
        email,
        show_phone,
    )
    person.save()


def test_accepted_interest_shows_both_contacts_as_each_allowed(market: Market) -> None:
    _share(market.owner, phone="+36 1 234 5678", email=True, show_phone=False)
    _share(market.partner, phone="+86 23 6666 8888", email=False, show_phone=True)
    _interest, url = _send(market, "public")
    before = client_for(market.partner).get(url).content.decode()

    client_for(market.owner).post(f"{url}action/", {"action": "accept"})
    sender_sees = client_for(market.partner).get(url).content.decode()
    owner_sees = client_for(market.owner).get(url).content.decode()

    assert market.owner.email not in before
    assert market.owner.email in sender_sees
    assert "+36 1 234 5678" not in sender_sees
    assert "+86 23 6666 8888" in owner_sees
    assert f"mailto:{market.partner.email}" not in owner_sees
    assert "Contact each other directly" in sender_sees


def test_anonymous_owner_reveals_itself_only_by_an_explicit_step(market: Market) -> None:
    _share(market.owner, phone="+36 1 999 0000")
    _interest, url = _send(market, "anonymous")
    client_for(market.operator).post(f"{url}action/", {"action": "forward"})
    client_for(market.owner).post(f"{url}action/", {"action": "accept"})
    hidden = client_for(market.partner).get(url).content.decode()
    owner_page = client_for(market.owner).get(url).content.decode()

    client_for(market.owner).post(f"{url}action/", {"action": "reveal"})
    shown = client_for(market.partner).get(url).content.decode()

    assert market.owner.email not in hidden
    assert "Secret Sensor Labs" not in hidden
    assert "Reveal my organisation" in owner_page
    assert market.partner.email in owner_page
    assert market.owner.email in shown
    assert "+36 1 999 0000" in shown
    assert "Secret Sensor Labs" in shown
    assert Notification.objects.filter(
        recipient=market.partner, subject__contains="shared its contact"
    ).exists()


def test_only_the_owner_may_reveal_and_only_after_acceptance(market: Market) -> None:
    interest, url = _send(market, "anonymous")
    client_for(market.operator).post(f"{url}action/", {"action": "forward"})

    client_for(market.owner).post(f"{url}action/", {"action": "reveal"})
    too_early = ExpressionOfInterest.objects.get(pk=interest.pk).owner_revealed_at
    client_for(market.owner).post(f"{url}action/", {"action": "accept"})
    client_for(market.partner).post(f"{url}action/", {"action": "reveal"})
    by_sender = ExpressionOfInterest.objects.get(pk=interest.pk).owner_revealed_at
    stranger = client_for(market.outsider).post(f"{url}action/", {"action": "reveal"}).status_code

    assert too_early is None
    assert by_sender is None
    assert stranger == 404


def test_sender_page_says_what_happens_next_in_hungarian(market: Market) -> None:
    _interest, url = _send(market, "anonymous")

    page = client_for(market.partner).get(url, HTTP_ACCEPT_LANGUAGE="hu").content.decode()

    assert "Mi következik" in page
    assert "először a központ brókere olvassa el" in page


def test_anonymous_visitor_is_invited_to_sign_in_with_next(market: Market) -> None:
    listing = market.listings["public"]

    page = Client().get(f"/market/listings/{listing.pk}/").content.decode()
    signed_in = client_for(market.outsider).get(f"/market/listings/{listing.pk}/").content.decode()

    assert f"/accounts/login/?next=/market/listings/{listing.pk}/" in page
    assert "Sign in to express interest" in page
    assert "Sign in to express interest" not in signed_in
    assert f"/market/listings/{listing.pk}/interest/" in signed_in


def test_any_signed_in_user_sees_best_matches_of_listings_they_may_see(market: Market) -> None:
    listing = market.listings["public"]
    page = client_for(market.outsider).get(f"/market/listings/{listing.pk}/").content.decode()

    matches = client_for(market.outsider).get(f"/matching/listings/{listing.pk}/best/")
    hidden = client_for(market.outsider).get(f"/matching/listings/{market.listings['centre'].pk}/best/")
    anonymous = Client().get(f"/market/listings/{listing.pk}/").content.decode()

    assert "best-matches" in page
    assert matches.status_code == 200
    assert "match-actions" not in matches.content.decode()
    assert hidden.status_code == 404
    assert "best-matches" not in anonymous


def test_listing_page_and_pdf_show_every_filled_field_and_the_reference(market: Market) -> None:
    listing = build_listing(
        market.owner_org, actor=market.owner, kind="demand", partnership_types=["licence", "joint_development"],
        target_regions="Pest megye", budget_min=20000, budget_max=150000, target_countries=["HU"],
    )  # fmt: skip
    facts = dict(listing_facts(listing, owner_visible=True))

    page = client_for(market.outsider).get(f"/market/listings/{listing.pk}/", HTTP_ACCEPT_LANGUAGE="hu")
    pdf = client_for(market.outsider).get(f"/market/listings/{listing.pk}/print.pdf")

    assert listing_reference(listing) == f"TB-DE-{listing.pk:06d}"
    assert facts["Partnership types sought"] == "Licence, Joint development"
    assert facts["Target regions"] == "Pest megye"
    assert listing_reference(listing) in page.content.decode()
    assert "Pest megye" in page.content.decode()
    assert "Hivatkozási szám" in page.content.decode()
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_new_listing_goes_to_a_centre_with_a_broker(db: None) -> None:
    alliance = make_alliance()
    coordinating = make_centre(alliance=alliance)
    quiet = make_centre(alliance=alliance)
    staffed = make_centre(alliance=alliance)
    alliance.coordinating_centre = coordinating
    alliance.save()
    coordinator, local = make_operator(coordinating), make_operator(staffed)
    quiet_org, staffed_org = make_organisation(centre=quiet), make_organisation(centre=staffed)

    from_quiet = build_listing(quiet_org, actor=make_member(quiet_org), publish=False)
    from_staffed = build_listing(staffed_org, actor=make_member(staffed_org), publish=False)

    assert from_quiet.centre == coordinating
    assert from_staffed.centre == staffed
    assert list(reviewable_listings(coordinator)) == [from_quiet]
    assert list(reviewable_listings(local)) == [from_staffed]


def test_an_inactive_broker_does_not_count(db: None) -> None:
    alliance = make_alliance()
    coordinating = make_centre(alliance=alliance)
    quiet = make_centre(alliance=alliance)
    alliance.coordinating_centre = coordinating
    alliance.save()
    make_operator(coordinating)
    make_operator(quiet, make_user(is_active=False))
    organisation = make_organisation(centre=quiet)

    listing = build_listing(organisation, publish=False)

    assert listing.centre == coordinating
