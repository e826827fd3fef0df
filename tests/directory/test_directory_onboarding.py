"""A new user's ways in: ask to join (administrators decide), a verified e-mail domain,
a proposed organisation (a broker decides), an expert profile; pages say what is pending."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from factories import make_alliance, make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.directory.domain.onboarding import OnboardingError, check_declare_domain
from techbridge.directory.models import (
    JoinRequest,
    Membership,
    Organisation,
    OrganisationEmailDomain,
    OrganisationProposal,
)
from techbridge.notifications.models import Notification
from world import client_for


@pytest.fixture
def organisation(db: None) -> Organisation:
    return make_organisation(centre=make_centre())


def _ask(user: Any, organisation: Organisation, message: str = "I work in the battery lab.") -> JoinRequest:
    response = client_for(user).post(
        f"/directory/organisations/{organisation.pk}/join/", {"message": message}
    )
    assert response.status_code == 302
    return JoinRequest.objects.get(user=user, organisation=organisation)


def test_stranger_asks_to_join_and_admin_approves_in_their_language(organisation: Organisation) -> None:
    admin = make_member(organisation, make_user(preferred_language="hu"), admin=True)
    stranger = make_user(preferred_language="zh-hans")

    join_request = _ask(stranger, organisation)
    notice_to_admin = Notification.objects.get(recipient=admin, kind="organisation")
    decided = client_for(admin).post(
        f"/directory/join-requests/{join_request.pk}/decide/", {"decision": "approve"}
    )
    notice_to_stranger = Notification.objects.get(recipient=stranger, kind="organisation")

    assert decided.status_code == 302
    assert Membership.objects.filter(user=stranger, organisation=organisation).exists()
    assert "csatlakozna" in notice_to_admin.subject
    assert "成员" in notice_to_stranger.subject
    assert notice_to_stranger.url == f"/directory/join-requests/{join_request.pk}/"


def test_decline_needs_a_reason_and_keeps_the_user_out(organisation: Organisation) -> None:
    admin = make_member(organisation, admin=True)
    stranger = make_user()
    join_request = _ask(stranger, organisation)
    url = f"/directory/join-requests/{join_request.pk}/decide/"

    client_for(admin).post(url, {"decision": "decline"})
    still_pending = JoinRequest.objects.get(pk=join_request.pk).status
    client_for(admin).post(url, {"decision": "decline", "reason": "Not our staff."})
    join_request.refresh_from_db()

    assert still_pending == "pending"
    assert join_request.status == "declined"
    assert join_request.reason == "Not our staff."
    assert not Membership.objects.filter(user=stranger, organisation=organisation).exists()


def test_someone_elses_request_is_404_for_a_user_of_another_organisation(organisation: Organisation) -> None:
    admin = make_member(organisation, admin=True)
    other_admin = make_member(make_organisation(centre=organisation.centre), admin=True)
    join_request = _ask(make_user(), organisation)

    seen = client_for(other_admin).get(f"/directory/join-requests/{join_request.pk}/").status_code
    decided = (
        client_for(other_admin)
        .post(f"/directory/join-requests/{join_request.pk}/decide/", {"decision": "approve"})
        .status_code
    )
    own_admin = client_for(admin).get(f"/directory/join-requests/{join_request.pk}/").status_code

    assert (seen, decided, own_admin) == (404, 404, 200)
    assert JoinRequest.objects.get(pk=join_request.pk).status == "pending"


def test_a_member_of_the_organisation_who_is_not_admin_cannot_decide(organisation: Organisation) -> None:
    make_member(organisation, admin=True)
    member = make_member(organisation)
    join_request = _ask(make_user(), organisation)

    status = client_for(member).get(f"/directory/join-requests/{join_request.pk}/").status_code

    assert status == 404


def test_second_request_while_one_waits_is_refused_with_a_message(organisation: Organisation) -> None:
    make_member(organisation, admin=True)
    stranger = make_user()
    _ask(stranger, organisation)

    response = client_for(stranger).post(
        f"/directory/organisations/{organisation.pk}/join/", {"message": "again"}, follow=True
    )

    assert JoinRequest.objects.filter(user=stranger).count() == 1
    assert "already waiting" in response.content.decode()


def test_without_administrators_the_centre_broker_decides(organisation: Organisation) -> None:
    broker = make_operator(organisation.centre)  # type: ignore[arg-type]
    join_request = _ask(make_user(), organisation)

    client_for(broker).post(f"/directory/join-requests/{join_request.pk}/decide/", {"decision": "approve"})

    assert Notification.objects.filter(recipient=broker, kind="organisation").count() == 1
    assert JoinRequest.objects.get(pk=join_request.pk).status == "approved"


def test_confirmed_address_at_a_verified_domain_joins_automatically(
    organisation: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    import re

    from django.core import mail
    from django.test import Client

    admin = make_member(organisation, admin=True)
    broker = make_operator(organisation.centre)  # type: ignore[arg-type]
    client_for(admin).post(
        f"/directory/organisations/{organisation.pk}/domains/", {"domain": "@Battery-Lab.EDU"}
    )
    declared = OrganisationEmailDomain.objects.get(organisation=organisation)
    client_for(broker).post(f"/directory/domains/{declared.pk}/", {"action": "verify"})
    form = {
        "display_name": "Nagy Anna",
        "email": "anna@battery-lab.edu",
        "password": "a-long-and-odd-phrase-42",
    }
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/register/", {**form, "password_again": form["password"]})
    link = re.search(r"/accounts/confirm/\S+/", mail.outbox[-1].body)
    assert link is not None
    Client().get(link.group(0))

    declared.refresh_from_db()
    assert declared.domain == "battery-lab.edu"
    assert declared.verified_by == broker
    assert Membership.objects.filter(user__email="anna@battery-lab.edu", organisation=organisation).exists()


def test_unverified_domain_does_not_join_and_public_mail_cannot_be_declared(
    organisation: Organisation,
) -> None:
    from techbridge.directory.domain.onboarding import do_join_by_email_domain

    admin = make_member(organisation, admin=True)
    check_declare_domain(organisation=organisation, actor=admin, domain="lab.example.edu")
    user = make_user(email="someone@lab.example.edu")

    joined = do_join_by_email_domain(user=user, now=timezone.now())
    with pytest.raises(OnboardingError) as public:
        check_declare_domain(organisation=organisation, actor=admin, domain="gmail.com")
    with pytest.raises(OnboardingError) as odd:
        check_declare_domain(organisation=organisation, actor=admin, domain="bad domain\u0000.com")

    assert joined is None
    assert (public.value.code, odd.value.code) == ("public_domain", "bad_domain")


def test_only_the_centres_broker_verifies_a_domain(organisation: Organisation) -> None:
    admin = make_member(organisation, admin=True)
    check_declare_domain(organisation=organisation, actor=admin, domain="lab.example.edu")
    declared = OrganisationEmailDomain.objects.get()
    other_broker = make_operator(make_centre())

    by_admin = client_for(admin).post(f"/directory/domains/{declared.pk}/", {"action": "verify"}, follow=True)
    by_other = client_for(other_broker).post(f"/directory/domains/{declared.pk}/", {"action": "verify"})
    declared.refresh_from_db()

    assert by_admin.status_code == 200
    assert by_other.status_code == 404
    assert declared.verified_at is None


def test_proposal_is_reviewed_by_the_chosen_centres_broker(db: None) -> None:
    centre = make_centre()
    broker = make_operator(centre, make_user(preferred_language="hu"))
    proposer = make_user(preferred_language="zh-hans")
    other_broker = make_operator(make_centre())
    form = {"name": "重庆新材料有限公司", "kind": "enterprise", "country": "CN", "city": "Chongqing",
            "website": "", "centre": centre.pk, "message": "We make electrolytes."}  # fmt: skip

    client_for(proposer).post("/directory/proposals/new/", form)
    proposal = OrganisationProposal.objects.get(proposer=proposer)
    hidden = client_for(other_broker).get(f"/directory/proposals/{proposal.pk}/").status_code
    client_for(broker).post(f"/directory/proposals/{proposal.pk}/decide/", {"decision": "approve"})
    proposal.refresh_from_db()

    assert hidden == 404
    assert proposal.status == "approved"
    assert proposal.organisation is not None
    assert proposal.organisation.name == {"zh-hans": "重庆新材料有限公司"}
    assert Membership.objects.get(user=proposer, organisation=proposal.organisation).role == "admin"
    assert Notification.objects.filter(recipient=broker, kind="organisation").count() == 1
    assert "批准" in Notification.objects.get(recipient=proposer).subject


def test_declined_proposal_says_why_on_the_home_page(db: None) -> None:
    centre = make_centre()
    broker = make_operator(centre)
    proposer = make_user()
    form = {"name": "Tiny Lab", "kind": "enterprise", "country": "HU", "centre": centre.pk}
    client_for(proposer).post("/directory/proposals/new/", form)
    proposal = OrganisationProposal.objects.get()

    client_for(broker).post(
        f"/directory/proposals/{proposal.pk}/decide/",
        {"decision": "decline", "reason": "Duplicate of Big Lab."},
    )
    home = client_for(proposer).get("/").content.decode()

    assert "Duplicate of Big Lab." in home
    assert not Organisation.objects.filter(name__en="Tiny Lab").exists()


def test_proposal_to_a_centre_without_broker_goes_to_the_coordinating_centre(db: None) -> None:
    alliance = make_alliance()
    coordinating = make_centre(alliance=alliance)
    quiet = make_centre(alliance=alliance)
    alliance.coordinating_centre = coordinating
    alliance.save()
    broker = make_operator(coordinating)
    form = {"name": "Guizhou Data", "kind": "enterprise", "country": "CN", "centre": quiet.pk}

    client_for(make_user()).post("/directory/proposals/new/", form)

    proposal = OrganisationProposal.objects.get()
    assert proposal.centre == coordinating
    assert client_for(broker).get(f"/directory/proposals/{proposal.pk}/").status_code == 200


def test_pages_say_what_is_pending_instead_of_refusing(organisation: Organisation) -> None:
    make_member(organisation, admin=True)
    stranger = make_user()
    client = client_for(stranger)
    before = client.get("/market/listings/new/").content.decode()
    create = client.get("/market/listings/new/offer/")

    _ask(stranger, organisation)
    pages = [client.get(url).content.decode() for url in ("/", "/market/listings/new/", "/accounts/profile/")]

    assert "Join or propose an organisation" in before
    assert create.status_code == 302
    assert create["Location"] == "/directory/welcome/"
    assert all("waits for its administrators" in page for page in pages)


def test_welcome_page_in_hungarian_and_chinese_finds_organisations(organisation: Organisation) -> None:
    client = client_for(make_user())

    hungarian = client.get("/directory/welcome/?q=Szervezet", HTTP_ACCEPT_LANGUAGE="hu").content.decode()
    chinese = client.get("/directory/welcome/?q=机构", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert f"/directory/organisations/{organisation.pk}/join/" in hungarian
    assert "Csatlakozás kérése" in hungarian
    assert f"/directory/organisations/{organisation.pk}/join/" in chinese


def test_anonymous_visitor_is_sent_to_sign_in(organisation: Organisation) -> None:
    from django.test import Client

    response = Client().get("/directory/welcome/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
