"""The double-booking storm: 200 concurrent attempts at overlapping windows of one instrument,
from threads with their own database connections. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import random
import threading
from collections import Counter
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction

from techbridge.accounts.models import User
from techbridge.instruments.domain.booking import BookingAsk, BookingRefused, check_create_booking
from techbridge.instruments.models import Booking, Instrument

ATTEMPTS = 200
THREADS = 8
OVERLAPS_SQL = """
    SELECT count(*) FROM instruments_booking a JOIN instruments_booking b
      ON a.instrument_id = b.instrument_id AND a.id < b.id
     AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
     AND a.start < b."end" AND b.start < a."end"
"""


def _base() -> datetime:
    zone = ZoneInfo("Europe/Budapest")
    day = (datetime.now(UTC) + timedelta(days=3)).astimezone(zone).date()
    return datetime.combine(day, time(0), tzinfo=zone)


def _storm(instrument_id: int, user_ids: list[int], windows: list[tuple[datetime, datetime]]) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    queue = list(enumerate(windows))

    def worker() -> None:
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    index, (start, end) = queue.pop()
                instrument = Instrument.objects.select_related("facility__organisation__centre").get(
                    pk=instrument_id
                )
                user = User.objects.get(pk=user_ids[index % len(user_ids)])
                try:
                    check_create_booking(BookingAsk(instrument=instrument, user=user, start=start, end=end))
                    result = "booked"
                except BookingRefused as refused:
                    result = "conflict" if refused.conflict and refused.suggestions else "refused_other"
                except Exception as error:
                    result = f"error:{type(error).__name__}:{error}"
                with lock:
                    outcomes[result] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes


def _overlaps() -> int:
    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS_SQL)
        return int(cursor.fetchone()[0])


def _users(lab) -> list[int]:  # type: ignore[no-untyped-def]
    return [lab.internal.pk, lab.alliance_member.pk, lab.external.pk, lab.manager.pk]


def test_storm_of_identical_windows_books_each_slot_exactly_once(lab_for_threads) -> None:  # type: ignore[no-untyped-def]
    base = _base()
    slots = [(base + timedelta(hours=h), base + timedelta(hours=h + 1)) for h in range(ATTEMPTS // 4)]
    windows = [slot for slot in slots for _copy in range(4)]
    random.Random(1).shuffle(windows)

    outcomes = _storm(lab_for_threads.instrument.pk, _users(lab_for_threads), windows)

    assert outcomes == {"booked": len(slots), "conflict": ATTEMPTS - len(slots)}
    assert Booking.objects.count() == len(slots)
    assert _overlaps() == 0


def test_storm_of_random_overlapping_windows_keeps_a_maximal_disjoint_set(lab_for_threads) -> None:  # type: ignore[no-untyped-def]
    base = _base()
    rng = random.Random(7)
    windows = []
    for _ in range(ATTEMPTS):
        start = base + timedelta(minutes=30 * rng.randrange(0, 96))
        windows.append((start, start + timedelta(minutes=30 * rng.randint(1, 4))))

    outcomes = _storm(lab_for_threads.instrument.pk, _users(lab_for_threads), windows)

    booked = list(Booking.objects.order_by("start").values_list("start", "end"))
    assert set(outcomes) <= {"booked", "conflict"}, outcomes
    assert outcomes["booked"] == len(booked)
    assert sum(outcomes.values()) == ATTEMPTS
    assert _overlaps() == 0
    for start, end in windows:  # every refused window really collides with a booking that won
        assert any(s < end and start < e for s, e in booked)


@pytest.mark.django_db
def test_database_refuses_an_overlapping_row_even_without_the_rules(lab) -> None:  # type: ignore[no-untyped-def]
    base = _base()
    fields = {
        "instrument": lab.instrument,
        "user": lab.internal,
        "category": "internal",
        "status": "confirmed",
    }
    Booking.objects.create(start=base, end=base + timedelta(hours=2), **fields)
    Booking.objects.create(
        start=base + timedelta(hours=2), end=base + timedelta(hours=3), **fields
    )  # touching

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(start=base + timedelta(hours=1), end=base + timedelta(hours=4), **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            start=base + timedelta(hours=5), end=base + timedelta(hours=6), seat=1, **fields
        )
    Booking.objects.create(
        start=base + timedelta(hours=1), end=base + timedelta(hours=4), **{**fields, "status": "cancelled"}
    )

    assert _overlaps() == 0


@pytest.mark.django_db
def test_database_lets_a_second_seat_overlap_only_below_capacity(lab, instrument_factory) -> None:  # type: ignore[no-untyped-def]
    pair = instrument_factory(lab.facility, capacity=2)
    base = _base()
    fields = {"instrument": pair, "user": lab.internal, "category": "internal", "status": "confirmed"}
    Booking.objects.create(start=base, end=base + timedelta(hours=2), seat=0, **fields)
    Booking.objects.create(start=base, end=base + timedelta(hours=2), seat=1, **fields)

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(start=base, end=base + timedelta(hours=1), seat=1, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(start=base, end=base + timedelta(hours=1), seat=2, **fields)
