"""Permission rows of cooperation (see permission_rows/__init__.py): role × route → expected status.

The objects: a case of the operator's centre between the roles' own organisation (`world.pending`)
and `world.published`, with a signed MoU, its document, a message attachment, a project and a
milestone, built once per world with the cooperation app's domain functions. The parties' members
and admins, the centre's brokers and the platform admin see the case; everybody else gets 404
(anonymous: the login page for pages, 401 for the API).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from permission_rows import MISSING, MISSING_UUID, Row, expect
from world_objects import Objects

SEES_CASE = {"org_member": 200, "org_admin": 200, "operator": 200, "platform_admin": 200}
BROKERS = {"operator": 200, "other_operator": 200, "platform_admin": 200}
PDF = b"%PDF-1.4\n%%EOF\n"


@dataclass(frozen=True)
class CoopObjects:
    case: int
    agreement: int
    document: int
    attachment: int
    project: int
    milestone: int
    showcase: int


def coop(objects: Objects) -> CoopObjects:
    """Built on first use and kept on the objects (one world per matrix module)."""
    built: CoopObjects | None = getattr(objects, "_coop", None)
    if built is None:
        built = _build(objects)
        setattr(objects, "_coop", built)  # noqa: B010 - built once per world
    return built


def _build(objects: Objects) -> CoopObjects:
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
    from techbridge.events.models import ExhibitionArea, Showcase

    world, now = objects.world, timezone.now()
    broker = world.operator
    case = check_start_by_broker(
        title={"en": "Joint lab"},
        centre=world.centre,
        organisations=[world.pending, world.published],
        actor=broker,
        operated_centre_ids=frozenset({world.centre.pk}),
        is_admin=False,
        now=now,
    )
    parties = [PartyIn(organisation=org, role="party") for org in (world.pending, world.published)]
    agreement = check_create_agreement(
        case=case,
        draft=AgreementDraft(kind="mou", title={"en": "MoU"}, parties=parties),
        actor=broker,
        may_act=True,
        now=now,
    )
    document = check_upload_document(
        agreement=agreement, name="mou.pdf", content=PDF, actor=broker, may_act=True, now=now
    )
    for party in agreement.parties.all():
        check_sign(agreement=agreement, document=document, party=party, actor=broker, may_sign=True, now=now)
    message = check_post_message(
        case=case,
        author=broker,
        body="Draft attached",
        internal=False,
        may_post_internal=True,
        uploads=[Upload("mou.pdf", PDF)],
        now=now,
    )
    agreement.refresh_from_db()
    project = check_create_project(agreement=agreement, title={}, actor=broker, may_act=True, now=now)
    milestone = check_add_milestone(
        project=project,
        title="Kick-off",
        due_on=date(2030, 1, 1),
        owner=None,
        actor=broker,
        may_act=True,
        now=now,
    )
    return CoopObjects(
        case=case.pk,
        agreement=agreement.pk,
        document=document.pk,
        attachment=message.attachments.get().pk,
        project=project.pk,
        milestone=milestone.pk,
        showcase=Showcase.objects.create(
            area=ExhibitionArea.objects.create(event=objects.event, name={"en": "New energy"}),
            listing=objects.listings["same_centre"],
        ).pk,
    )


def _case(o: Objects) -> int:
    return coop(o).case


def _agreement(o: Objects) -> int:
    return coop(o).agreement


def _project(o: Objects) -> int:
    return coop(o).project


PAGE = expect(404, anonymous=302, **SEES_CASE)
WRITE = expect(404, anonymous=302, org_member=302, org_admin=302, operator=302, platform_admin=302)
# API reads: anonymous callers see no case (404); writes need a token or a session (401)
API = expect(404, **SEES_CASE)
# refused by the domain's rules (422) once the case is visible; hidden cases answer 404 first
API_WRITE = expect(404, anonymous=401, org_member=422, org_admin=422, operator=422, platform_admin=422)

# multipart endpoints sent a JSON body: refused by the input check before any lookup, the same answer
# for every signed-in caller (who sees what is tested with real uploads in tests/cooperation)
MULTIPART = expect(422, anonymous=401)
MULTIPART_WHAT = "a JSON body instead of a multipart upload"

ROWS = [
    Row("cooperation:board", lambda o: "/cooperation/", expect(404, anonymous=302, **BROKERS)),
    Row("cooperation:mine", lambda o: "/cooperation/mine/", expect(200, anonymous=302)),
    Row("cooperation:case", lambda o: f"/cooperation/cases/{_case(o)}/", PAGE),
    Row("cooperation:case_stage", lambda o: f"/cooperation/cases/{_case(o)}/stage/", WRITE, method="post"),
    Row(
        "cooperation:case_message", lambda o: f"/cooperation/cases/{_case(o)}/messages/", WRITE, method="post"
    ),
    Row("cooperation:case_reveal", lambda o: f"/cooperation/cases/{_case(o)}/reveal/", WRITE, method="post"),
    Row("cooperation:agreement_new", lambda o: f"/cooperation/cases/{_case(o)}/agreements/new/", PAGE),
    Row("cooperation:case_draft", lambda o: f"/cooperation/cases/{_case(o)}/drafts/mou.docx", PAGE),
    Row(
        "cooperation:registration_export",
        lambda o: "/cooperation/registration-export/",
        expect(404, anonymous=302, **BROKERS),
    ),
    Row(
        "cooperation:start_from_interest",
        lambda o: f"/cooperation/start/interest/{o.interest.public_id}/",
        expect(404, anonymous=302, org_member=302, operator=302, platform_admin=302),
        what="the world's expression of interest (org_member's, same centre): refused with a message",
        method="post",
    ),
    Row(
        "cooperation:start_from_meeting",
        lambda o: f"/cooperation/start/meeting/{MISSING_UUID}/",
        expect(404, anonymous=302),
        what="missing meeting",
        method="post",
    ),
    Row(
        "cooperation:start_from_showcase",
        lambda o: f"/cooperation/start/showcase/{coop(o).showcase}/",
        expect(404, anonymous=302, org_member=302, org_admin=302, operator=302, platform_admin=302),
        what="the same centre's listing shown at the world's event: members start a case (their "
        "organisation's second start is refused with a message), the centre's broker follows one",
        method="post",
    ),
    Row("cooperation:agreement", lambda o: f"/cooperation/agreements/{_agreement(o)}/", PAGE),
    Row(
        "cooperation:agreement_edit",
        lambda o: f"/cooperation/agreements/{_agreement(o)}/edit/",
        PAGE,
        what="the signed MoU: the page says its terms are fixed",
    ),
    Row(
        "cooperation:agreement_edit",
        lambda o: f"/cooperation/agreements/{_agreement(o)}/edit/",
        expect(404, anonymous=302, org_member=422, org_admin=422, operator=422, platform_admin=422),
        what="the signed MoU: its terms are fixed",
        method="post",
        data={"signed_place": "Budapest"},
    ),
    Row(
        "cooperation:agreement_upload",
        lambda o: f"/cooperation/agreements/{_agreement(o)}/documents/",
        WRITE,
        method="post",
    ),
    Row(
        "cooperation:agreement_sign",
        lambda o: f"/cooperation/agreements/{_agreement(o)}/sign/",
        WRITE,
        method="post",
    ),
    Row(
        "cooperation:agreement_status",
        lambda o: f"/cooperation/agreements/{_agreement(o)}/status/",
        WRITE,
        method="post",
    ),
    Row(
        "cooperation:agreement_project",
        lambda o: f"/cooperation/agreements/{_agreement(o)}/projects/",
        WRITE,
        method="post",
    ),
    Row("cooperation:document", lambda o: f"/cooperation/documents/{coop(o).document}/", PAGE),
    Row("cooperation:attachment", lambda o: f"/cooperation/attachments/{coop(o).attachment}/", PAGE),
    Row("cooperation:project", lambda o: f"/cooperation/projects/{_project(o)}/", PAGE),
    Row(
        "cooperation:project_status",
        lambda o: f"/cooperation/projects/{_project(o)}/status/",
        WRITE,
        method="post",
    ),
    Row(
        "cooperation:milestone_add",
        lambda o: f"/cooperation/projects/{_project(o)}/milestones/",
        WRITE,
        method="post",
    ),
    Row(
        "cooperation:milestone_meet",
        lambda o: f"/cooperation/projects/{_project(o)}/milestones/{coop(o).milestone}/meet/",
        WRITE,
        method="post",
    ),
    Row(
        "cooperation:figure_add",
        lambda o: f"/cooperation/projects/{_project(o)}/figures/",
        WRITE,
        method="post",
    ),
    # the API
    Row("GET /api/v1/cooperation/cases", lambda o: "/api/v1/cooperation/cases", expect(200)),
    Row("GET /api/v1/cooperation/cases/{case_id}", lambda o: f"/api/v1/cooperation/cases/{_case(o)}", API),
    Row(
        "POST /api/v1/cooperation/cases",
        lambda o: "/api/v1/cooperation/cases",
        expect(422, anonymous=401),
        method="post",
    ),
    Row(
        "PATCH /api/v1/cooperation/cases/{case_id}",
        lambda o: f"/api/v1/cooperation/cases/{_case(o)}",
        API_WRITE,
        method="patch",
        data={"stage": "nonsense"},
    ),
    Row(
        "GET /api/v1/cooperation/cases/{case_id}/messages",
        lambda o: f"/api/v1/cooperation/cases/{_case(o)}/messages",
        API,
    ),
    Row(
        "POST /api/v1/cooperation/cases/{case_id}/messages",
        lambda o: f"/api/v1/cooperation/cases/{_case(o)}/messages",
        API_WRITE,
        method="post",
        data={"body": ""},
    ),
    Row("GET /api/v1/cooperation/agreements", lambda o: "/api/v1/cooperation/agreements", expect(200)),
    Row(
        "GET /api/v1/cooperation/agreements/{agreement_id}",
        lambda o: f"/api/v1/cooperation/agreements/{_agreement(o)}",
        API,
    ),
    Row(
        "POST /api/v1/cooperation/agreements",
        lambda o: "/api/v1/cooperation/agreements",
        expect(422, anonymous=401),
        method="post",
    ),
    Row(
        "POST /api/v1/cooperation/agreements/{agreement_id}/status",
        lambda o: f"/api/v1/cooperation/agreements/{_agreement(o)}/status",
        API_WRITE,
        method="post",
        data={"status": "nonsense"},
    ),
    Row(
        "PATCH /api/v1/cooperation/agreements/{agreement_id}",
        lambda o: f"/api/v1/cooperation/agreements/{_agreement(o)}",
        API_WRITE,
        what="the signed MoU: its terms are fixed",
        method="patch",
        data={"version": 1, "signed_place": "Budapest"},
    ),
    Row(
        "POST /api/v1/cooperation/agreements/{agreement_id}/documents",
        lambda o: f"/api/v1/cooperation/agreements/{_agreement(o)}/documents",
        MULTIPART,
        what=MULTIPART_WHAT,
        method="post",
    ),
    Row(
        "POST /api/v1/cooperation/cases/{case_id}/messages/with-attachment",
        lambda o: f"/api/v1/cooperation/cases/{_case(o)}/messages/with-attachment",
        MULTIPART,
        what=MULTIPART_WHAT,
        method="post",
    ),
    Row(
        "POST /api/v1/cooperation/projects/{project_id}/figures",
        lambda o: f"/api/v1/cooperation/projects/{_project(o)}/figures",
        API_WRITE,
        what="a negative figure",
        method="post",
        data={"kind": "patents_filed", "value": "-1"},
    ),
    Row("GET /api/v1/cooperation/projects", lambda o: "/api/v1/cooperation/projects", expect(200)),
    Row(
        "GET /api/v1/cooperation/projects/{project_id}",
        lambda o: f"/api/v1/cooperation/projects/{_project(o)}",
        API,
    ),
    Row(
        "POST /api/v1/cooperation/projects",
        lambda o: "/api/v1/cooperation/projects",
        expect(422, anonymous=401),
        method="post",
    ),
    Row(
        "PATCH /api/v1/cooperation/projects/{project_id}",
        lambda o: f"/api/v1/cooperation/projects/{_project(o)}",
        API_WRITE,
        method="patch",
        data={"status": "nonsense"},
    ),
    Row(
        "GET /api/v1/cooperation/projects/{project_id}/milestones",
        lambda o: f"/api/v1/cooperation/projects/{_project(o)}/milestones",
        API,
    ),
    Row(
        "POST /api/v1/cooperation/projects/{project_id}/milestones",
        lambda o: f"/api/v1/cooperation/projects/{_project(o)}/milestones",
        API_WRITE,
        method="post",
        data={"title": "", "due_on": "2030-01-01"},
    ),
    Row(
        "POST /api/v1/cooperation/projects/{project_id}/milestones/{milestone_id}/met",
        lambda o: f"/api/v1/cooperation/projects/{_project(o)}/milestones/{coop(o).milestone}/met",
        API_WRITE,
        method="post",
        data={"evidence": ""},
    ),
    Row(
        "GET /api/v1/cooperation/cases/{case_id}",
        lambda o: f"/api/v1/cooperation/cases/{MISSING}",
        expect(404),
        what="missing case",
    ),
]
