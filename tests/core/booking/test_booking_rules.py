"""Each rule at its boundary: allowed exactly at the limit, refused one step past it."""

from __future__ import annotations

from datetime import time, timedelta

from booking_factories import NOW, at, make_booker, make_existing, make_policy, make_request

from techbridge_core.booking import (
    Blackout,
    BookingMode,
    Decision,
    Outcome,
    Quotas,
    Reason,
    ReasonCode,
    UserCategory,
    evaluate,
    weekdays,
)
from techbridge_core.booking.intervals import Interval


def test_evaluate_plain_request_is_allowed() -> None:
    decision = evaluate(make_request(at(2, 10), 60), policy=make_policy(), existing=(), now=NOW)
    assert decision == Decision()
    assert decision.outcome is Outcome.ALLOWED


def test_evaluate_exactly_min_duration_is_allowed() -> None:
    decision = evaluate(make_request(at(2, 10), 60), policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == ()


def test_evaluate_one_granule_below_min_duration_is_refused() -> None:
    decision = evaluate(make_request(at(2, 10), 30), policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.TOO_SHORT, min_minutes=60),)


def test_evaluate_exactly_max_duration_is_allowed() -> None:
    decision = evaluate(make_request(at(2, 10), 240), policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == ()


def test_evaluate_one_granule_above_max_duration_is_refused() -> None:
    decision = evaluate(make_request(at(2, 10), 270), policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.TOO_LONG, max_minutes=240),)


def test_evaluate_start_off_the_grid_is_refused() -> None:
    decision = evaluate(make_request(at(2, 10, 15), 60), policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.NOT_ALIGNED, granularity_minutes=30),)


def test_evaluate_start_exactly_at_lead_time_is_allowed() -> None:
    decision = evaluate(make_request(at(1, 10), 60), policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == ()


def test_evaluate_start_one_granule_inside_lead_time_is_refused() -> None:
    decision = evaluate(make_request(at(1, 9, 30), 60), policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.TOO_SOON, earliest_start=at(1, 10)),)


def test_evaluate_end_exactly_at_horizon_is_allowed() -> None:
    end = NOW + timedelta(days=60)
    request = make_request(end - timedelta(hours=1), 60)
    assert evaluate(request, policy=make_policy(), existing=(), now=NOW).refusals == ()


def test_evaluate_end_past_horizon_is_refused() -> None:
    end = NOW + timedelta(days=60)
    request = make_request(end - timedelta(minutes=30), 60)
    decision = evaluate(request, policy=make_policy(), existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.TOO_FAR_AHEAD, latest_end=end),)


def test_evaluate_booking_ending_at_closing_time_is_allowed() -> None:
    policy = make_policy(opening_hours=weekdays(time(8), time(18)))
    decision = evaluate(make_request(at(2, 17), 60), policy=policy, existing=(), now=NOW)
    assert decision.refusals == ()


def test_evaluate_booking_past_closing_time_is_refused() -> None:
    policy = make_policy(opening_hours=weekdays(time(8), time(18)))
    decision = evaluate(make_request(at(2, 17, 30), 60), policy=policy, existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.OUTSIDE_OPENING_HOURS),)


def test_evaluate_booking_on_closed_saturday_is_refused() -> None:
    policy = make_policy(opening_hours=weekdays(time(8), time(18)))
    decision = evaluate(make_request(at(6, 10), 60), policy=policy, existing=(), now=NOW)
    assert decision.refusal_codes == (ReasonCode.OUTSIDE_OPENING_HOURS,)


def test_evaluate_booking_ending_when_blackout_starts_is_allowed() -> None:
    policy = make_policy(blackouts=(Blackout(Interval(at(2, 12), at(2, 14)), "service"),))
    decision = evaluate(make_request(at(2, 10), 120), policy=policy, existing=(), now=NOW)
    assert decision.refusals == ()


def test_evaluate_booking_into_blackout_is_refused_with_its_label() -> None:
    policy = make_policy(blackouts=(Blackout(Interval(at(2, 12), at(2, 14)), "service"),))
    decision = evaluate(make_request(at(2, 11), 120), policy=policy, existing=(), now=NOW)
    assert decision.refusals == (
        Reason.of(ReasonCode.BLACKOUT, label="service", start=at(2, 12), end=at(2, 14)),
    )


def test_evaluate_booking_ending_when_another_starts_is_allowed() -> None:
    existing = (make_existing(1, at(2, 11), 60),)
    decision = evaluate(make_request(at(2, 10), 60), policy=make_policy(), existing=existing, now=NOW)
    assert decision.refusals == ()


def test_evaluate_overlapping_booking_at_capacity_one_is_refused() -> None:
    existing = (make_existing(1, at(2, 11), 60),)
    decision = evaluate(make_request(at(2, 10), 90), policy=make_policy(), existing=existing, now=NOW)
    assert decision.refusals == (
        Reason.of(ReasonCode.CAPACITY_FULL, capacity=1, full_from=at(2, 11), full_until=at(2, 11, 30)),
    )


def test_evaluate_capacity_with_one_seat_left_is_allowed() -> None:
    existing = (make_existing(1, at(2, 10), 60), make_existing(2, at(2, 10), 60))
    policy = make_policy(capacity=3)
    decision = evaluate(make_request(at(2, 10), 60), policy=policy, existing=existing, now=NOW)
    assert decision.refusals == ()


def test_evaluate_capacity_exactly_full_is_refused() -> None:
    existing = tuple(make_existing(i, at(2, 10), 60) for i in range(3))
    policy = make_policy(capacity=3)
    decision = evaluate(make_request(at(2, 10), 60), policy=policy, existing=existing, now=NOW)
    assert decision.refusal_codes == (ReasonCode.CAPACITY_FULL,)


def test_evaluate_capacity_two_with_consecutive_bookings_is_never_full() -> None:
    existing = (make_existing(1, at(2, 10), 60), make_existing(2, at(2, 11), 60))
    policy = make_policy(capacity=2)
    decision = evaluate(make_request(at(2, 10), 120), policy=policy, existing=existing, now=NOW)
    assert decision.refusals == ()


def test_evaluate_user_daily_quota_exactly_reached_is_allowed() -> None:
    policy = make_policy(quotas=Quotas(user_daily=timedelta(hours=3)))
    own = (make_existing(1, at(2, 8), 120, user_id=1, organisation_id=10),)
    decision = evaluate(make_request(at(2, 12), 60), policy=policy, existing=own, now=NOW)
    assert decision.refusals == ()


def test_evaluate_user_daily_quota_exceeded_is_refused() -> None:
    policy = make_policy(quotas=Quotas(user_daily=timedelta(hours=3)))
    own = (make_existing(1, at(2, 8), 120, user_id=1, organisation_id=10),)
    decision = evaluate(make_request(at(2, 12), 90), policy=policy, existing=own, now=NOW)
    assert decision.refusals == (
        Reason.of(
            ReasonCode.USER_DAILY_QUOTA,
            period="2026-06-02",
            limit_minutes=180,
            used_minutes=120,
            requested_minutes=90,
        ),
    )


def test_evaluate_other_users_bookings_do_not_count_for_user_quota() -> None:
    policy = make_policy(quotas=Quotas(user_daily=timedelta(hours=3)))
    others = (make_existing(1, at(2, 8), 180),)
    decision = evaluate(make_request(at(2, 12), 60), policy=policy, existing=others, now=NOW)
    assert decision.refusals == ()


def test_evaluate_organisation_weekly_quota_counts_colleagues() -> None:
    policy = make_policy(quotas=Quotas(organisation_weekly=timedelta(hours=5)))
    colleague = (
        make_existing(1, at(3, 8), 240, user_id=7, organisation_id=10),
        make_existing(2, at(8, 8), 240, user_id=7, organisation_id=10),  # next ISO week
    )
    allowed = evaluate(make_request(at(5, 12), 60), policy=policy, existing=colleague, now=NOW)
    refused = evaluate(make_request(at(5, 12), 90), policy=policy, existing=colleague, now=NOW)
    assert allowed.refusals == ()
    assert refused.refusals == (
        Reason.of(
            ReasonCode.ORGANISATION_WEEKLY_QUOTA,
            period="2026-W23",
            limit_minutes=300,
            used_minutes=240,
            requested_minutes=90,
        ),
    )


def test_evaluate_self_service_without_training_is_refused() -> None:
    policy = make_policy(required_qualification="sem-advanced")
    decision = evaluate(make_request(at(2, 10), 60), policy=policy, existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.TRAINING_REQUIRED, qualification="sem-advanced"),)


def test_evaluate_self_service_with_training_is_allowed() -> None:
    policy = make_policy(required_qualification="sem-basic")
    decision = evaluate(make_request(at(2, 10), 60), policy=policy, existing=(), now=NOW)
    assert decision.outcome is Outcome.ALLOWED


def test_evaluate_operated_booking_needs_no_training_but_approval() -> None:
    policy = make_policy(required_qualification="sem-advanced")
    request = make_request(at(2, 10), 60, mode=BookingMode.OPERATED)
    decision = evaluate(request, policy=policy, existing=(), now=NOW)
    assert decision == Decision(approvals=(Reason.of(ReasonCode.OPERATED_NEEDS_APPROVAL),))
    assert decision.outcome is Outcome.NEEDS_APPROVAL


def test_evaluate_operated_booking_without_approval_flag_is_allowed() -> None:
    policy = make_policy(operated_needs_approval=False)
    request = make_request(at(2, 10), 60, mode=BookingMode.OPERATED)
    assert evaluate(request, policy=policy, existing=(), now=NOW).outcome is Outcome.ALLOWED


def test_evaluate_self_service_on_operated_only_instrument_is_refused() -> None:
    policy = make_policy(self_service_allowed=False)
    decision = evaluate(make_request(at(2, 10), 60), policy=policy, existing=(), now=NOW)
    assert decision.refusals == (Reason.of(ReasonCode.SELF_SERVICE_NOT_OFFERED),)


def test_evaluate_external_enterprise_needs_approval() -> None:
    booker = make_booker(category=UserCategory.EXTERNAL_ENTERPRISE)
    request = make_request(at(2, 10), 60, booker=booker)
    decision = evaluate(request, policy=make_policy(), existing=(), now=NOW)
    assert decision == Decision(
        approvals=(Reason.of(ReasonCode.CATEGORY_NEEDS_APPROVAL, category="external_enterprise"),)
    )


def test_evaluate_lists_every_violated_rule() -> None:
    policy = make_policy(
        blackouts=(Blackout(Interval(at(1, 8), at(1, 12)), "calibration"),),
        required_qualification="sem-advanced",
    )
    request = make_request(at(1, 9, 15), 30)
    decision = evaluate(request, policy=policy, existing=(), now=NOW)
    assert decision.refusal_codes == (
        ReasonCode.TRAINING_REQUIRED,
        ReasonCode.NOT_ALIGNED,
        ReasonCode.TOO_SHORT,
        ReasonCode.TOO_SOON,
        ReasonCode.BLACKOUT,
    )
