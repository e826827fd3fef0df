from __future__ import annotations

import pytest

from techbridge_core.market.interest import (
    InterestAction,
    InterestRefusedError,
    InterestStatus,
    Party,
    interest_actions,
    interest_target,
)

BROKER = frozenset({Party.BROKER})
OWNER = frozenset({Party.OWNER})
SENDER = frozenset({Party.SENDER})


def test_broker_forwards_sent_interest() -> None:
    target = interest_target(
        action=InterestAction.FORWARD, status=InterestStatus.SENT, parties=BROKER, anonymous=True
    )

    assert target == InterestStatus.FORWARDED


def test_owner_of_anonymous_listing_cannot_answer_before_forwarding() -> None:
    with pytest.raises(InterestRefusedError) as refused:
        interest_target(
            action=InterestAction.ACCEPT, status=InterestStatus.SENT, parties=OWNER, anonymous=True
        )

    assert refused.value.code == "not_allowed"


def test_owner_of_named_listing_answers_at_once() -> None:
    target = interest_target(
        action=InterestAction.ACCEPT, status=InterestStatus.SENT, parties=OWNER, anonymous=False
    )

    assert target == InterestStatus.ACCEPTED


def test_closed_interest_cannot_be_reopened() -> None:
    with pytest.raises(InterestRefusedError) as refused:
        interest_target(
            action=InterestAction.DECLINE, status=InterestStatus.CLOSED, parties=BROKER, anonymous=False
        )

    assert refused.value.code == "wrong_status"


def test_sender_may_only_close() -> None:
    assert interest_actions(status=InterestStatus.SENT, parties=SENDER, anonymous=False) == (
        InterestAction.CLOSE,
    )
