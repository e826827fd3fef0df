"""The numbers: each indicator's figure for a scope, its months, its breakdowns and the funnel.

Every page, export, API answer and the annual report takes its numbers from here, so the same
scope gives the same number everywhere. They are read from the aggregates kept per month and
filter combination (statistics.domain.aggregates, docs/decisions/0017): a few small queries
whatever the number of records, exact (a record counts once in every scope it falls in), and
current (changes are recounted before figures are read, the clock's effects every minute).

The direct counts over the records (`count_years_direct`, `count_figure`, `count_breakdown`,
`count_median_days`: one query per source with conditional aggregation on the dating field,
medians from the database's counts of records per number of days, docs/decisions/0015) remain as
the reference the aggregates are tested against.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Model,
    Q,
    QuerySet,
    Sum,
)
from django.db.models import Field as DjangoField
from django.db.models.functions import TruncDate

from techbridge.cooperation.enums import AgreementKind
from techbridge.statistics.domain import aggregates
from techbridge.statistics.domain.scope import Scope
from techbridge.statistics.domain.sources import SOURCES, Source, is_joined, scoped, year_bounds
from techbridge.statistics.models import Aggregate
from techbridge_core.analytics import (
    FUNNEL,
    INDICATORS,
    FunnelStage,
    funnel_stages,
    median_of_counts,
)

CACHE_SECONDS = 60
CACHE_VERSION = "statistics-3"
UTC = ZoneInfo("UTC")
CENTS = Decimal("0.01")  # amounts are stored with two decimals; some backends sum them as numbers


@dataclass(frozen=True, kw_only=True)
class Figure:
    code: str
    applicable: bool  # False when a filter of the scope does not apply to this indicator
    value: int | Decimal = 0
    per_currency: dict[str, Decimal] = field(default_factory=dict)  # amounts only
    confidential_left_out: int = 0  # amounts only: rows whose amount is confidential


@dataclass(frozen=True, kw_only=True)
class YearCounts:
    """One year of a scope: every indicator's figure and the twelve monthly counts of each."""

    figures: dict[str, Figure]
    months: dict[str, tuple[int, ...]]


@dataclass(frozen=True)
class _Group:
    """Indicators counted from the same rows (`base` in SOURCES): one query gives them all."""

    base: str
    codes: tuple[str, ...]


GROUPS: tuple[_Group, ...] = (
    _Group("listings_published", ("listings_published",)),
    _Group("eois", ("eois",)),
    _Group("meetings_held", ("meetings_held",)),
    _Group("cases_opened", ("cases_opened",)),
    _Group(
        "agreements_signed",
        ("agreements_signed", "mous_signed", "technology_contracts", "technology_contract_value"),
    ),
    _Group("projects_signed", ("projects_signed",)),
    _Group("implemented", ("implemented",)),
    _Group("events_held", ("events_held",)),
    _Group("participants", ("participants", "participant_countries")),
    _Group("achievements_showcased", ("achievements_showcased",)),
    _Group("external_hours_booked", ("external_hours_booked", "instruments_shared")),
    _Group("expert_profiles", ("expert_profiles",)),
)
_GROUP_OF = {code: group for group in GROUPS for code in group.codes}
# Which rows an indicator's months count, where a group counts more than one kind of row.
_MONTHS_OF = {
    "mous_signed": "mous",
    "technology_contracts": "contracts",
    "technology_contract_value": "contracts",
}

# Figures that count something other than rows: distinct values of a column in the year.
DISTINCT_COLUMN = {"participant_countries": "country", "instruments_shared": "instrument_id"}
_DISTINCT_EXCLUDED = {"participant_countries": Q(country="")}


def _distinct_rows(code: str, scope: Scope, *, since: int) -> QuerySet[Any]:
    """The source's rows of the years `since`..scope.year, each once, ready to be grouped: a filter
    across a many-to-many path goes into a subquery of keys so that sums are not repeated."""
    source = SOURCES[code]
    rows = scoped(source, scope, since=since)
    if is_joined(source, scope):
        rows = rows.model._default_manager.filter(pk__in=rows.values("pk"))
    return rows.order_by()


def _within(source: Source, first: date | datetime, after: date | datetime) -> Q:
    return Q(**{f"{source.date_path}__gte": first, f"{source.date_path}__lt": after})


def _month_bounds(source: Source, year: int, month: int) -> tuple[date | datetime, date | datetime]:
    """The calendar month in UTC, as the year bounds are, so that the months add up to the year."""
    first, after = date(year, month, 1), date(year + month // 12, month % 12 + 1, 1)
    if source.is_date:
        return first, after
    return datetime.combine(first, time(), UTC), datetime.combine(after, time(), UTC)


def _seconds(value: timedelta | int | float | None) -> float:
    if value is None:
        return 0.0
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value) / 1_000_000  # microseconds, as some backends sum durations


def _aggregates(group: _Group, source: Source, years: range) -> dict[str, Any]:
    """Conditional aggregates over the group's rows: a count per month (per kind of row where the
    group counts several), and per year the amounts, hours and distinct values. Plain comparisons
    of the dating field, no per-row date functions, so each database answers from one scan."""
    parts = dict(_PARTS.get(group.base, {"n": Q()}))
    aggregates: dict[str, Any] = {}
    for year in years:
        for month in range(1, 13):
            within = _within(source, *_month_bounds(source, year, month))
            for part, condition in parts.items():
                aggregates[f"{part}_{year}_{month}"] = Count("pk", filter=within & condition)
        in_year = _within(source, *year_bounds(year, year, is_date=source.is_date))
        if group.base == "agreements_signed":
            contract = _PARTS["agreements_signed"]["contracts"]
            aggregates[f"amount_{year}"] = Sum(
                "total_amount", filter=in_year & contract & Q(amounts_confidential=False)
            )
            aggregates[f"confidential_{year}"] = Count(
                "pk", filter=in_year & contract & Q(amounts_confidential=True)
            )
        if group.base == "external_hours_booked":
            aggregates[f"duration_{year}"] = Sum(
                ExpressionWrapper(F("end") - F("start"), output_field=DurationField()), filter=in_year
            )
        for code in group.codes:
            if code in DISTINCT_COLUMN:
                excluded = _DISTINCT_EXCLUDED.get(code)
                aggregates[f"distinct_{code}_{year}"] = Count(
                    DISTINCT_COLUMN[code], distinct=True, filter=in_year & ~excluded if excluded else in_year
                )
    return aggregates


# Kinds of rows a group counts apart (each with its own months), where there is more than one.
_PARTS: dict[str, dict[str, Q]] = {
    "agreements_signed": {
        "n": Q(),
        "mous": Q(kind=AgreementKind.MOU),
        "contracts": Q(kind=AgreementKind.TECHNOLOGY_CONTRACT),
    }
}


def _count_group(group: _Group, scope: Scope, years: range) -> dict[int, dict[str, Figure]]:
    """The group's figures for each of `years`, and their monthly counts under the key "months"."""
    source = SOURCES[group.base]
    rows = _distinct_rows(group.base, scope, since=years[0])
    aggregates = _aggregates(group, source, years)
    if group.base == "agreements_signed":  # amounts are summed per currency
        answers = list(rows.values("currency").annotate(**aggregates))
    else:
        answers = [rows.aggregate(**aggregates)]
    result: dict[int, dict[str, Figure]] = {}
    for year in years:
        months = {
            part: tuple(
                sum(answer[f"{part}_{year}_{month}"] or 0 for answer in answers) for month in range(1, 13)
            )
            for part in _PARTS.get(group.base, {"n": Q()})
        }
        per_currency: dict[str, Decimal] = defaultdict(Decimal)
        for answer in answers:
            if answer.get(f"amount_{year}") is not None:
                per_currency[answer["currency"] or "?"] += Decimal(answer[f"amount_{year}"]).quantize(CENTS)
        per_currency = dict(sorted(per_currency.items()))
        seconds = sum(_seconds(answer.get(f"duration_{year}")) for answer in answers)
        values_of: dict[str, int | Decimal] = {
            "agreements_signed": sum(months["n"]),
            "mous_signed": sum(months.get("mous", ())),
            "technology_contracts": sum(months.get("contracts", ())),
            "technology_contract_value": sum(per_currency.values(), Decimal(0)),
            "external_hours_booked": Decimal(seconds / 3600).quantize(Decimal("0.1")),
        }
        values_of |= {
            code: int(answers[0][f"distinct_{code}_{year}"] or 0)
            for code in group.codes
            if code in DISTINCT_COLUMN
        }
        result[year] = {
            code: Figure(
                code=code,
                applicable=True,
                value=values_of.get(code, sum(months["n"])),
                per_currency=per_currency if code == "technology_contract_value" else {},
                confidential_left_out=(
                    sum(answer[f"confidential_{year}"] or 0 for answer in answers)
                    if code == "technology_contract_value"
                    else 0
                ),
            )
            for code in group.codes
        }
        result[year]["months"] = {  # type: ignore[assignment]
            code: months[_MONTHS_OF.get(code, "n")] for code in group.codes
        }
    return result


def count_years_direct(scope: Scope, years: range) -> dict[int, YearCounts]:
    """Every indicator's figure and months for each of `years` (consecutive, ending at any year)
    under the scope's filters, counted from the records themselves: one query per source (the
    check of the aggregates the pages read, and what `count_figure` counts)."""
    counted: dict[int, YearCounts] = {year: YearCounts(figures={}, months={}) for year in years}
    for group in GROUPS:
        if not SOURCES[group.base].applies_to(scope):
            for year in years:
                for code in group.codes:
                    counted[year].figures[code] = Figure(code=code, applicable=False)
                    counted[year].months[code] = (0,) * 12
            continue
        for year, found in _count_group(group, scope, years).items():
            months = found.pop("months")
            for code in group.codes:
                counted[year].figures[code] = found[code]
                counted[year].months[code] = months[code]  # type: ignore[index]
    return counted


def _dims(scope: Scope) -> dict[str, Any]:
    return {
        "centre": scope.centre.pk if scope.centre else 0,
        "country": scope.country or "",
        "field": scope.field.pk if scope.field else 0,
        "event": scope.event.pk if scope.event else 0,
    }


def count_years(scope: Scope, years: range) -> dict[int, YearCounts]:
    """Every indicator's figure and months for each of `years` under the scope's filters, read
    from the aggregates (statistics.domain.aggregates): two queries whatever the records' number,
    equal to a direct count (`count_years_direct`) of the records as last refreshed."""
    aggregates.ensure_current()
    dims, wanted = _dims(scope), list(years)
    plain = [code for group in GROUPS for code in group.codes] + [aggregates.AMOUNT, aggregates.CONFIDENTIAL]
    stored = Aggregate.objects.filter(year__in=wanted, code__in=plain, **dims).values_list(
        "code", "year", "month", "key", "n", "amount", "micros"
    )
    months: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0] * 12)
    amounts: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    totals: dict[tuple[str, int], int] = defaultdict(int)  # confidential rows, microseconds
    for code, year, month, key, n, amount, micros in stored:
        if code == aggregates.AMOUNT:
            if amount is not None:
                amounts[year][key] += Decimal(amount).quantize(CENTS)
        elif code == aggregates.CONFIDENTIAL:
            totals[(code, year)] += n
        else:
            months[(code, year)][month - 1] += n
            totals[(code, year)] += micros
    distinct = {
        (row["code"], row["year"]): row["values"]
        for row in Aggregate.objects.filter(
            year__in=wanted, code__in=[f"distinct:{code}" for code in aggregates.DISTINCT], **dims
        )
        .values("code", "year")
        .annotate(values=Count("key", distinct=True))
    }
    counted: dict[int, YearCounts] = {year: YearCounts(figures={}, months={}) for year in years}
    for group in GROUPS:
        applicable = SOURCES[group.base].applies_to(scope)
        for year in years:
            for code in group.codes:
                row_code = _ROWS_OF.get(code, code)
                counted[year].months[code] = tuple(months[(row_code, year)]) if applicable else (0,) * 12
                counted[year].figures[code] = (
                    _figure(code, year, months=months, amounts=amounts, totals=totals, distinct=distinct)
                    if applicable
                    else Figure(code=code, applicable=False)
                )
    return counted


# The indicators whose months count another indicator's rows.
_ROWS_OF = {
    "technology_contract_value": "technology_contracts",
    "participant_countries": "participants",
    "instruments_shared": "external_hours_booked",
}


def _figure(
    code: str,
    year: int,
    *,
    months: dict[tuple[str, int], list[int]],
    amounts: dict[int, dict[str, Decimal]],
    totals: dict[tuple[str, int], int],
    distinct: dict[tuple[str, int], int],
) -> Figure:
    if code == "technology_contract_value":
        per_currency = dict(sorted(amounts[year].items()))
        return Figure(
            code=code,
            applicable=True,
            value=sum(per_currency.values(), Decimal(0)),
            per_currency=per_currency,
            confidential_left_out=totals[(aggregates.CONFIDENTIAL, year)],
        )
    if code in aggregates.DISTINCT:
        return Figure(code=code, applicable=True, value=int(distinct.get((f"distinct:{code}", year), 0)))
    if code == "external_hours_booked":
        seconds = totals[(code, year)] / 1_000_000
        return Figure(code=code, applicable=True, value=Decimal(seconds / 3600).quantize(Decimal("0.1")))
    return Figure(code=code, applicable=True, value=sum(months[(code, year)]))


def _year_counts(scope: Scope) -> YearCounts:
    """The scope's year from the aggregates; kept in the cache under the aggregates' refresh stamp
    (a refresh changes the stamp, so a cached figure is never older than the aggregates). Reading a
    year reads the year before with it (every dashboard compares the two)."""
    stamp = aggregates.ensure_current()
    key = f"{CACHE_VERSION}:{stamp}:year:{scope.key()}"
    cached: YearCounts | None = cache.get(key)
    if cached is None:
        years = range(scope.year - 1, scope.year + 1)
        counted = count_years(scope, years)
        cache.set_many(
            {
                f"{CACHE_VERSION}:{stamp}:year:{replace(scope, year=year).key()}": counted[year]
                for year in years
            },
            CACHE_SECONDS,
        )
        cached = counted[scope.year]
    return cached


def count_figure(code: str, scope: Scope, *, year: int | None = None) -> Figure:
    """One indicator's figure, counted now (not cached)."""
    year = year or scope.year
    group = _GROUP_OF[code]
    if not SOURCES[group.base].applies_to(scope):
        return Figure(code=code, applicable=False)
    return _count_group(group, replace(scope, year=year), range(year, year + 1))[year][code]


def figures(scope: Scope) -> dict[str, Figure]:
    """Every indicator's figure for the scope (cached for a minute)."""
    found = _year_counts(scope).figures
    return {item.code: found[item.code] for item in INDICATORS}


def monthly(code: str, scope: Scope) -> tuple[int, ...]:
    """Twelve counts of the indicator's rows by month of its date (count indicators); months are
    calendar months in UTC, as the year bounds are, so they add up to the year's figure."""
    return _year_counts(scope).months[code]


BREAKDOWNS = {"country": "country_path", "field": "field_path", "centre": "centre_path"}


def breakdown(code: str, scope: Scope, *, by: str) -> dict[Any, int]:
    """The indicator's row count per country, technology field or centre (ids), largest first,
    read from the aggregates."""
    source = SOURCES[code]
    if getattr(source, BREAKDOWNS[by]) is None or not source.applies_to(scope):
        return {}
    aggregates.ensure_current()
    dims = _dims(scope)
    if dims[by] in (0, ""):  # else the scope's own centre, country or field is the one group
        del dims[by]
    counted = (
        Aggregate.objects.filter(code=_ROWS_OF.get(code, code), year=scope.year, **dims)
        .exclude(**{by: "" if by == "country" else 0})
        .values(by)
        .annotate(n=Sum("n"))
    )
    groups = {row[by]: int(row["n"]) for row in counted if row["n"]}
    return dict(sorted(groups.items(), key=lambda item: (-item[1], str(item[0]))))


def count_breakdown(code: str, scope: Scope, *, by: str) -> dict[Any, int]:
    """`breakdown` counted from the records themselves."""
    source = SOURCES[code]
    path = getattr(source, BREAKDOWNS[by])
    if path is None or not source.applies_to(scope):
        return {}
    rows = scoped(source, scope).order_by()
    counted = rows.exclude(**{f"{path}__isnull": True}).values(path).annotate(n=Count("pk", distinct=True))
    groups = {row[path]: row["n"] for row in counted if row[path] not in ("", None)}
    return dict(sorted(groups.items(), key=lambda item: (-item[1], str(item[0]))))


# For each funnel step after the first, the date of the step before it, reached from the step's rows.
_PREVIOUS_DATE = {
    "eois": ("created_at", "listing__published_at"),
    "meetings_held": ("starts_at", "interest__created_at"),
    "cases_opened": ("created_at", "interest__created_at"),
    "agreements_signed": ("signed_on", "case__created_at"),
    "projects_signed": ("signed_on", "agreement__signed_on"),
    "implemented": ("implemented_on", "signed_on"),
}


def _path_field(model: type[Model], path: str) -> DjangoField[Any, Any]:
    """The model field at the end of a lookup path such as "interest__created_at"."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model  # type: ignore[assignment]
    return model._meta.get_field(name)  # type: ignore[return-value]


def _day(model: type[Model], path: str) -> Any:
    """The path's date (a date-time's date in UTC, as the year bounds count it)."""
    if isinstance(_path_field(model, path), DateTimeField):
        return TruncDate(path, tzinfo=UTC)
    return F(path)


def median_days(scope: Scope) -> dict[str, float | None]:
    """Median days from the step before to each funnel step, for the step's records in the scope's
    year, from the aggregates' counts of records per number of days (one query)."""
    aggregates.ensure_current()
    steps = [code for code in FUNNEL if code in _PREVIOUS_DATE and SOURCES[code].applies_to(scope)]
    counts: dict[str, dict[int, int]] = {code: defaultdict(int) for code in steps}
    rows = (
        Aggregate.objects.filter(
            year=scope.year, code__in=[aggregates.DAYS + code for code in steps], **_dims(scope)
        )
        .values("code", "key")
        .annotate(n=Sum("n"))
    )
    for row in rows:
        counts[row["code"].removeprefix(aggregates.DAYS)][int(row["key"])] += int(row["n"])
    return {code: median_of_counts(counts[code]) if code in counts else None for code in FUNNEL}


def count_median_days(code: str, scope: Scope) -> float | None:
    """Median days from the step before to this one, for the step's records in the scope: the
    database counts the records per number of days (a few hundred groups, not every pair), and
    the median is read from those counts."""
    if code not in _PREVIOUS_DATE or not SOURCES[code].applies_to(scope):
        return None
    later_path, earlier_path = _PREVIOUS_DATE[code]
    rows = _distinct_rows(code, scope, since=scope.year).exclude(**{f"{earlier_path}__isnull": True})
    model = rows.model
    days = (
        rows.annotate(later_day=_day(model, later_path), earlier_day=_day(model, earlier_path))
        .filter(later_day__gte=F("earlier_day"))
        .annotate(days=ExpressionWrapper(F("later_day") - F("earlier_day"), output_field=DurationField()))
        .values("days")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, int] = defaultdict(int)
    for row in days:
        counts[_whole_days(row["days"])] += row["n"]
    return median_of_counts(counts)


def _whole_days(value: timedelta | int) -> int:
    if isinstance(value, timedelta):
        return value.days
    return int(value) // 86_400_000_000  # microseconds


def funnel(scope: Scope) -> tuple[FunnelStage, ...]:
    """The cooperation funnel for the scope, with conversions and median days between steps."""
    key = f"{CACHE_VERSION}:{aggregates.ensure_current()}:funnel:{scope.key()}"
    cached: tuple[FunnelStage, ...] | None = cache.get(key)
    if cached is None:
        counts = figures(scope)
        cached = funnel_stages(
            FUNNEL,
            {code: int(counts[code].value) for code in FUNNEL},
            durations=median_days(scope),
        )
        cache.set(key, cached, CACHE_SECONDS)
    return cached
