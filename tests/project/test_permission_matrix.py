"""Every role × every page and endpoint → the expected status. Hidden objects answer 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from world import ROLES, World, client_for


def _expect(default: int, **overrides: int) -> dict[str, int]:
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


ONLY = {
    # pending organisation of the operator's centre: its members, its centre's operators, the platform admin
    "pending": _expect(404, org_member=200, org_admin=200, operator=200, platform_admin=200),
    "pending_elsewhere": _expect(404, other_operator=200, platform_admin=200),
    # a cooperation case of the operator's centre between the pending and the published organisation
    "case": _expect(404, anonymous=302, org_member=200, org_admin=200, operator=200, platform_admin=200),
    "api_case": _expect(404, org_member=200, org_admin=200, operator=200, platform_admin=200),
}

CASES: list[tuple[str, Callable[[World], str], dict[str, int]]] = [
    ("home", lambda w: "/", _expect(200)),
    ("organisation list", lambda w: "/directory/organisations/", _expect(200)),
    ("published organisation", lambda w: f"/directory/organisations/{w.published.pk}/", _expect(200)),
    ("pending organisation", lambda w: f"/directory/organisations/{w.pending.pk}/", ONLY["pending"]),
    (
        "pending elsewhere",
        lambda w: f"/directory/organisations/{w.pending_elsewhere.pk}/",
        ONLY["pending_elsewhere"],
    ),
    ("missing organisation", lambda w: "/directory/organisations/999999/", _expect(404)),
    (
        "edit pending organisation",
        lambda w: f"/directory/organisations/{w.pending.pk}/edit/",
        _expect(404, anonymous=302, org_admin=200, operator=200, platform_admin=200),
    ),
    (
        "edit published organisation",
        lambda w: f"/directory/organisations/{w.published.pk}/edit/",
        _expect(404, anonymous=302, operator=200, platform_admin=200),
    ),
    ("people list", lambda w: "/directory/people/", _expect(200)),
    ("public person", lambda w: f"/directory/people/{w.public_person.pk}/", _expect(200)),
    (
        "members-only person",
        lambda w: f"/directory/people/{w.members_person.pk}/",
        _expect(200, anonymous=404),
    ),
    (
        "private person",
        lambda w: f"/directory/people/{w.private_person.pk}/",
        _expect(404, org_admin=200, operator=200, platform_admin=200),
    ),
    ("centre list", lambda w: "/directory/centres/", _expect(200)),
    ("centre page", lambda w: f"/directory/centres/{w.centre.slug}/", _expect(200)),
    ("missing centre", lambda w: "/directory/centres/nowhere/", _expect(404)),
    ("my profile", lambda w: "/accounts/profile/", _expect(200, anonymous=302)),
    ("api tokens", lambda w: "/accounts/tokens/", _expect(200, anonymous=302)),
    ("admin site", lambda w: "/admin/", _expect(302, operator=200, other_operator=200, platform_admin=200)),
    ("api organisations", lambda w: "/api/v1/organisations", _expect(200)),
    ("api published organisation", lambda w: f"/api/v1/organisations/{w.published.pk}", _expect(200)),
    ("api pending organisation", lambda w: f"/api/v1/organisations/{w.pending.pk}", ONLY["pending"]),
    (
        "api pending elsewhere",
        lambda w: f"/api/v1/organisations/{w.pending_elsewhere.pk}",
        ONLY["pending_elsewhere"],
    ),
    ("api people", lambda w: "/api/v1/people", _expect(200)),
    (
        "api members-only person",
        lambda w: f"/api/v1/people/{w.members_person.pk}",
        _expect(200, anonymous=404),
    ),
    (
        "api private person",
        lambda w: f"/api/v1/people/{w.private_person.pk}",
        _expect(404, org_admin=200, operator=200, platform_admin=200),
    ),
    ("api centres", lambda w: "/api/v1/centres", _expect(200)),
    ("api centre", lambda w: f"/api/v1/centres/{w.centre.slug}", _expect(200)),
    ("api me", lambda w: "/api/v1/me", _expect(200, anonymous=401)),
    # cooperation (issue 12): a case of the centre between its pending and published organisations
    (
        "cooperation board",
        lambda w: "/cooperation/",
        _expect(404, anonymous=302, operator=200, other_operator=200, platform_admin=200),
    ),
    ("my cooperation", lambda w: "/cooperation/mine/", _expect(200, anonymous=302)),
    ("cooperation case", lambda w: f"/cooperation/cases/{_coop(w)['case']}/", ONLY["case"]),
    (
        "cooperation new agreement",
        lambda w: f"/cooperation/cases/{_coop(w)['case']}/agreements/new/",
        ONLY["case"],
    ),
    ("cooperation draft", lambda w: f"/cooperation/cases/{_coop(w)['case']}/drafts/mou.docx", ONLY["case"]),
    ("cooperation agreement", lambda w: f"/cooperation/agreements/{_coop(w)['agreement']}/", ONLY["case"]),
    ("cooperation document", lambda w: f"/cooperation/documents/{_coop(w)['document']}/", ONLY["case"]),
    ("cooperation attachment", lambda w: f"/cooperation/attachments/{_coop(w)['attachment']}/", ONLY["case"]),
    ("cooperation project", lambda w: f"/cooperation/projects/{_coop(w)['project']}/", ONLY["case"]),
    (
        "cooperation registration export",
        lambda w: "/cooperation/registration-export/",
        _expect(404, anonymous=302, operator=200, other_operator=200, platform_admin=200),
    ),
    ("api cooperation cases", lambda w: "/api/v1/cooperation/cases", _expect(200)),
    ("api cooperation case", lambda w: f"/api/v1/cooperation/cases/{_coop(w)['case']}", ONLY["api_case"]),
    (
        "api cooperation messages",
        lambda w: f"/api/v1/cooperation/cases/{_coop(w)['case']}/messages",
        ONLY["api_case"],
    ),
    ("api cooperation agreements", lambda w: "/api/v1/cooperation/agreements", _expect(200)),
    (
        "api cooperation agreement",
        lambda w: f"/api/v1/cooperation/agreements/{_coop(w)['agreement']}",
        ONLY["api_case"],
    ),
    ("api cooperation projects", lambda w: "/api/v1/cooperation/projects", _expect(200)),
    (
        "api cooperation project",
        lambda w: f"/api/v1/cooperation/projects/{_coop(w)['project']}",
        ONLY["api_case"],
    ),
    (
        "api cooperation milestones",
        lambda w: f"/api/v1/cooperation/projects/{_coop(w)['project']}/milestones",
        ONLY["api_case"],
    ),
]


def _coop(world: World) -> dict[str, int]:
    """A case with a signed MoU, its document, a message attachment, a project and a milestone (built once)."""
    built: dict[str, int] | None = getattr(world, "_coop", None)
    if built is None:
        from datetime import date

        from django.utils import timezone

        from techbridge.cooperation.domain.agreements import (
            AgreementDraft,
            PartyIn,
            check_create_agreement,
            check_sign,
            check_upload_document,
        )
        from techbridge.cooperation.domain.cases import check_start_by_broker
        from techbridge.cooperation.domain.messages import Upload, check_post_message
        from techbridge.cooperation.domain.projects import check_add_milestone, check_create_project

        now, broker = timezone.now(), world.operator
        case = check_start_by_broker(
            title={"en": "Joint lab"},
            centre=world.centre,
            organisations=[world.pending, world.published],
            actor=broker,
            operated_centre_ids=frozenset({world.centre.pk}),
            is_admin=False,
            now=now,
        )
        parties = [
            PartyIn(organisation=world.pending, role="party"),
            PartyIn(organisation=world.published, role="party"),
        ]
        agreement = check_create_agreement(
            case=case,
            draft=AgreementDraft(kind="mou", title={"en": "MoU"}, parties=parties),
            actor=broker,
            may_act=True,
            now=now,
        )
        pdf = b"%PDF-1.4\n%%EOF\n"
        document = check_upload_document(
            agreement=agreement, name="mou.pdf", content=pdf, actor=broker, may_act=True, now=now
        )
        for party in agreement.parties.all():
            check_sign(
                agreement=agreement, document=document, party=party, actor=broker, may_sign=True, now=now
            )
        message = check_post_message(
            case=case,
            author=broker,
            body="Draft attached",
            internal=False,
            may_post_internal=True,
            uploads=[Upload("mou.pdf", pdf)],
            now=now,
        )
        agreement.refresh_from_db()
        project = check_create_project(agreement=agreement, title={}, actor=broker, may_act=True, now=now)
        check_add_milestone(
            project=project,
            title="Kick-off",
            due_on=date(2030, 1, 1),
            owner=None,
            actor=broker,
            may_act=True,
            now=now,
        )
        built = {
            "case": case.pk,
            "agreement": agreement.pk,
            "document": document.pk,
            "attachment": message.attachments.get().pk,
            "project": project.pk,
        }
        setattr(world, "_coop", built)  # noqa: B010 - built once per world
    return built


@pytest.mark.parametrize(("name", "url", "expected"), CASES, ids=[case[0] for case in CASES])
def test_permission_matrix(
    world: World, name: str, url: Callable[[World], str], expected: dict[str, int]
) -> None:
    actual = {role: client_for(world.user(role)).get(url(world)).status_code for role in ROLES}

    assert actual == expected, name
