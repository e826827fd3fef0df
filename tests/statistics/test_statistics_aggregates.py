"""The aggregates the dashboards read equal a direct count over the records, for every figure,
month, breakdown and median, under several scopes, after each kind of change to the records or to
rows on a path from them, once the refresh (the periodic job's work) has run."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from stats_world import signed_project

from cooperation.coop_world import Coop, build_coop
from factories import technology_field
from techbridge.common.periodic import declared_schedules
from techbridge.cooperation.models import AgreementParty, Project
from techbridge.statistics.domain import aggregates
from techbridge.statistics.domain.figures import (
    BREAKDOWNS,
    FUNNEL,
    breakdown,
    count_breakdown,
    count_median_days,
    count_years,
    count_years_direct,
    median_days,
)
from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.domain.sources import SOURCES
from techbridge.statistics.models import Aggregate, DirtyMonth

pytestmark = pytest.mark.django_db

YEARS = range(2025, 2027)


@pytest.fixture(autouse=True)
def _fresh_figures() -> None:
    cache.clear()


def _scopes(coop: Coop) -> list[Scope]:
    field = technology_field()
    return [
        Scope(year=2026),
        Scope(year=2026, centre=coop.centre),
        Scope(year=2026, country="HU"),
        Scope(year=2026, country="CN"),
        Scope(year=2026, country="DE"),
        Scope(year=2026, field=field),
        Scope(year=2026, centre=coop.centre, country="HU", field=field),
        Scope(year=2025),
    ]


def _assert_equal_to_direct_counts(coop: Coop) -> dict[str, Any]:
    """Every figure, month, breakdown and median from the aggregates equals the direct count."""
    seen: dict[str, Any] = {}
    for scope in _scopes(coop):
        years = range(scope.year - 1, scope.year + 1)
        read, direct = count_years(scope, years), count_years_direct(scope, years)
        for year in years:
            assert read[year].figures == direct[year].figures, (scope.key(), year)
            assert read[year].months == direct[year].months, (scope.key(), year)
        for code in FUNNEL:
            for by in BREAKDOWNS:
                assert breakdown(code, scope, by=by) == count_breakdown(code, scope, by=by), (
                    code,
                    by,
                    scope.key(),
                )
        medians = median_days(scope)
        for code in FUNNEL[1:]:
            assert medians[code] == count_median_days(code, scope), (code, scope.key())
        seen[scope.key()] = (read[scope.year].figures, medians)
    return seen


def _refreshed(coop: Coop) -> dict[str, Any]:
    assert DirtyMonth.objects.exists(), "the change marked no month"
    aggregates.refresh()
    assert not DirtyMonth.objects.exists()
    return _assert_equal_to_direct_counts(coop)


def test_every_figure_equals_a_direct_count_after_each_kind_of_change() -> None:
    coop = build_coop()
    coop.case.technology_fields.add(technology_field())
    first = signed_project(coop, signed=date(2025, 12, 31), implemented=date(2026, 1, 1))
    second = signed_project(coop, signed=date(2026, 5, 2), implemented=date(2026, 11, 30))
    signed_project(coop, signed=date(2026, 5, 2), implemented=None, confidential=True)
    aggregates.rebuild()
    before = _assert_equal_to_direct_counts(coop)
    implemented = before[Scope(year=2026).key()][0]["implemented"].value
    assert implemented == 2

    # A project's implemented date moves to another year: it leaves 2026 and its old month.
    second.implemented_on = date(2027, 1, 5)
    second.save()
    after = _refreshed(coop)
    assert after[Scope(year=2026).key()][0]["implemented"].value == 1

    # An organisation changes country: cases, agreements and projects reached through their parties.
    coop.partner_org.country = "DE"
    coop.partner_org.save()
    after = _refreshed(coop)
    assert after[Scope(year=2026, country="DE").key()][0]["projects_signed"].value == 2
    assert after[Scope(year=2026, country="HU").key()][0]["projects_signed"].value == 0

    # A party leaves an agreement; a technology field leaves the case (many-to-many paths).
    AgreementParty.objects.filter(agreement=first.agreement, organisation=coop.owner_org).delete()
    coop.case.technology_fields.remove(technology_field())
    after = _refreshed(coop)
    assert after[Scope(year=2026, field=technology_field()).key()][0]["implemented"].value == 0

    # An amount becomes confidential; a project and an agreement are deleted.
    agreement = second.agreement
    agreement.amounts_confidential = True
    agreement.save()
    _refreshed(coop)
    Project.objects.filter(pk__in=[first.pk, second.pk]).delete()
    agreement.delete()
    after = _refreshed(coop)
    assert after[Scope(year=2025).key()][0]["projects_signed"].value == 0


def test_figures_read_right_after_a_change_count_it_without_waiting_for_the_job() -> None:
    coop = build_coop()
    aggregates.rebuild()
    assert count_years(Scope(year=2026), YEARS)[2026].figures["projects_signed"].value == 0
    signed_project(coop, signed=date(2026, 3, 3), implemented=None)
    assert count_years(Scope(year=2026), YEARS)[2026].figures["projects_signed"].value == 1
    assert not DirtyMonth.objects.exists()


def test_a_rebuild_writes_the_same_rows_as_refreshing_month_by_month() -> None:
    coop = build_coop()
    for day in range(0, 200, 37):
        signed_project(coop, signed=date(2026, 1, 1) + timedelta(days=day), implemented=None)
    aggregates.refresh()
    columns = ("code", "year", "month", "centre", "country", "field", "event", "key", "n", "amount", "micros")
    refreshed = sorted(Aggregate.objects.values_list(*columns))
    call_command("rebuild_statistics")
    assert sorted(Aggregate.objects.values_list(*columns)) == refreshed
    assert any(row[0] == "projects_signed" and row[4] == "HU" for row in refreshed)


def test_the_refresh_is_a_periodic_job_every_minute_and_the_rebuild_nightly() -> None:
    schedules = declared_schedules()
    assert schedules["statistics.refresh_aggregates"].every == timedelta(minutes=1)
    assert schedules["statistics.rebuild_aggregates"].cron
    assert set(aggregates.SOURCE_CODES) == set(SOURCES) - {
        "mous_signed",
        "technology_contracts",
        "technology_contract_value",
        "participant_countries",
        "instruments_shared",
    }


def _events_world(coop: Coop) -> dict[str, Any]:
    """Two events held in 2026 (one organised by two centres), participants from three countries,
    a B2B meeting held on the case's interest, external bookings of an instrument, an expert."""
    from django.contrib.auth import get_user_model

    from factories import make_centre, make_expert, make_user
    from techbridge.events.models import Event, Meeting, MeetingRequest, Registration
    from techbridge.instruments.models import Booking, Facility, Instrument, InstrumentCategory

    other = make_centre(slug="budapest-ttc")
    events = []
    for number, (starts, country) in enumerate(((date(2026, 3, 2), "HU"), (date(2026, 9, 7), "CN"))):
        event = Event.objects.create(
            slug=f"expo-{number}",
            title={"en": f"Expo {number}"},
            status="published",
            time_zone="UTC",
            languages=["en"],
            starts_on=starts,
            ends_on=starts + timedelta(days=2),
            city="Budapest",
            country=country,
            b2b_enabled=True,
            created_by=coop.admin,
        )
        event.organising_centres.add(coop.centre)
        events.append(event)
    events[1].organising_centres.add(other)
    people = [make_user() for _ in range(4)]
    registrations = [
        Registration.objects.create(
            event=events[n % 2],
            user=person,
            status="approved",
            b2b=True,
            category="researcher",
            country=("HU", "CN", "DE", "")[n],
        )
        for n, person in enumerate(people)
    ]
    request = MeetingRequest.objects.create(
        event=events[0], requester=registrations[0], recipient=registrations[2], status="declined",
        created_at=coop.interest.created_at,
    )  # fmt: skip
    meeting = Meeting.objects.create(
        event=events[0], request=request, first=registrations[0], second=registrations[2],
        starts_at=timezone_datetime(2026, 3, 3), interest=coop.interest,
    )  # fmt: skip
    facility = Facility.objects.create(organisation=coop.owner_org, name={"en": "Lab"}, time_zone="UTC")
    instrument = Instrument.objects.create(
        facility=facility, category=InstrumentCategory.objects.order_by("code").first(), name={"en": "SEM"},
        approval_for=[],
    )  # fmt: skip
    bookings = [
        Booking.objects.create(
            instrument=instrument,
            user=get_user_model().objects.get(pk=coop.partner.pk),
            organisation=coop.partner_org,
            start=timezone_datetime(2026, month, 5),
            end=timezone_datetime(2026, month, 5) + timedelta(hours=month),
            status="confirmed",
            category="external_enterprise",
        )
        for month in (2, 6)
    ]
    make_expert()
    return {"events": events, "registrations": registrations, "meeting": meeting, "bookings": bookings}


def timezone_datetime(year: int, month: int, day: int) -> Any:
    from datetime import UTC, datetime

    return datetime(year, month, day, 10, tzinfo=UTC)


def _event_scopes(coop: Coop, world: dict[str, Any]) -> list[Scope]:
    first, second = world["events"]
    return [
        Scope(year=2026),
        Scope(year=2026, centre=coop.centre),
        Scope(year=2026, centre=second.organising_centres.exclude(pk=coop.centre.pk).get()),
        Scope(year=2026, event=first),
        Scope(year=2026, event=second, country="CN"),
        Scope(year=2026, country="HU"),
    ]


def _assert_events_equal(coop: Coop, world: dict[str, Any]) -> dict[str, Any]:
    seen = {}
    for scope in _event_scopes(coop, world):
        years = range(scope.year - 1, scope.year + 1)
        read, direct = count_years(scope, years), count_years_direct(scope, years)
        for year in years:
            assert read[year].figures == direct[year].figures, (scope.key(), year)
            assert read[year].months == direct[year].months, (scope.key(), year)
        for code in ("participants", "events_held", "meetings_held", "external_hours_booked"):
            for by in BREAKDOWNS:
                assert breakdown(code, scope, by=by) == count_breakdown(code, scope, by=by), (code, by)
        assert median_days(scope)["meetings_held"] == count_median_days("meetings_held", scope)
        seen[scope.key()] = read[2026].figures
    return seen


def test_events_participants_meetings_and_bookings_equal_a_direct_count_after_changes() -> None:
    coop = build_coop()
    world = _events_world(coop)
    aggregates.refresh()
    before = _assert_events_equal(coop, world)
    alliance = before[Scope(year=2026).key()]
    assert (alliance["events_held"].value, alliance["participants"].value) == (2, 4)
    assert (alliance["participant_countries"].value, alliance["meetings_held"].value) == (3, 1)
    assert alliance["instruments_shared"].value == 1
    assert alliance["external_hours_booked"].value == 8

    first, second = world["events"]
    second.organising_centres.remove(coop.centre)  # many-to-many from the other side of a path
    registration = world["registrations"][3]
    registration.country = "AT"
    registration.save()
    booking = world["bookings"][1]
    booking.start, booking.end = (
        timezone_datetime(2025, 12, 1),
        timezone_datetime(2025, 12, 1) + timedelta(hours=1),
    )
    booking.save()
    after = _refreshed_events(coop, world)
    assert after[Scope(year=2026).key()]["participant_countries"].value == 4
    assert after[Scope(year=2026).key()]["external_hours_booked"].value == 2

    first.status = "draft"  # the event is no longer held: its participants and meetings leave
    first.save()
    after = _refreshed_events(coop, world)
    assert after[Scope(year=2026).key()]["participants"].value == 2


def _refreshed_events(coop: Coop, world: dict[str, Any]) -> dict[str, Any]:
    assert DirtyMonth.objects.exists(), "the change marked no month"
    aggregates.refresh()
    return _assert_events_equal(coop, world)


def test_the_periodic_refresh_counts_a_meeting_once_its_start_has_passed() -> None:
    import time_machine

    from techbridge.events.models import Meeting, MeetingRequest
    from techbridge.statistics.tasks import refresh_aggregates

    start = timezone_datetime(2026, 6, 15)
    with time_machine.travel(start, tick=False) as clock:
        coop = build_coop()
        world = _events_world(coop)
        first, _second, third, _fourth = world["registrations"]
        request = MeetingRequest.objects.create(
            event=first.event, requester=third, recipient=first, status="declined", created_at=start
        )
        Meeting.objects.create(
            event=first.event,
            request=request,
            first=third,
            second=first,
            starts_at=start + timedelta(minutes=10),
            interest=coop.interest,
        )
        aggregates.refresh()
        held = count_years(Scope(year=2026), YEARS)[2026].figures["meetings_held"].value
        assert held == count_years_direct(Scope(year=2026), YEARS)[2026].figures["meetings_held"].value == 1
        clock.move_to(start + timedelta(minutes=11))  # nothing changed but the time
        assert count_years_direct(Scope(year=2026), YEARS)[2026].figures["meetings_held"].value == 2
        assert count_years(Scope(year=2026), YEARS)[2026].figures["meetings_held"].value == 1  # till the job
        refresh_aggregates.call()  # the job the schedule runs every minute
        _assert_events_equal(coop, world)
        assert count_years(Scope(year=2026), YEARS)[2026].figures["meetings_held"].value == 2
