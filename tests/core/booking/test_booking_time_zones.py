"""Wall-clock rules across daylight-saving changes and in other zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from booking_factories import BUDAPEST, SHANGHAI, make_policy, make_request, span

from techbridge_core.booking import OpeningWindow, Outcome, Quotas, ReasonCode, evaluate, weekdays
from techbridge_core.booking.grid import grid_points, is_aligned, next_aligned
from techbridge_core.booking.intervals import Interval
from techbridge_core.booking.opening_hours import open_intervals
from techbridge_core.booking.quota import split_by_local_day
from techbridge_core.booking.values import request_at

SPRING_FORWARD = date(2026, 3, 29)  # Budapest 02:00 CET -> 03:00 CEST, a Sunday
FALL_BACK = date(2026, 10, 25)  # Budapest 03:00 CEST -> 02:00 CET, a Sunday
HOUR = timedelta(hours=1)


def local(day: date, hour: int, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BUDAPEST, fold=fold)


def whole_local_day(day: date) -> Interval:
    return Interval(local(day, 0), local(day + timedelta(days=1), 0))


def test_open_intervals_spring_forward_sunday_loses_an_hour() -> None:
    windows = (OpeningWindow(6, time(1), time(5)),)
    opened = open_intervals(windows, whole_local_day(SPRING_FORWARD), BUDAPEST)
    assert opened == (Interval(local(SPRING_FORWARD, 1), local(SPRING_FORWARD, 5)),)
    assert opened[0].duration == 3 * HOUR


def test_open_intervals_fall_back_sunday_gains_an_hour() -> None:
    windows = (OpeningWindow(6, time(1), time(5)),)
    opened = open_intervals(windows, whole_local_day(FALL_BACK), BUDAPEST)
    assert opened[0].duration == 5 * HOUR


def test_open_intervals_midnight_close_runs_to_end_of_day() -> None:
    windows = (OpeningWindow(6, time(20), time(0)),)
    opened = open_intervals(windows, whole_local_day(FALL_BACK), BUDAPEST)
    assert opened == (Interval(local(FALL_BACK, 20), local(FALL_BACK + timedelta(days=1), 0)),)


def test_grid_points_fall_back_repeats_the_two_oclock_hour() -> None:
    points = list(grid_points(local(FALL_BACK, 0), local(FALL_BACK, 5), granularity=HOUR, tz=BUDAPEST))
    wall_hours = [point.astimezone(BUDAPEST).hour for point in points]
    assert wall_hours == [0, 1, 2, 2, 3, 4]


def test_grid_points_spring_forward_skips_the_two_oclock_hour() -> None:
    points = list(
        grid_points(local(SPRING_FORWARD, 0), local(SPRING_FORWARD, 5), granularity=HOUR, tz=BUDAPEST)
    )
    assert [point.astimezone(BUDAPEST).hour for point in points] == [0, 1, 3, 4]


def test_next_aligned_two_hour_grid_across_spring_forward_follows_wall_clock() -> None:
    moment = local(SPRING_FORWARD, 0, 30)
    aligned = next_aligned(moment, granularity=2 * HOUR, tz=BUDAPEST)
    assert aligned == local(SPRING_FORWARD, 4)


def test_next_aligned_two_hour_grid_across_fall_back_finds_second_two_oclock() -> None:
    moment = local(FALL_BACK, 2, 30)  # first pass through 02:30 (CEST)
    aligned = next_aligned(moment, granularity=2 * HOUR, tz=BUDAPEST)
    wall = aligned.astimezone(BUDAPEST)
    assert (wall.hour, wall.minute, wall.fold) == (2, 0, 1)
    assert aligned.astimezone(UTC) == datetime(2026, 10, 25, 1, tzinfo=UTC)


def test_is_aligned_hour_grid_in_kolkata_falls_on_half_past_utc() -> None:
    kolkata = ZoneInfo("Asia/Kolkata")
    assert is_aligned(datetime(2026, 6, 2, 3, 30, tzinfo=UTC), granularity=HOUR, tz=kolkata)
    assert not is_aligned(datetime(2026, 6, 2, 3, 0, tzinfo=UTC), granularity=HOUR, tz=kolkata)


def test_split_by_local_day_counts_twenty_five_hours_on_fall_back_day() -> None:
    pieces = list(split_by_local_day(whole_local_day(FALL_BACK), BUDAPEST))
    assert pieces == [(FALL_BACK, 25 * HOUR)]


def test_split_by_local_day_overnight_booking_counts_on_both_dates() -> None:
    overnight = Interval(local(FALL_BACK, 22), local(FALL_BACK + timedelta(days=1), 2))
    assert list(split_by_local_day(overnight, BUDAPEST)) == [
        (FALL_BACK, 2 * HOUR),
        (FALL_BACK + timedelta(days=1), 2 * HOUR),
    ]


def test_evaluate_across_spring_forward_measures_real_duration() -> None:
    policy = make_policy(max_duration=2 * HOUR)
    now = local(SPRING_FORWARD - timedelta(days=7), 8)
    # 01:00 to 04:00 on the wall clock is only two real hours on this day.
    request = make_request(local(SPRING_FORWARD, 1), 120)
    assert request.interval.end == local(SPRING_FORWARD, 4)
    assert evaluate(request, policy=policy, existing=(), now=now).outcome is Outcome.ALLOWED


def test_evaluate_daily_quota_on_fall_back_day_uses_real_hours() -> None:
    policy = make_policy(max_duration=None, quotas=Quotas(user_daily=24 * HOUR))
    now = local(FALL_BACK - timedelta(days=7), 8)
    request = make_request(local(FALL_BACK, 0), 25 * 60)  # midnight to midnight
    decision = evaluate(request, policy=policy, existing=(), now=now)
    assert decision.refusal_codes == (ReasonCode.USER_DAILY_QUOTA,)


def test_evaluate_lead_time_is_real_time_across_spring_forward() -> None:
    policy = make_policy(lead_time=timedelta(hours=24))
    now = local(SPRING_FORWARD - timedelta(days=1), 12)  # Saturday noon CET
    # 24 real hours later is Sunday 13:00 CEST on the wall clock, not 12:00.
    too_soon = evaluate(make_request(local(SPRING_FORWARD, 12, 30), 60), policy=policy, existing=(), now=now)
    in_time = evaluate(make_request(local(SPRING_FORWARD, 13), 60), policy=policy, existing=(), now=now)
    assert too_soon.refusal_codes == (ReasonCode.TOO_SOON,)
    assert in_time.refusals == ()


def test_evaluate_shanghai_instrument_uses_its_own_opening_hours() -> None:
    policy = make_policy(time_zone=SHANGHAI, opening_hours=weekdays(time(9), time(17)))
    now = datetime(2026, 6, 1, 8, tzinfo=SHANGHAI)
    # Requested from Budapest: 03:00 CEST is 09:00 in Shanghai, 11:30 CEST is 17:30.
    opening = make_request(datetime(2026, 6, 2, 3, tzinfo=BUDAPEST), 60)
    late = make_request(datetime(2026, 6, 2, 10, 30, tzinfo=BUDAPEST), 60)
    assert evaluate(opening, policy=policy, existing=(), now=now).refusals == ()
    assert evaluate(late, policy=policy, existing=(), now=now).refusal_codes == (
        ReasonCode.OUTSIDE_OPENING_HOURS,
    )


def test_evaluate_shanghai_daily_quota_uses_shanghai_dates() -> None:
    policy = make_policy(time_zone=SHANGHAI, quotas=Quotas(user_daily=2 * HOUR))
    now = datetime(2026, 6, 1, 8, tzinfo=SHANGHAI)
    # 23:00-01:00 Shanghai: one hour on each Shanghai date, so within a 2 h daily quota
    # even though the whole booking lies on one UTC date.
    request = make_request(datetime(2026, 6, 2, 23, tzinfo=SHANGHAI), 120)
    assert request.interval == span(datetime(2026, 6, 2, 15, tzinfo=UTC), 120)
    assert evaluate(request, policy=policy, existing=(), now=now).refusals == ()


def test_request_at_adds_real_time_to_a_zoned_start() -> None:
    moved = request_at(make_request(local(FALL_BACK, 9), 60), local(SPRING_FORWARD, 1), length=2 * HOUR)
    assert moved.interval == Interval(local(SPRING_FORWARD, 1), local(SPRING_FORWARD, 4))
