"""Decisions as labelled data: machine codes plus parameters, no prose.

The web layer maps each ``ReasonCode`` to a translatable message (en, zh-hans, hu) and
formats the parameters (datetimes in the viewer's zone, minutes as hours) itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

ParamValue = int | str | datetime


class ReasonCode(StrEnum):
    # refusals
    NOT_ALIGNED = "not_aligned"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_SOON = "too_soon"
    TOO_FAR_AHEAD = "too_far_ahead"
    OUTSIDE_OPENING_HOURS = "outside_opening_hours"
    BLACKOUT = "blackout"
    CAPACITY_FULL = "capacity_full"
    USER_DAILY_QUOTA = "user_daily_quota"
    USER_WEEKLY_QUOTA = "user_weekly_quota"
    ORGANISATION_DAILY_QUOTA = "organisation_daily_quota"
    ORGANISATION_WEEKLY_QUOTA = "organisation_weekly_quota"
    TRAINING_REQUIRED = "training_required"
    SELF_SERVICE_NOT_OFFERED = "self_service_not_offered"
    # approvals
    CATEGORY_NEEDS_APPROVAL = "category_needs_approval"
    OPERATED_NEEDS_APPROVAL = "operated_needs_approval"


class Outcome(StrEnum):
    ALLOWED = "allowed"
    NEEDS_APPROVAL = "needs_approval"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    params: tuple[tuple[str, ParamValue], ...] = ()

    @classmethod
    def of(cls, code: ReasonCode, **params: ParamValue) -> Reason:
        return cls(code, tuple(sorted(params.items())))

    @property
    def params_dict(self) -> Mapping[str, ParamValue]:
        return dict(self.params)


@dataclass(frozen=True, slots=True)
class Decision:
    """Every violated rule (``refusals``) and every reason a manager must approve."""

    refusals: tuple[Reason, ...] = ()
    approvals: tuple[Reason, ...] = ()

    @property
    def outcome(self) -> Outcome:
        if self.refusals:
            return Outcome.REFUSED
        if self.approvals:
            return Outcome.NEEDS_APPROVAL
        return Outcome.ALLOWED

    @property
    def refusal_codes(self) -> tuple[ReasonCode, ...]:
        return tuple(reason.code for reason in self.refusals)


def minutes(span: timedelta) -> int:
    """Whole minutes of a duration, the unit every reason parameter uses."""
    return span // timedelta(minutes=1)
