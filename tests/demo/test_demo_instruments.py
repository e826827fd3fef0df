from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from techbridge.instruments.models import Booking, Charge, Facility, Instrument

OVERLAPS = """SELECT count(*) FROM instruments_booking a JOIN instruments_booking b
  ON a.instrument_id = b.instrument_id AND a.seat = b.seat AND a.id < b.id
 AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
 AND a.start < b."end" AND b.start < a."end" """


@pytest.mark.slow
def test_instrument_demo_is_a_busy_alliance_month(db: None) -> None:
    output = StringIO()

    call_command("demo_data", "--seed", "1", "--listings", "0", "--no-events", stdout=output)

    with connection.cursor() as cursor:
        cursor.execute(OVERLAPS)
        overlaps = cursor.fetchone()[0]
    organisations = Facility.objects.values("organisation").distinct().count()
    names = {language for name in Instrument.objects.values_list("name", flat=True) for language in name}
    assert Instrument.objects.count() == 300
    assert 35 <= organisations <= 40
    assert names == {"en", "zh-hans", "hu"}
    assert Booking.objects.count() > 2000
    assert Booking.objects.filter(status="pending").exists()
    assert Charge.objects.filter(subsidy__gt=0).exists()
    assert overlaps == 0
    assert "lab.manager@techbridge.demo" in output.getvalue()
