"""Expressions of interest: sent → (forwarded by the broker) → accepted / declined → closed.

When the listing is anonymous the broker sees the expression first and forwards it; otherwise
it reaches the owner at once and the owner answers it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class InterestStatus(StrEnum):
    SENT = "sent"
    FORWARDED = "forwarded"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CLOSED = "closed"


class InterestAction(StrEnum):
    FORWARD = "forward"
    ACCEPT = "accept"
    DECLINE = "decline"
    CLOSE = "close"


class Party(StrEnum):
    SENDER = "sender"
    OWNER = "owner"
    BROKER = "broker"


@dataclass(frozen=True)
class InterestRule:
    sources: frozenset[InterestStatus]
    target: InterestStatus
    parties: frozenset[Party]


_I = InterestStatus
_OPEN = frozenset({_I.SENT, _I.FORWARDED, _I.ACCEPTED, _I.DECLINED})
INTEREST_RULES: dict[InterestAction, InterestRule] = {
    InterestAction.FORWARD: InterestRule(frozenset({_I.SENT}), _I.FORWARDED, frozenset({Party.BROKER})),
    InterestAction.ACCEPT: InterestRule(
        frozenset({_I.SENT, _I.FORWARDED}), _I.ACCEPTED, frozenset({Party.OWNER, Party.BROKER})
    ),
    InterestAction.DECLINE: InterestRule(
        frozenset({_I.SENT, _I.FORWARDED}), _I.DECLINED, frozenset({Party.OWNER, Party.BROKER})
    ),
    InterestAction.CLOSE: InterestRule(
        _OPEN, _I.CLOSED, frozenset({Party.SENDER, Party.OWNER, Party.BROKER})
    ),
}


class InterestRefusedError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def owner_may_answer(*, status: InterestStatus, anonymous: bool) -> bool:
    """The owner of an anonymous listing answers only what the broker forwarded."""
    return not anonymous or status is not InterestStatus.SENT


def interest_target(
    *, action: InterestAction, status: InterestStatus, parties: frozenset[Party], anonymous: bool
) -> InterestStatus:
    rule = INTEREST_RULES[action]
    acting = set(parties & rule.parties)
    if (
        Party.OWNER in acting
        and Party.BROKER not in acting
        and not owner_may_answer(status=status, anonymous=anonymous)
    ):
        acting.discard(Party.OWNER)
    if not acting:
        raise InterestRefusedError("not_allowed")
    if status not in rule.sources:
        raise InterestRefusedError("wrong_status")
    return rule.target


def interest_actions(
    *, status: InterestStatus, parties: frozenset[Party], anonymous: bool
) -> tuple[InterestAction, ...]:
    allowed = []
    for action in INTEREST_RULES:
        try:
            interest_target(action=action, status=status, parties=parties, anonymous=anonymous)
        except InterestRefusedError:
            continue
        allowed.append(action)
    return tuple(allowed)
