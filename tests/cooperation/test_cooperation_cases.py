"""Cases: started from an accepted EOI, moved by brokers with history, seen only by the people of the case."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from coop_world import COOP_ROLES, NOW, SEES_CASE, Coop, build_coop
from django.utils import timezone

from techbridge.cooperation import enums
from techbridge.cooperation.domain.cases import check_change_stage, check_start_from_interest
from techbridge.cooperation.domain.errors import CooperationError
from techbridge.cooperation.domain.messages import check_post_message
from techbridge.cooperation.models import CaseTransition, CooperationCase
from techbridge.notifications.models import Notification
from techbridge_core.cooperation import agreements, projects, stages
from world import client_for


@pytest.mark.parametrize(
    ("django_enum", "core_enum"),
    [
        (enums.CaseStage, stages.CaseStage),
        (enums.AgreementKind, agreements.AgreementKind),
        (enums.AgreementStatus, agreements.AgreementStatus),
        (enums.ContractCategory, agreements.ContractCategory),
        (enums.ContractSubtype, agreements.ContractSubtype),
        (enums.PartyRole, agreements.PartyRole),
        (enums.ProjectStatus, projects.ProjectStatus),
        (enums.MilestoneStatus, projects.MilestoneStatus),
        (enums.FigureKind, projects.FigureKind),
    ],
)
def test_django_choices_mirror_the_core_enums(django_enum: type, core_enum: type) -> None:
    assert [choice.value for choice in django_enum] == [member.value for member in core_enum]


@pytest.mark.django_db
def test_an_accepted_interest_starts_a_case_with_both_parties_and_the_listing(coop: Coop) -> None:
    case = coop.case
    assert case.stage == "negotiating"
    assert set(case.parties.values_list("organisation_id", "role")) == {
        (coop.owner_org.pk, "listing_owner"),
        (coop.partner_org.pk, "interested"),
    }
    assert list(case.listings.all()) == [coop.listing]
    assert case.countries == ["CN", "HU"]
    assert Notification.objects.filter(recipient=coop.owner, kind="cooperation").exists()
    with pytest.raises(CooperationError, match="case_exists"):
        check_start_from_interest(interest=coop.interest, actor=coop.broker, now=NOW)


@pytest.mark.django_db
@pytest.mark.parametrize("role", COOP_ROLES)
def test_only_the_people_of_the_case_see_its_pages(coop: Coop, role: str) -> None:
    client = client_for(coop.user(role))
    response = client.get(f"/cooperation/cases/{coop.case.pk}/")
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in SEES_CASE else 404)


@pytest.mark.django_db
def test_the_broker_moves_the_case_and_the_history_records_who_when_why(coop: Coop) -> None:
    page = client_for(coop.broker).get(f"/cooperation/cases/{coop.case.pk}/", HTTP_ACCEPT_LANGUAGE="hu")
    form = (
        page.content.decode()
        .split(f'action="/cooperation/cases/{coop.case.pk}/stage/"')[1]
        .split("</form>")[0]
    )
    offered = re.findall(r'<option value="([a-z_]+)">', form)
    assert offered == ["agreement_drafted", "on_hold", "abandoned"]  # the moves allowed from negotiating
    assert '<option value="on_hold">Felfüggesztve</option>' in form  # labels in the reader's language
    assert f'name="version" value="{coop.case.version}"' in form
    assert '<label for="id_stage">Áthelyezés ide</label>' in form
    assert (
        "stage/" not in client_for(coop.partner).get(f"/cooperation/cases/{coop.case.pk}/").content.decode()
    )
    response = client_for(coop.broker).post(
        f"/cooperation/cases/{coop.case.pk}/stage/", {"stage": "on_hold", "reason": "Waiting for the budget"}
    )
    assert response.status_code == 302
    coop.case.refresh_from_db()
    assert coop.case.stage == "on_hold"
    assert coop.case.held_from == "negotiating"
    last = CaseTransition.objects.filter(case=coop.case).last()
    assert last is not None
    assert (last.actor, last.reason, last.from_stage) == (
        coop.broker,
        "Waiting for the budget",
        "negotiating",
    )
    check_change_stage(
        case=coop.case,
        target="negotiating",
        reason="",
        actor=coop.broker,
        may_manage=True,
        now=NOW + timedelta(1),
    )
    coop.case.refresh_from_db()
    assert coop.case.stage == "negotiating"
    assert coop.case.held_from == ""


@pytest.mark.django_db
def test_a_party_cannot_move_the_case_and_a_reason_is_needed_to_abandon(coop: Coop) -> None:
    client_for(coop.partner).post(
        f"/cooperation/cases/{coop.case.pk}/stage/", {"stage": "abandoned", "reason": "x"}
    )
    coop.case.refresh_from_db()
    assert coop.case.stage == "negotiating"
    page = client_for(coop.broker).post(
        f"/cooperation/cases/{coop.case.pk}/stage/",
        {"stage": "abandoned", "reason": ""},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="hu",
    )
    assert "Kérjük, adja meg az okát." in page.content.decode()
    coop.case.refresh_from_db()
    assert coop.case.stage == "negotiating"


@pytest.mark.django_db
def test_a_stale_version_is_refused(coop: Coop) -> None:
    with pytest.raises(CooperationError, match="stale_version"):
        check_change_stage(
            case=coop.case,
            target="agreement_drafted",
            reason="",
            actor=coop.broker,
            may_manage=True,
            expected_version=coop.case.version - 1 if coop.case.version > 1 else 99,
            now=NOW,
        )


@pytest.mark.django_db
def test_an_anonymous_owner_stays_hidden_until_it_agrees() -> None:
    coop = build_coop(anonymous=True)
    assert coop.case.owner_revealed is False
    owner_name = "Chongqing Battery Works"
    assert (
        owner_name not in client_for(coop.partner).get(f"/cooperation/cases/{coop.case.pk}/").content.decode()
    )
    assert owner_name in client_for(coop.broker).get(f"/cooperation/cases/{coop.case.pk}/").content.decode()
    draft = f"/cooperation/cases/{coop.case.pk}/drafts/mou.docx"
    assert client_for(coop.partner).get(draft).status_code == 404
    client_for(coop.partner).post(f"/cooperation/cases/{coop.case.pk}/reveal/")
    coop.case.refresh_from_db()
    assert coop.case.owner_revealed is False
    client_for(coop.owner).post(f"/cooperation/cases/{coop.case.pk}/reveal/")
    assert client_for(coop.partner).get(draft).status_code == 200
    assert owner_name in client_for(coop.partner).get(f"/cooperation/cases/{coop.case.pk}/").content.decode()


@pytest.mark.django_db
def test_the_board_is_for_brokers_and_flags_stale_cases(coop: Coop) -> None:
    assert client_for(coop.partner).get("/cooperation/").status_code == 404
    page = client_for(coop.broker).get("/cooperation/").content.decode()
    assert "Low-temperature electrolyte" in page
    assert "Stale: no activity for 30 days" not in page
    CooperationCase.objects.filter(pk=coop.case.pk).update(
        last_activity_at=timezone.now() - timedelta(days=31)
    )
    page = (
        client_for(coop.broker).get("/cooperation/?stale=1", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    )
    assert "停滞：30 天无活动" in page
    assert client_for(coop.other_broker).get("/cooperation/").content.decode().count("coop-case") == 0
    mine = client_for(coop.partner).get("/cooperation/mine/").content.decode()
    assert "Low-temperature electrolyte" in mine


@pytest.mark.django_db
def test_an_anonymous_owners_messages_do_not_name_their_author_until_it_agrees() -> None:
    coop = build_coop(anonymous=True)
    coop.owner.display_name = "Zhang Wei of the battery works"
    coop.owner.save(update_fields=["display_name"])
    check_post_message(
        case=coop.case,
        author=coop.owner,
        body="We can ship samples.",
        internal=False,
        may_post_internal=False,
        now=NOW,
    )
    page = f"/cooperation/cases/{coop.case.pk}/"
    api = f"/api/v1/cooperation/cases/{coop.case.pk}/messages"
    assert "Zhang Wei" not in client_for(coop.partner).get(page).content.decode()
    assert [m["author_id"] for m in client_for(coop.partner).get(api).json()["items"]] == [None]
    assert "Zhang Wei" in client_for(coop.broker).get(page).content.decode()
    client_for(coop.owner).post(f"/cooperation/cases/{coop.case.pk}/reveal/")
    assert "Zhang Wei" in client_for(coop.partner).get(page).content.decode()
    assert [m["author_id"] for m in client_for(coop.partner).get(api).json()["items"]] == [coop.owner.pk]
