"""The filters of every statistics page, export, report and API call, checked once.

A scope is a year and any combination of centre, country, technology field and event. Impossible
filters (year 1, a centre that does not exist, a country code that is not one) are refused with a
message in the reader's language, never passed on to a query.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pycountry
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.directory.models import Centre, TechnologyField
from techbridge.events.models import Event
from techbridge_core.analytics import MAX_YEAR, MIN_YEAR


class ScopeError(ValueError):
    """The filters name something that cannot be counted; `field` is the filter at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, kw_only=True)
class Scope:
    year: int
    centre: Centre | None = None
    country: str = ""
    field: TechnologyField | None = None
    event: Event | None = None

    def key(self) -> str:
        """A stable text of the filters, for caches."""
        return ":".join(
            str(part)
            for part in (
                self.year,
                self.centre.pk if self.centre else "",
                self.country,
                self.field.pk if self.field else "",
                self.event.pk if self.event else "",
            )
        )

    def as_query(self) -> dict[str, str]:
        """The scope as GET parameters (links from a number to its records keep the scope)."""
        query = {"year": str(self.year)}
        if self.centre:
            query["centre"] = self.centre.slug
        if self.country:
            query["country"] = self.country
        if self.field:
            query["field"] = self.field.code
        if self.event:
            query["event"] = self.event.slug
        return query

    def previous_year(self) -> Scope:
        return Scope(
            year=self.year - 1, centre=self.centre, country=self.country, field=self.field, event=self.event
        )


def _year(raw: str) -> int:
    if not raw:
        return timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        raise ScopeError("year", _("The year must be a number, e.g. 2026.")) from None
    if not MIN_YEAR + 1 <= year <= MAX_YEAR:
        raise ScopeError(
            "year",
            _("There are no figures for %(year)s: choose a year between %(first)s and %(last)s.")
            % {"year": year, "first": MIN_YEAR + 1, "last": MAX_YEAR},
        )
    return year


def _one(model: type, field: str, raw: str, *, lookup: str, message: str) -> object | None:
    if not raw:
        return None
    found: object | None = model.objects.filter(**{lookup: raw[:100]}).first()  # type: ignore[attr-defined]
    if found is None:
        raise ScopeError(field, message)
    return found


def parse_scope(params: Mapping[str, str]) -> Scope:
    """The scope named by GET parameters `year`, `centre` (slug), `country` (ISO 3166 alpha-2),
    `field` (OECD code) and `event` (slug); ScopeError on the first impossible one."""
    year = _year(params.get("year", "").strip())
    centre = _one(
        Centre, "centre", params.get("centre", "").strip(), lookup="slug", message=_("No such centre.")
    )
    country = params.get("country", "").strip().upper()
    if country and (len(country) != 2 or pycountry.countries.get(alpha_2=country) is None):
        raise ScopeError("country", _("“%(code)s” is not a country code.") % {"code": country[:10]})
    field = _one(
        TechnologyField,
        "field",
        params.get("field", "").strip(),
        lookup="code",
        message=_("No such technology field."),
    )
    event = _one(Event, "event", params.get("event", "").strip(), lookup="slug", message=_("No such event."))
    return Scope(
        year=year,
        centre=centre,  # type: ignore[arg-type]
        country=country,
        field=field,  # type: ignore[arg-type]
        event=event,  # type: ignore[arg-type]
    )
