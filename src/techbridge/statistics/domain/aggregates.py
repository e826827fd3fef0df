"""The indicators' counts kept per month and filter combination, so a dashboard reads a few small
rows instead of counting the records (docs/decisions/0017).

Each source of `sources.SOURCES` (a "source" here is a group of indicators counted from the same
records, `figures.GROUPS`) is counted month by month into `Aggregate` rows. A record counts once in
every combination of {any} ∪ its centres × {any} ∪ its countries × {any} ∪ its fields × {any} ∪ its
events, so the row of a scope holds exactly the number of distinct records a direct count with the
same filters finds (many-to-many paths included), and a breakdown by country is the rows whose
country is set.

Kept current three ways:
- a change to a record, or to a row on a path from it (a party, an organisation's country, an
  event's organisers...), marks the months of the records it touches (`mark_changed`, called by
  `statistics.receivers` before and after the change, so a record moved to another month leaves
  the old one); the marks are recounted by `refresh` before any figure is read and by the
  periodic job `statistics.refresh_aggregates` every minute;
- the job also recounts the current month of the sources that depend on the clock (a meeting is
  "held" once its start has passed, an event once its first day has come);
- `rebuild` (manage.py rebuild_statistics, nightly) recounts every month of every source, and runs
  by itself for a source never counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import product
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from techbridge.cooperation.enums import AgreementKind
from techbridge.statistics.domain.sources import SOURCES, Source
from techbridge.statistics.models import Aggregate, AggregateState, DirtyMonth

BATCH = 5000

# The groups of indicators counted from one source (the first code names the source).
SOURCE_CODES: dict[str, tuple[str, ...]] = {
    "listings_published": ("listings_published",),
    "eois": ("eois",),
    "meetings_held": ("meetings_held",),
    "cases_opened": ("cases_opened",),
    "agreements_signed": (
        "agreements_signed",
        "mous_signed",
        "technology_contracts",
        "technology_contract_value",
    ),
    "projects_signed": ("projects_signed",),
    "implemented": ("implemented",),
    "events_held": ("events_held",),
    "participants": ("participants", "participant_countries"),
    "achievements_showcased": ("achievements_showcased",),
    "external_hours_booked": ("external_hours_booked", "instruments_shared"),
    "expert_profiles": ("expert_profiles",),
}
# Sources whose records enter or leave the count as time passes, without any row changing.
CLOCK_SOURCES = ("meetings_held", "events_held", "participants", "achievements_showcased")

# Stored codes besides each indicator's monthly record count (code, key ""):
AMOUNT = "amount:technology_contract_value"  # key: currency; n, amount of non-confidential contracts
CONFIDENTIAL = "confidential:technology_contract_value"  # n: contracts whose amount is confidential
DISTINCT = {"participant_countries": "country", "instruments_shared": "instrument_id"}  # key: the value
DAYS = "days:"  # + funnel step; key: whole days from the step before; n: records

# For each funnel step after the first, the date of the step before it, reached from the step's rows.
PREVIOUS_DATE = {
    "eois": "listing__published_at",
    "meetings_held": "interest__created_at",
    "cases_opened": "interest__created_at",
    "agreements_signed": "case__created_at",
    "projects_signed": "agreement__signed_on",
    "implemented": "signed_on",
}


def stored_codes(source: str) -> set[str]:
    codes = set(SOURCE_CODES[source])
    codes |= {f"distinct:{code}" for code in SOURCE_CODES[source] if code in DISTINCT}
    if source == "agreements_signed":
        codes |= {AMOUNT, CONFIDENTIAL}
    if source in PREVIOUS_DATE:
        codes.add(DAYS + source)
    return codes


# ---------------------------------------------------------------------------------------------
# Counting records into rows


@dataclass
class _Record:
    when: date
    centres: set[Any]
    countries: set[str]
    fields: set[Any]
    events: set[Any]
    extra: tuple[Any, ...]


def _extras(source: str) -> tuple[str, ...]:
    extra: tuple[str, ...] = ()
    if source == "agreements_signed":
        extra = ("kind", "currency", "total_amount", "amounts_confidential")
    elif source == "external_hours_booked":
        extra = ("start", "end", "instrument_id")
    elif source == "participants":
        extra = ("country",)
    return extra + ((PREVIOUS_DATE[source],) if source in PREVIOUS_DATE else ())


def _utc_day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return value.astimezone(UTC).date()
    return value


def _records(source: str, rows: QuerySet[Any]) -> dict[Any, _Record]:
    """The source's records, each once, with the sets of centres, countries, fields and events a
    filter reaches them by (a record joined through many-to-many paths comes back several times)."""
    spec = SOURCES[source]
    paths = [spec.centre_path, spec.country_path, spec.field_path, spec.event_path]
    columns = ["pk", spec.date_path] + [path for path in paths if path] + list(_extras(source))
    records: dict[Any, _Record] = {}
    for row in rows.order_by().values_list(*columns).iterator(chunk_size=BATCH):
        values = dict(zip(columns, row, strict=True))
        record = records.get(row[0])
        if record is None:
            when = values[spec.date_path]
            if when is None:
                continue
            record = records[row[0]] = _Record(
                when=_utc_day(when),
                centres=set(),
                countries=set(),
                fields=set(),
                events=set(),
                extra=tuple(values[name] for name in _extras(source)),
            )
        for path, found in zip(
            paths, (record.centres, record.countries, record.fields, record.events), strict=True
        ):
            if path and values[path] not in (None, ""):
                found.add(values[path])
    return records


Cell = tuple[str, int, int, int, str, int, int, str]  # code, year, month, centre, country, field, event, key


def _count(source: str, records: Iterable[_Record]) -> dict[Cell, list[Any]]:
    """Every record into every cell it counts in: [n, amount, micros] per cell."""
    cells: dict[Cell, list[Any]] = defaultdict(lambda: [0, None, 0])
    for record in records:
        year, month = record.when.year, record.when.month
        entries = _entries(source, record)
        combos = product(
            {0} | record.centres, {""} | record.countries, {0} | record.fields, {0} | record.events
        )
        for centre, country, field, event in combos:
            for code, key, amount, micros in entries:
                cell = cells[(code, year, month, centre, country, field, event, key)]
                cell[0] += 1
                if amount is not None:
                    cell[1] = amount if cell[1] is None else cell[1] + amount
                cell[2] += micros
    return cells


Entry = tuple[str, str, Decimal | None, int]  # code, key, amount, microseconds


def _entries(source: str, record: _Record) -> list[Entry]:
    """The cells a record adds 1 to (with its amount or duration) in its month and scopes."""
    if source == "agreements_signed":
        kind, currency, amount, confidential = record.extra[:4]
        entries: list[Entry] = [("agreements_signed", "", None, 0)]
        if kind == AgreementKind.MOU:
            entries.append(("mous_signed", "", None, 0))
        if kind == AgreementKind.TECHNOLOGY_CONTRACT:
            entries.append(("technology_contracts", "", None, 0))
            if confidential:
                entries.append((CONFIDENTIAL, "", None, 0))
            elif amount is not None:
                entries.append((AMOUNT, currency or "?", Decimal(amount), 0))
    elif source == "external_hours_booked":
        start, end, instrument = record.extra[:3]
        entries = [
            ("external_hours_booked", "", None, (end - start) // timedelta(microseconds=1)),
            ("distinct:instruments_shared", str(instrument), None, 0),
        ]
    else:
        entries = [(source, "", None, 0)]
        if source == "participants" and record.extra[0]:
            entries.append(("distinct:participant_countries", str(record.extra[0]), None, 0))
    if source in PREVIOUS_DATE and record.extra[-1] is not None:
        days = (record.when - _utc_day(record.extra[-1])).days
        if days >= 0:
            entries.append((DAYS + source, str(days), None, 0))
    return entries


def _rows(cells: dict[Cell, list[Any]]) -> Iterator[Aggregate]:
    for (code, year, month, centre, country, field, event, key), (n, amount, micros) in cells.items():
        yield Aggregate(
            code=code, year=year, month=month, centre=centre, country=country, field=field, event=event,
            key=key, n=n, amount=amount, micros=micros,
        )  # fmt: skip


def _insert(rows: Iterator[Aggregate]) -> int:
    written = 0
    batch: list[Aggregate] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            Aggregate.objects.bulk_create(batch)
            written, batch = written + len(batch), []
    Aggregate.objects.bulk_create(batch)
    return written + len(batch)


def _month_bounds(spec: Source, year: int, month: int) -> tuple[date | datetime, date | datetime]:
    first, after = date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
    if spec.is_date:
        return first, after
    return datetime.combine(first, time(), UTC), datetime.combine(after, time(), UTC)


def _locked_state(source: str) -> AggregateState:
    AggregateState.objects.get_or_create(source=source)
    return AggregateState.objects.select_for_update().get(source=source)


def _stored(source: str) -> QuerySet[Aggregate]:
    return Aggregate.objects.filter(code__in=stored_codes(source))


def recount_months(source: str, months: Iterable[tuple[int, int]]) -> int:
    """Recount the source's rows of these (year, month)s from its records; rows written."""
    spec = SOURCES[source]
    written = 0
    with transaction.atomic():
        state = _locked_state(source)
        for year, month in sorted(set(months)):
            first, after = _month_bounds(spec, year, month)
            rows = spec.rows().filter(**{f"{spec.date_path}__gte": first, f"{spec.date_path}__lt": after})
            _stored(source).filter(year=year, month=month).delete()
            written += _insert(_rows(_count(source, _records(source, rows).values())))
        state.refreshed_at = timezone.now()
        state.save(update_fields=["refreshed_at"])
    return written


def rebuild(sources: Iterable[str] | None = None) -> dict[str, int]:
    """Recount every month of the sources (all by default) from their records; rows written each."""
    written: dict[str, int] = {}
    for source in sources or SOURCE_CODES:
        with transaction.atomic():
            state = _locked_state(source)
            # Marks of this source stay for the next refresh (recounted twice, harmless): taking them
            # here, under the source's lock, could wait on a refresh that waits on this lock.
            _stored(source).delete()
            written[source] = _insert(
                _rows(_count(source, _records(source, SOURCES[source].rows()).values()))
            )
            state.rebuilt_at = state.refreshed_at = timezone.now()
            state.save(update_fields=["rebuilt_at", "refreshed_at"])
    return written


def refresh(*, now: datetime | None = None, clock: bool = False) -> dict[str, int]:
    """Recount the months marked since the last refresh (and, with `clock`, the current month of
    the sources that depend on the time); count any source never counted. Rows written per source."""
    built = set(AggregateState.objects.filter(rebuilt_at__isnull=False).values_list("source", flat=True))
    written = (
        rebuild(source for source in SOURCE_CODES if source not in built)
        if len(built) < len(SOURCE_CODES)
        else {}
    )
    with transaction.atomic():
        # Taken by their ids: a mark written meanwhile by another transaction stays for next time.
        marks = list(DirtyMonth.objects.values_list("pk", "source", "year", "month"))
        DirtyMonth.objects.filter(pk__in=[mark[0] for mark in marks]).delete()
        months: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for _pk, source, year, month in marks:
            if source in SOURCE_CODES:
                months[source].add((year, month))
        if clock:
            now = now or timezone.now()
            today = timezone.localdate(now)
            for moment in (now.astimezone(UTC), (now - timedelta(minutes=5)).astimezone(UTC)):
                for source in CLOCK_SOURCES:
                    months[source] |= {(moment.year, moment.month), (today.year, today.month)}
        for source, touched in months.items():
            written[source] = written.get(source, 0) + recount_months(source, touched)
    return written


_READING: ContextVar[str | None] = ContextVar("statistics_reading", default=None)


@contextmanager
def reading() -> Iterator[str]:
    """Read many figures (a dashboard, a report) against the aggregates as they are now: checked
    once at the start rather than before every figure."""
    stamp = ensure_current()
    token = _READING.set(stamp)
    try:
        yield stamp
    finally:
        _READING.reset(token)


def ensure_current() -> str:
    """Count what waits to be counted (marked months, a source never counted), then the stamp of
    the aggregates' last change: two small queries when nothing waits (none inside `reading`)."""
    inside = _READING.get()
    if inside is not None:
        return inside
    states = list(AggregateState.objects.values_list("rebuilt_at", "refreshed_at"))
    if (
        len(states) < len(SOURCE_CODES)
        or any(rebuilt is None for rebuilt, _ in states)
        or DirtyMonth.objects.exists()
    ):
        refresh()
        states = list(AggregateState.objects.values_list("rebuilt_at", "refreshed_at"))
    return max(refreshed.isoformat() for _, refreshed in states if refreshed is not None)


# ---------------------------------------------------------------------------------------------
# Which months a changed row touches


@dataclass(frozen=True)
class Dependency:
    source: str
    model: type[models.Model]
    lookup: str  # from the source's records to the changed row: "pk", "case__parties"...
    fields: tuple[str, ...]  # the changed row's columns that the source reads ("" = any change)


def _walk(source: str, path: str) -> Iterator[tuple[type[models.Model], str, str]]:
    """(model, lookup to it, its column read next: "" for a relation saved apart, such as
    many-to-many, whose changes come as m2m_changed) for every relation on a path."""
    model: type[models.Model] = SOURCES[source].rows().model
    parts = path.split("__")
    for index, part in enumerate(parts[:-1]):
        related = model._meta.get_field(part).related_model
        if related is None:
            return
        model = related
        following = model._meta.get_field(parts[index + 1]) if parts[index + 1] != "pk" else None
        concrete = isinstance(following, models.Field) and following.concrete and not following.many_to_many
        column = following.attname if concrete and isinstance(following, models.Field) else ""
        yield model, "__".join(parts[: index + 1]), column


# Rows whose saving never changes a count (their ids are what the aggregates keep).
_UNTRACKED = {"directory.centre", "directory.technologyfield", "directory.alliance"}
# Columns read by the sources' conditions on related rows (the walk sees only the paths).
_CONDITIONS = {"events.event": ("status", "starts_on")}


def dependencies() -> list[Dependency]:
    found: dict[tuple[str, type[models.Model], str], set[str]] = defaultdict(set)
    for source in SOURCE_CODES:
        spec = SOURCES[source]
        found[(source, spec.rows().model, "pk")].add("")
        paths = [spec.date_path, spec.centre_path, spec.country_path, spec.field_path, spec.event_path]
        paths += [PREVIOUS_DATE[source]] if source in PREVIOUS_DATE else []
        for path in filter(None, paths):
            for model, lookup, column in _walk(source, path):
                if model._meta.label_lower in _UNTRACKED or model._meta.label == settings.AUTH_USER_MODEL:
                    continue
                columns = found[(source, model, lookup)]
                columns.update(
                    ([column] if column else []) + list(_CONDITIONS.get(model._meta.label_lower, ()))
                )
    # A no-show reported by either side takes a meeting out of the meetings held.
    from techbridge.events.models import MeetingOutcome

    found[("meetings_held", MeetingOutcome, "outcomes")].add("")
    return [
        Dependency(source=source, model=model, lookup=lookup, fields=tuple(sorted(columns)))
        for (source, model, lookup), columns in found.items()
    ]


def tracked_models() -> set[type[models.Model]]:
    return {dependency.model for dependency in dependencies()}


def _months_of(dependency: Dependency, pks: Iterable[Any]) -> set[tuple[int, int]]:
    spec = SOURCES[dependency.source]
    records = spec.rows().model._default_manager.filter(**{f"{dependency.lookup}__in": list(pks)})
    found = (
        records.exclude(**{f"{spec.date_path}__isnull": True})
        .annotate(
            stat_year=ExtractYear(spec.date_path, tzinfo=UTC)
            if not spec.is_date
            else ExtractYear(spec.date_path),
            stat_month=ExtractMonth(spec.date_path, tzinfo=UTC)
            if not spec.is_date
            else ExtractMonth(spec.date_path),
        )
        .order_by()
        .values_list("stat_year", "stat_month")
        .distinct()
    )
    return {(int(year), int(month)) for year, month in found}


def mark_changed(model: type[models.Model], pks: Iterable[Any], *, changed: set[str] | None = None) -> None:
    """Mark the months of every source record that reaches these rows; `changed` (column names),
    when known, leaves out the sources that read none of them."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    marks = []
    for dependency in _DEPENDENCIES_OF().get(model, ()):
        if changed is not None and "" not in dependency.fields and not changed & set(dependency.fields):
            continue
        for year, month in _months_of(dependency, pks):
            marks.append(DirtyMonth(source=dependency.source, year=year, month=month))
    if marks:
        DirtyMonth.objects.bulk_create(marks)


_CACHE: dict[type[models.Model], list[Dependency]] = {}


def _DEPENDENCIES_OF() -> dict[type[models.Model], list[Dependency]]:  # noqa: N802
    if not _CACHE:
        for dependency in dependencies():
            _CACHE.setdefault(dependency.model, []).append(dependency)
    return _CACHE


def changed_columns(instance: models.Model) -> set[str] | None:
    """The columns of a saved row that differ from the database (None: a new row, or unknown)."""
    if instance._state.adding or instance.pk is None:
        return None
    columns = {
        column for dependency in _DEPENDENCIES_OF().get(type(instance), ()) for column in dependency.fields
    }
    if "" in columns:
        return None
    stored = type(instance)._default_manager.filter(pk=instance.pk).values(*columns).first()
    if stored is None:
        return None
    return {column for column in columns if stored[column] != getattr(instance, column)}
