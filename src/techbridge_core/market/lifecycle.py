"""The listing lifecycle: which action moves a listing from which status, and who may take it.

draft → submitted → under review → published / returned / rejected; published → expired
(after 365 days, one renewal) → archived (two years after expiry); on hold; withdrawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    PUBLISHED = "published"
    RETURNED = "returned"
    REJECTED = "rejected"
    ON_HOLD = "on_hold"
    EXPIRED = "expired"
    ARCHIVED = "archived"
    WITHDRAWN = "withdrawn"


class Action(StrEnum):
    SUBMIT = "submit"
    START_REVIEW = "start_review"
    APPROVE = "approve"
    RETURN = "return"
    REJECT = "reject"
    HOLD = "hold"
    RESUME = "resume"
    WITHDRAW = "withdraw"
    RENEW = "renew"
    EXPIRE = "expire"
    ARCHIVE = "archive"


class Role(StrEnum):
    """The actor's relation to the listing: its owner, a broker of its centre, or the clock."""

    OWNER = "owner"
    OPERATOR = "operator"
    SYSTEM = "system"


@dataclass(frozen=True)
class Rule:
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role]
    needs_reason: bool = False


def _rule(sources: tuple[Status, ...], target: Status, *roles: Role, needs_reason: bool = False) -> Rule:
    return Rule(frozenset(sources), target, frozenset(roles), needs_reason)


_S = Status
_REVIEWABLE = (_S.SUBMITTED, _S.UNDER_REVIEW)
_WITHDRAWABLE = (_S.DRAFT, _S.SUBMITTED, _S.UNDER_REVIEW, _S.RETURNED, _S.PUBLISHED, _S.ON_HOLD, _S.EXPIRED)
RULES: dict[Action, Rule] = {
    Action.SUBMIT: _rule((_S.DRAFT, _S.RETURNED), _S.SUBMITTED, Role.OWNER),
    Action.START_REVIEW: _rule((_S.SUBMITTED,), _S.UNDER_REVIEW, Role.OPERATOR),
    Action.APPROVE: _rule(_REVIEWABLE, _S.PUBLISHED, Role.OPERATOR),
    Action.RETURN: _rule(_REVIEWABLE, _S.RETURNED, Role.OPERATOR, needs_reason=True),
    Action.REJECT: _rule(_REVIEWABLE, _S.REJECTED, Role.OPERATOR, needs_reason=True),
    Action.HOLD: _rule((_S.PUBLISHED,), _S.ON_HOLD, Role.OWNER, Role.OPERATOR),
    Action.RESUME: _rule((_S.ON_HOLD,), _S.PUBLISHED, Role.OWNER, Role.OPERATOR),
    Action.WITHDRAW: _rule(_WITHDRAWABLE, _S.WITHDRAWN, Role.OWNER, Role.OPERATOR),
    Action.RENEW: _rule((_S.PUBLISHED, _S.EXPIRED), _S.PUBLISHED, Role.OWNER, Role.OPERATOR),
    Action.EXPIRE: _rule((_S.PUBLISHED, _S.ON_HOLD), _S.EXPIRED, Role.SYSTEM),
    Action.ARCHIVE: _rule((_S.EXPIRED,), _S.ARCHIVED, Role.SYSTEM),
}

EDITABLE_BY: dict[Role, frozenset[Status]] = {
    Role.OWNER: frozenset({_S.DRAFT, _S.RETURNED}),
    Role.OPERATOR: frozenset(
        {_S.DRAFT, _S.RETURNED, _S.SUBMITTED, _S.UNDER_REVIEW, _S.PUBLISHED, _S.ON_HOLD}
    ),
    Role.SYSTEM: frozenset(),
}


class TransitionRefusedError(Exception):
    """The action is not allowed; `code` says why in a word the interface can translate."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def target_status(*, action: Action, status: Status, roles: frozenset[Role], reason: str = "") -> Status:
    """The status after `action`, or TransitionRefusedError with the reason it cannot happen."""
    rule = RULES[action]
    if not rule.roles & roles:
        raise TransitionRefusedError("not_allowed")
    if status not in rule.sources:
        raise TransitionRefusedError("wrong_status")
    if rule.needs_reason and not reason.strip():
        raise TransitionRefusedError("reason_required")
    return rule.target


def available_actions(*, status: Status, roles: frozenset[Role]) -> tuple[Action, ...]:
    """Actions whose status and role conditions hold (dates are checked by the caller's `expiry`)."""
    return tuple(
        action
        for action, rule in RULES.items()
        if status in rule.sources and rule.roles & roles and Role.SYSTEM not in rule.roles
    )


def can_edit(*, status: Status, roles: frozenset[Role]) -> bool:
    return any(status in EDITABLE_BY[role] for role in roles)
