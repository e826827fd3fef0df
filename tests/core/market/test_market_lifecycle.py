from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from techbridge_core.market.expiry import (
    DueAction,
    PublicationDates,
    due_action,
    expiry_for,
    renewal_refusal,
    renewed_expiry,
)
from techbridge_core.market.lifecycle import (
    Action,
    Role,
    Status,
    TransitionRefusedError,
    available_actions,
    can_edit,
    target_status,
)

OWNER = frozenset({Role.OWNER})
OPERATOR = frozenset({Role.OPERATOR})
SYSTEM = frozenset({Role.SYSTEM})
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("action", "status", "roles", "expected"),
    [
        (Action.SUBMIT, Status.DRAFT, OWNER, Status.SUBMITTED),
        (Action.SUBMIT, Status.RETURNED, OWNER, Status.SUBMITTED),
        (Action.START_REVIEW, Status.SUBMITTED, OPERATOR, Status.UNDER_REVIEW),
        (Action.APPROVE, Status.UNDER_REVIEW, OPERATOR, Status.PUBLISHED),
        (Action.APPROVE, Status.SUBMITTED, OPERATOR, Status.PUBLISHED),
        (Action.HOLD, Status.PUBLISHED, OWNER, Status.ON_HOLD),
        (Action.RESUME, Status.ON_HOLD, OPERATOR, Status.PUBLISHED),
        (Action.WITHDRAW, Status.PUBLISHED, OWNER, Status.WITHDRAWN),
        (Action.EXPIRE, Status.PUBLISHED, SYSTEM, Status.EXPIRED),
        (Action.ARCHIVE, Status.EXPIRED, SYSTEM, Status.ARCHIVED),
    ],
)
def test_transition_allowed_gives_target(
    action: Action, status: Status, roles: frozenset[Role], expected: Status
) -> None:
    assert target_status(action=action, status=status, roles=roles) == expected


@pytest.mark.parametrize(
    ("action", "status", "roles", "code"),
    [
        (Action.APPROVE, Status.SUBMITTED, OWNER, "not_allowed"),
        (Action.SUBMIT, Status.DRAFT, OPERATOR, "not_allowed"),
        (Action.APPROVE, Status.DRAFT, OPERATOR, "wrong_status"),
        (Action.SUBMIT, Status.PUBLISHED, OWNER, "wrong_status"),
        (Action.EXPIRE, Status.PUBLISHED, OPERATOR, "not_allowed"),
        (Action.WITHDRAW, Status.ARCHIVED, OWNER, "wrong_status"),
        (Action.RESUME, Status.PUBLISHED, OWNER, "wrong_status"),
    ],
)
def test_transition_refused_says_why(
    action: Action, status: Status, roles: frozenset[Role], code: str
) -> None:
    with pytest.raises(TransitionRefusedError) as refused:
        target_status(action=action, status=status, roles=roles)

    assert refused.value.code == code


def test_return_without_reason_is_refused() -> None:
    with pytest.raises(TransitionRefusedError) as refused:
        target_status(action=Action.RETURN, status=Status.SUBMITTED, roles=OPERATOR, reason="  ")

    assert refused.value.code == "reason_required"


def test_available_actions_for_operator_on_submitted() -> None:
    actions = available_actions(status=Status.SUBMITTED, roles=OPERATOR)

    assert actions == (Action.START_REVIEW, Action.APPROVE, Action.RETURN, Action.REJECT, Action.WITHDRAW)


def test_available_actions_never_offer_system_actions() -> None:
    assert available_actions(status=Status.PUBLISHED, roles=OWNER | OPERATOR) == (
        Action.HOLD,
        Action.WITHDRAW,
        Action.RENEW,
    )


def test_owner_edits_drafts_but_not_published() -> None:
    assert (can_edit(status=Status.DRAFT, roles=OWNER), can_edit(status=Status.PUBLISHED, roles=OWNER)) == (
        True,
        False,
    )


def _published(at: datetime, **changes: object) -> PublicationDates:
    values: dict[str, object] = {"status": Status.PUBLISHED, "expires_at": expiry_for(at)}
    values.update(changes)
    return PublicationDates(**values)  # type: ignore[arg-type]


def test_due_action_nothing_before_warning_window() -> None:
    assert due_action(_published(NOW), now=NOW + timedelta(days=350)) is None


def test_due_action_warns_fourteen_days_before_expiry() -> None:
    assert due_action(_published(NOW), now=NOW + timedelta(days=351)) == DueAction.WARN


def test_due_action_warns_only_once() -> None:
    dates = _published(NOW, warned_at=NOW + timedelta(days=351))

    assert due_action(dates, now=NOW + timedelta(days=352)) is None


def test_due_action_expires_after_a_year() -> None:
    assert due_action(_published(NOW), now=NOW + timedelta(days=365)) == DueAction.EXPIRE


def test_due_action_archives_two_years_after_expiry() -> None:
    expired_at = NOW + timedelta(days=365)
    dates = PublicationDates(status=Status.EXPIRED, expires_at=expired_at, expired_at=expired_at)

    assert (
        due_action(dates, now=expired_at + timedelta(days=729)),
        due_action(dates, now=expired_at + timedelta(days=730)),
    ) == (None, DueAction.ARCHIVE)


def test_renewal_refused_before_warning_window() -> None:
    assert renewal_refusal(_published(NOW), now=NOW + timedelta(days=100)) == "too_early"


def test_renewal_allowed_once() -> None:
    now = NOW + timedelta(days=355)

    assert (
        renewal_refusal(_published(NOW), now=now),
        renewal_refusal(_published(NOW, renewals=1), now=now),
    ) == (None, "renewed_already")


def test_renewal_of_expired_listing_counts_from_now() -> None:
    now = NOW + timedelta(days=400)
    dates = PublicationDates(status=Status.EXPIRED, expires_at=NOW + timedelta(days=365), expired_at=now)

    assert (renewal_refusal(dates, now=now), renewed_expiry(dates, now=now)) == (
        None,
        now + timedelta(days=365),
    )


def test_renewal_in_window_keeps_remaining_days() -> None:
    dates = _published(NOW)

    assert renewed_expiry(dates, now=NOW + timedelta(days=360)) == NOW + timedelta(days=730)
