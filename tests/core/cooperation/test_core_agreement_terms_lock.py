"""An agreement's terms lock once a party has signed the current document version (a new version
reopens them); only drafts change at all; the parties stay once anyone has signed any version."""

from __future__ import annotations

import pytest

from techbridge_core.cooperation.agreements import (
    LOCKED_TERMS,
    AgreementStatus,
    TermsChange,
    check_terms_change,
    locked_terms,
)
from techbridge_core.cooperation.refusals import CooperationRefusedError

DRAFT = AgreementStatus.DRAFT


def _code(change: TermsChange) -> str | None:
    try:
        check_terms_change(change)
    except CooperationRefusedError as refused:
        return refused.code
    return None


def test_the_refusal_names_the_first_locked_term_changed() -> None:
    change = TermsChange(
        status=DRAFT,
        changed=frozenset({"title", "ends_on", "currency"}),
        signed_current_version=True,
        signed_any_version=True,
    )
    with pytest.raises(CooperationRefusedError) as refused:
        check_terms_change(change)
    assert (refused.value.code, refused.value.field) == ("terms_signed", "currency")


@pytest.mark.parametrize("term", sorted(LOCKED_TERMS))
def test_every_term_is_free_before_a_signature_and_locked_after_one(term: str) -> None:
    before = TermsChange(
        status=DRAFT, changed=frozenset({term}), signed_current_version=False, signed_any_version=False
    )
    after = TermsChange(
        status=DRAFT, changed=frozenset({term}), signed_current_version=True, signed_any_version=True
    )
    assert _code(before) is None
    assert _code(after) == "terms_signed"


def test_the_title_and_confidentiality_marks_stay_editable_while_signed_draft() -> None:
    change = TermsChange(
        status=DRAFT,
        changed=frozenset({"title", "amounts_confidential", "documents_confidential"}),
        signed_current_version=True,
        signed_any_version=True,
    )
    assert _code(change) is None


def test_an_unchanged_submission_of_signed_terms_passes() -> None:
    change = TermsChange(
        status=DRAFT, changed=frozenset(), signed_current_version=True, signed_any_version=True
    )
    assert _code(change) is None


def test_a_new_version_reopens_the_terms_but_not_the_parties() -> None:
    # signatures exist only on a superseded version
    amounts = TermsChange(
        status=DRAFT,
        changed=frozenset({"total_amount", "currency"}),
        signed_current_version=False,
        signed_any_version=True,
    )
    parties = TermsChange(
        status=DRAFT, changed=frozenset({"parties"}), signed_current_version=False, signed_any_version=True
    )
    assert _code(amounts) is None
    assert _code(parties) == "parties_signed"


@pytest.mark.parametrize("status", [s for s in AgreementStatus if s is not DRAFT])
def test_only_a_draft_changes(status: AgreementStatus) -> None:
    change = TermsChange(
        status=status, changed=frozenset({"title"}), signed_current_version=False, signed_any_version=True
    )
    assert _code(change) == "terms_fixed"
    assert locked_terms(status, signed_current_version=False) == LOCKED_TERMS


def test_locked_terms_follow_the_current_versions_signatures() -> None:
    assert locked_terms(DRAFT, signed_current_version=False) == frozenset()
    assert locked_terms(DRAFT, signed_current_version=True) == LOCKED_TERMS
    assert "title" not in LOCKED_TERMS
