"""The rules a listing's fields obey, for the form and the API alike (they call these, nothing else).

Errors are Django ValidationErrors keyed by field name: the form shows each beside its field, the
API answers 422 with one entry per field (api/market.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from techbridge.common.validation import validate_plain_text, validate_year
from techbridge.directory.models import Industry, Organisation, TechnologyField
from techbridge.market.enums import Visibility

PLAIN_TEXT_FIELDS = ("target_regions", "patent_numbers", "programme", "call_id")
DATE_FIELDS = ("deadline", "call_deadline")
BOUNDS = (("budget_min", "budget_max"), ("ticket_min", "ticket_max"))


def listing_field_errors(
    values: Mapping[str, Any], *, shared_with: Collection[Organisation] | None
) -> dict[str, list[str]]:
    """Every rule broken by `values` (a listing's fields, as far as given), by field name."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, error: ValidationError) -> None:
        errors.setdefault(name, []).extend(str(message) for message in error.messages)

    for name in PLAIN_TEXT_FIELDS:
        try:
            validate_plain_text(values.get(name) or "")
        except ValidationError as error:
            fail(name, error)
    for name in DATE_FIELDS:
        if values.get(name) is not None:
            try:
                validate_year(values[name])
            except ValidationError as error:
                fail(name, error)
    for low, high in BOUNDS:
        if values.get(low) is not None and values.get(high) is not None and values[low] > values[high]:
            fail(high, ValidationError(_("The upper bound must not be below the lower bound.")))
    if values.get("visibility") == Visibility.CONFIDENTIAL and not shared_with:
        fail(
            "shared_with", ValidationError(_("Name the organisations a confidential listing is shared with."))
        )
    return errors


def check_listing_fields(values: Mapping[str, Any], *, shared_with: Collection[Organisation] | None) -> None:
    errors = listing_field_errors(values, shared_with=shared_with)
    if errors:
        raise ValidationError(errors)


def technology_field_choices() -> QuerySet[TechnologyField]:
    """Listings name fields of research (the leaves), not the six broad areas."""
    return TechnologyField.objects.filter(parent__isnull=False)


def industry_choices() -> QuerySet[Industry]:
    return Industry.objects.all()


def shared_with_choices() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_published=True).order_by("id")


def _by_key(queryset: QuerySet[Any], field: str, keys: Collection[Any], name: str) -> list[Any]:
    found = {getattr(row, field): row for row in queryset.filter(**{f"{field}__in": list(keys)})}
    unknown = [str(key) for key in keys if key not in found]
    if unknown:
        message = ValidationError(
            _("Unknown choice: %(value)s."), params={"value": ", ".join(sorted(unknown))}
        )
        raise ValidationError({name: message})
    return [found[key] for key in dict.fromkeys(keys)]


def check_related_choices(
    *,
    technology_fields: Collection[str] | None = None,
    industries: Collection[str] | None = None,
    shared_with: Collection[int] | None = None,
) -> dict[str, list[Model]]:
    """Codes and ids sent by a client turned into rows; an unknown one is an error, never dropped."""
    related: dict[str, list[Model]] = {}
    errors: dict[str, list[str]] = {}
    wanted = (
        ("technology_fields", technology_field_choices(), "code", technology_fields),
        ("industries", industry_choices(), "code", industries),
        ("shared_with", shared_with_choices(), "pk", shared_with),
    )
    for name, queryset, field, keys in wanted:
        if keys is None:
            continue
        try:
            related[name] = _by_key(queryset, field, keys, name)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return related
