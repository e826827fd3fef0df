"""The database refuses double booking (docs/decisions/0008-instrument-booking-storage.md).

Two active (pending or confirmed) bookings of the same instrument seat never overlap, and a
booking's seat is below its instrument's capacity. PostgreSQL: an exclusion constraint over
tstzrange with btree_gist, plus a trigger for the seat bound. SQLite: BEFORE INSERT/UPDATE
triggers. Both raise errors that Django reports as IntegrityError.
"""

from django.db import migrations

ACTIVE = "('pending', 'confirmed')"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE instruments_booking ADD CONSTRAINT booking_no_overlap
        EXCLUDE USING gist (instrument_id WITH =, seat WITH =, tstzrange(start, "end", '[)') WITH &&)
        WHERE (status IN {ACTIVE})""",
    f"""CREATE FUNCTION instruments_booking_seat_check() RETURNS trigger AS $$
        BEGIN
          IF NEW.status IN {ACTIVE} AND NEW.seat >= (
              SELECT capacity FROM instruments_instrument WHERE id = NEW.instrument_id) THEN
            RAISE EXCEPTION 'booking_seat_over_capacity' USING ERRCODE = '23514';
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER booking_seat_within_capacity BEFORE INSERT OR UPDATE ON instruments_booking
        FOR EACH ROW EXECUTE FUNCTION instruments_booking_seat_check()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS booking_seat_within_capacity ON instruments_booking",
    "DROP FUNCTION IF EXISTS instruments_booking_seat_check()",
    "ALTER TABLE instruments_booking DROP CONSTRAINT IF EXISTS booking_no_overlap",
]


def _sqlite_overlap(event: str, same_row: str) -> str:
    return f"""CREATE TRIGGER booking_no_overlap_{event.lower()} BEFORE {event} ON instruments_booking
        WHEN NEW.status IN {ACTIVE} AND EXISTS (
          SELECT 1 FROM instruments_booking b
          WHERE b.instrument_id = NEW.instrument_id AND b.seat = NEW.seat {same_row}
            AND b.status IN {ACTIVE} AND b.start < NEW."end" AND NEW.start < b."end")
        BEGIN SELECT RAISE(ABORT, 'booking_no_overlap'); END"""


def _sqlite_seat(event: str) -> str:
    return f"""CREATE TRIGGER booking_seat_within_capacity_{event.lower()} BEFORE {event} ON instruments_booking
        WHEN NEW.status IN {ACTIVE} AND NEW.seat >= (
          SELECT capacity FROM instruments_instrument WHERE id = NEW.instrument_id)
        BEGIN SELECT RAISE(ABORT, 'booking_seat_over_capacity'); END"""


SQLITE_FORWARD = [
    _sqlite_overlap("INSERT", ""),
    _sqlite_overlap("UPDATE", "AND b.id <> NEW.id"),
    _sqlite_seat("INSERT"),
    _sqlite_seat("UPDATE"),
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS booking_no_overlap_update",
    "DROP TRIGGER IF EXISTS booking_seat_within_capacity_insert",
    "DROP TRIGGER IF EXISTS booking_seat_within_capacity_update",
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD})


def backwards(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("instruments", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
