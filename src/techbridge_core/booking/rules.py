"""The booking rules, one small generator each, yielding every violation it finds.

Rules about *when* (``TIME_RULES``) are the ones a different start could satisfy;
rules about *who* and *how* (``BOOKER_RULES``) no other time can fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from techbridge_core.booking.context import RuleContext
from techbridge_core.booking.grid import is_aligned
from techbridge_core.booking.intervals import overlaps
from techbridge_core.booking.opening_hours import open_intervals
from techbridge_core.booking.quota import over_daily, over_weekly, split_by_local_day
from techbridge_core.booking.reasons import Reason, ReasonCode, minutes
from techbridge_core.booking.values import BookingMode, BookingRequest

Rule = Callable[[RuleContext, BookingRequest], Iterator[Reason]]


def alignment(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    policy, span = ctx.policy, request.interval
    ends = (span.start, span.end)
    if not all(is_aligned(e, granularity=policy.granularity, tz=policy.time_zone) for e in ends):
        yield Reason.of(ReasonCode.NOT_ALIGNED, granularity_minutes=minutes(policy.granularity))


def duration(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    policy, length = ctx.policy, request.interval.duration
    if length < policy.min_duration:
        yield Reason.of(ReasonCode.TOO_SHORT, min_minutes=minutes(policy.min_duration))
    if policy.max_duration is not None and length > policy.max_duration:
        yield Reason.of(ReasonCode.TOO_LONG, max_minutes=minutes(policy.max_duration))


def lead_time(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    if request.interval.start < ctx.earliest_start:
        yield Reason.of(ReasonCode.TOO_SOON, earliest_start=ctx.earliest_start)


def horizon(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    if request.interval.end > ctx.latest_end:
        yield Reason.of(ReasonCode.TOO_FAR_AHEAD, latest_end=ctx.latest_end)


def opening_hours(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    policy = ctx.policy
    if open_intervals(policy.opening_hours, request.interval, policy.time_zone) != (request.interval,):
        yield Reason.of(ReasonCode.OUTSIDE_OPENING_HOURS)


def blackouts(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    for blackout in ctx.policy.blackouts:
        if overlaps(blackout.interval, request.interval):
            yield Reason.of(
                ReasonCode.BLACKOUT,
                label=blackout.label,
                start=blackout.interval.start,
                end=blackout.interval.end,
            )


def capacity(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    conflict = ctx.full.first_conflict(request.interval)
    if conflict is not None:
        yield Reason.of(
            ReasonCode.CAPACITY_FULL,
            capacity=ctx.policy.capacity,
            full_from=max(conflict.start, request.interval.start),
            full_until=min(conflict.end, request.interval.end),
        )


def quotas(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    limits, ledger = ctx.policy.quotas, ctx.ledger
    pieces = tuple(split_by_local_day(request.interval, ctx.policy.time_zone))
    yield from over_daily(ReasonCode.USER_DAILY_QUOTA, limits.user_daily, ledger.user, pieces)
    yield from over_daily(
        ReasonCode.ORGANISATION_DAILY_QUOTA, limits.organisation_daily, ledger.organisation, pieces
    )
    yield from over_weekly(ReasonCode.USER_WEEKLY_QUOTA, limits.user_weekly, ledger.user, pieces)
    yield from over_weekly(
        ReasonCode.ORGANISATION_WEEKLY_QUOTA,
        limits.organisation_weekly,
        ledger.organisation,
        pieces,
    )


def qualification(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    needed = ctx.policy.required_qualification
    is_self_service = request.mode is BookingMode.SELF_SERVICE
    if is_self_service and needed is not None and needed not in request.booker.qualifications:
        yield Reason.of(ReasonCode.TRAINING_REQUIRED, qualification=needed)


def self_service(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    if request.mode is BookingMode.SELF_SERVICE and not ctx.policy.self_service_allowed:
        yield Reason.of(ReasonCode.SELF_SERVICE_NOT_OFFERED)


def approvals(ctx: RuleContext, request: BookingRequest) -> Iterator[Reason]:
    category = request.booker.category
    if category in ctx.policy.approval_required_for:
        yield Reason.of(ReasonCode.CATEGORY_NEEDS_APPROVAL, category=category.value)
    if request.mode is BookingMode.OPERATED and ctx.policy.operated_needs_approval:
        yield Reason.of(ReasonCode.OPERATED_NEEDS_APPROVAL)


TIME_RULES: tuple[Rule, ...] = (
    alignment,
    duration,
    lead_time,
    horizon,
    opening_hours,
    blackouts,
    capacity,
    quotas,
)
BOOKER_RULES: tuple[Rule, ...] = (qualification, self_service)


def run_rules(rules: tuple[Rule, ...], context: RuleContext, request: BookingRequest) -> tuple[Reason, ...]:
    return tuple(reason for rule in rules for reason in rule(context, request))
