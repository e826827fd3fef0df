"""Permission rows of directory (see permission_rows/__init__.py): role × route → expected status."""

from __future__ import annotations

from dataclasses import dataclass

from permission_rows import Row, expect
from world_objects import Objects


@dataclass(frozen=True)
class Onboarding:
    join_request: int
    proposal: int
    email_domain: int


def onboarding(objects: Objects) -> Onboarding:
    """The outsider asks to join the roles' own organisation and proposes a new one to the
    operator's centre; the own organisation declared an e-mail domain. Built once per world."""
    built: Onboarding | None = getattr(objects, "_onboarding", None)
    if built is None:
        built = _build_onboarding(objects)
        setattr(objects, "_onboarding", built)  # noqa: B010 - built once per world
    return built


def _build_onboarding(objects: Objects) -> Onboarding:
    from django.utils import timezone

    from techbridge.directory.domain.onboarding import (
        check_declare_domain,
        check_propose_organisation,
        check_request_join,
    )
    from techbridge.directory.models import OrganisationProposal

    world, now = objects.world, timezone.now()
    join_request = check_request_join(
        user=world.outsider, organisation=world.pending, message="Hello", now=now
    )
    proposal = check_propose_organisation(
        proposal=OrganisationProposal(
            proposer=world.outsider, centre=world.centre, name="Pécs Photonics", kind="company", country="HU"
        ),
        now=now,
    )
    domain = check_declare_domain(organisation=world.pending, actor=world.org_admin, domain="own-org.example")
    return Onboarding(join_request=join_request.pk, proposal=proposal.pk, email_domain=domain.pk)


EDITORS = {"org_admin": 200, "operator": 200, "platform_admin": 200}

ROWS = [
    Row("directory:organisations", lambda o: "/directory/organisations/", expect(200)),
    Row(
        "directory:organisation",
        lambda o: f"/directory/organisations/{o.world.published.pk}/",
        expect(200),
        what="published",
    ),
    Row(
        "directory:organisation",
        lambda o: f"/directory/organisations/{o.world.pending.pk}/",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own, pending",
    ),
    Row(
        "directory:organisation",
        lambda o: f"/directory/organisations/{o.world.pending_elsewhere.pk}/",
        expect(404, other_operator=200, platform_admin=200),
        what="pending, other centre",
    ),
    Row(
        "directory:organisation_edit",
        lambda o: f"/directory/organisations/{o.world.pending.pk}/edit/",
        expect(404, anonymous=302, org_admin=200, operator=200, platform_admin=200),
        what="own, pending",
    ),
    Row(
        "directory:organisation_edit",
        lambda o: f"/directory/organisations/{o.world.published.pk}/edit/",
        expect(404, anonymous=302, operator=200, platform_admin=200),
        what="same centre",
    ),
    Row(
        "directory:organisation_edit",
        lambda o: f"/directory/organisations/{o.other_org.pk}/edit/",
        expect(404, anonymous=302, other_operator=200, platform_admin=200),
        what="other centre",
    ),
    Row("directory:people", lambda o: "/directory/people/", expect(200)),
    Row(
        "directory:person",
        lambda o: f"/directory/people/{o.world.public_person.pk}/",
        expect(200),
        what="public",
    ),
    Row(
        "directory:person",
        lambda o: f"/directory/people/{o.world.members_person.pk}/",
        expect(200, anonymous=404),
        what="members only",
    ),
    Row(
        "directory:person",
        lambda o: f"/directory/people/{o.world.private_person.pk}/",
        expect(404, org_admin=200, operator=200, platform_admin=200),
        what="private, own organisation",
    ),
    Row("directory:centres", lambda o: "/directory/centres/", expect(200)),
    Row("directory:centre", lambda o: f"/directory/centres/{o.world.centre.slug}/", expect(200)),
    Row("directory:fields", lambda o: "/directory/fields/", expect(200)),
    Row("GET /api/v1/organisations", lambda o: "/api/v1/organisations", expect(200)),
    Row(
        "GET /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.published.pk}",
        expect(200),
        what="published",
    ),
    Row(
        "GET /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.pending.pk}",
        expect(200, anonymous=404, outsider=404, other_operator=404),
        what="own, pending",
    ),
    Row(
        "GET /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.pending_elsewhere.pk}",
        expect(404, other_operator=200, platform_admin=200),
        what="pending, other centre",
    ),
    Row(
        "PATCH /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.world.pending.pk}",
        expect(404, anonymous=401, org_admin=200, operator=200, platform_admin=200),
        what="own, pending",
        method="patch",
    ),
    Row(
        "PATCH /api/v1/organisations/{organisation_id}",
        lambda o: f"/api/v1/organisations/{o.other_org.pk}",
        expect(404, anonymous=401, other_operator=200, platform_admin=200),
        what="other centre",
        method="patch",
    ),
    Row("GET /api/v1/people", lambda o: "/api/v1/people", expect(200)),
    Row(
        "GET /api/v1/people/{person_id}",
        lambda o: f"/api/v1/people/{o.world.members_person.pk}",
        expect(200, anonymous=404),
        what="members only",
    ),
    Row(
        "GET /api/v1/people/{person_id}",
        lambda o: f"/api/v1/people/{o.world.private_person.pk}",
        expect(404, org_admin=200, operator=200, platform_admin=200),
        what="private, own organisation",
    ),
    Row("GET /api/v1/centres", lambda o: "/api/v1/centres", expect(200)),
    Row("GET /api/v1/centres/{slug}", lambda o: f"/api/v1/centres/{o.world.centre.slug}", expect(200)),
    # onboarding: joining, proposing an organisation, e-mail domains
    Row("directory:welcome", lambda o: "/directory/welcome/", expect(200, anonymous=302)),
    Row(
        "directory:join",
        lambda o: f"/directory/organisations/{o.world.published.pk}/join/",
        expect(200, anonymous=302),
        what="published",
    ),
    Row(
        "directory:join",
        lambda o: f"/directory/organisations/{o.world.pending_elsewhere.pk}/join/",
        expect(404, anonymous=302, other_operator=200, platform_admin=200),
        what="pending, other centre",
    ),
    Row("directory:join_requests", lambda o: "/directory/join-requests/", expect(200, anonymous=302)),
    Row(
        "directory:join_request",
        lambda o: f"/directory/join-requests/{onboarding(o).join_request}/",
        expect(404, anonymous=302, outsider=200, org_admin=200, platform_admin=200),
        what="the outsider's, to the own organisation",
    ),
    Row(
        "directory:join_request_decide",
        lambda o: f"/directory/join-requests/{onboarding(o).join_request}/decide/",
        expect(404, anonymous=302, outsider=302, org_admin=302, platform_admin=302),
        what="the outsider's, to the own organisation",
        method="post",
    ),
    Row("directory:proposals", lambda o: "/directory/proposals/", expect(200, anonymous=302)),
    Row("directory:propose", lambda o: "/directory/proposals/new/", expect(200, anonymous=302)),
    Row(
        "directory:proposal",
        lambda o: f"/directory/proposals/{onboarding(o).proposal}/",
        expect(404, anonymous=302, outsider=200, operator=200, platform_admin=200),
        what="the outsider's, to the operator's centre",
    ),
    Row(
        "directory:proposal_decide",
        lambda o: f"/directory/proposals/{onboarding(o).proposal}/decide/",
        expect(404, anonymous=302, outsider=302, operator=302, platform_admin=302),
        what="the outsider's, to the operator's centre",
        method="post",
    ),
    Row(
        "directory:organisation_domains",
        lambda o: f"/directory/organisations/{o.world.pending.pk}/domains/",
        expect(404, anonymous=302, **EDITORS),
        what="own, pending",
    ),
    Row(
        "directory:organisation_domains",
        lambda o: f"/directory/organisations/{o.other_org.pk}/domains/",
        expect(404, anonymous=302, other_operator=200, platform_admin=200),
        what="other centre",
    ),
    Row(
        "directory:email_domain_action",
        lambda o: f"/directory/domains/{onboarding(o).email_domain}/",
        expect(404, anonymous=302, org_admin=302, operator=302, platform_admin=302),
        what="own organisation's, verify",
        method="post",
        data={"action": "verify"},
    ),
]
