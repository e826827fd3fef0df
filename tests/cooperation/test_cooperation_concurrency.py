"""No lost update: two parties signing at the same moment, a broker moving the case while a party
signs. Real threads on real connections (the row locks matter on PostgreSQL; SQLite serialises)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from coop_world import NOW, PDF, Coop, build_coop, draft_contract
from django.db import connection

from techbridge.cooperation.domain.agreements import check_sign, check_upload_document
from techbridge.cooperation.domain.cases import check_change_stage
from techbridge.cooperation.domain.errors import CooperationError
from techbridge.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    CaseTransition,
    CooperationCase,
)

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are exercised on PostgreSQL"
)


@pytest.fixture
def threaded_coop(transactional_db: None) -> Coop:
    return build_coop()


def _race(*actions: Callable[[], None]) -> list[BaseException]:
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action: Callable[[], None]) -> None:
        try:
            barrier.wait(timeout=30)
            action()
        except CooperationError:
            pass  # a clean refusal is an acceptable outcome of a race
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def _sign(agreement_id: int, document_id: int, party_id: int, user_id: int) -> Callable[[], None]:
    def action() -> None:
        from techbridge.accounts.models import User

        check_sign(
            agreement=Agreement.objects.get(pk=agreement_id),
            document=AgreementDocument.objects.get(pk=document_id),
            party=AgreementParty.objects.get(pk=party_id),
            actor=User.objects.get(pk=user_id),
            may_sign=True,
            now=NOW,
        )

    return action


def test_two_parties_signing_at_once_both_count_and_the_agreement_is_signed(threaded_coop: Coop) -> None:
    coop = threaded_coop
    agreement = draft_contract(coop)
    document = check_upload_document(
        agreement=agreement, name="v1.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    owner_party = agreement.parties.get(organisation=coop.owner_org)
    partner_party = agreement.parties.get(organisation=coop.partner_org)
    errors = _race(
        _sign(agreement.pk, document.pk, owner_party.pk, coop.owner.pk),
        _sign(agreement.pk, document.pk, partner_party.pk, coop.partner.pk),
    )
    assert errors == []
    agreement.refresh_from_db()
    assert agreement.signatures.count() == 2
    assert agreement.status == "signed"
    assert CooperationCase.objects.get(pk=coop.case.pk).stage == "signed"


def test_a_broker_moving_the_case_while_a_party_signs_loses_nothing(threaded_coop: Coop) -> None:
    coop = threaded_coop
    agreement = draft_contract(coop)
    document = check_upload_document(
        agreement=agreement, name="v1.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    owner_party = agreement.parties.get(organisation=coop.owner_org)
    case_id, broker_id = coop.case.pk, coop.broker.pk

    def hold() -> None:
        from techbridge.accounts.models import User

        check_change_stage(
            case=CooperationCase.objects.get(pk=case_id),
            target="on_hold",
            reason="Elections",
            actor=User.objects.get(pk=broker_id),
            may_manage=True,
            now=NOW,
        )

    version_before = CooperationCase.objects.get(pk=case_id).version
    errors = _race(hold, _sign(agreement.pk, document.pk, owner_party.pk, coop.owner.pk))
    assert errors == []
    case = CooperationCase.objects.get(pk=case_id)
    assert case.stage == "on_hold"
    assert case.held_from == "agreement_drafted"
    assert agreement.signatures.count() == 1
    assert case.version == version_before + 2  # both writes counted, neither overwritten
    assert CaseTransition.objects.filter(case_id=case_id, to_stage="on_hold").count() == 1


def test_a_change_of_terms_waiting_on_a_signature_is_refused_once_it_lands(threaded_coop: Coop) -> None:
    """A party signs (and holds the locks a moment) while the broker changes the amount: the change
    passes its first look (no signature committed yet), then waits on the case lock, then sees the
    signature under the lock and is refused; the signed terms stay as signed."""
    import time
    from decimal import Decimal

    from django.db import transaction

    from techbridge.cooperation.domain.agreements import check_update_agreement, draft_of

    coop = threaded_coop
    agreement = draft_contract(coop)
    document = check_upload_document(
        agreement=agreement, name="v1.pdf", content=PDF, actor=coop.broker, may_act=True, now=NOW
    )
    owner_party = agreement.parties.get(organisation=coop.owner_org)
    signing = threading.Event()
    refusals: list[str] = []
    errors: list[BaseException] = []

    def sign_and_linger() -> None:
        try:
            with transaction.atomic():
                _sign(agreement.pk, document.pk, owner_party.pk, coop.owner.pk)()
                signing.set()
                time.sleep(1.0)
        except BaseException as error:
            errors.append(error)
            signing.set()
        finally:
            connection.close()

    def change_amount() -> None:
        from dataclasses import replace

        from techbridge.accounts.models import User

        try:
            signing.wait(timeout=30)
            current = Agreement.objects.get(pk=agreement.pk)
            check_update_agreement(
                agreement=current,
                draft=replace(draft_of(current), total_amount=Decimal(1200000)),
                actor=User.objects.get(pk=coop.broker.pk),
                may_act=True,
                expected_version=None,
                now=NOW,
            )
        except CooperationError as refused:
            refusals.append(refused.code)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_and_linger), threading.Thread(target=change_amount)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert refusals == ["terms_signed"]
    after = Agreement.objects.get(pk=agreement.pk)
    assert after.total_amount == Decimal("1000000.00")
    assert after.signatures.count() == 1
