"""The one helper every app's access funnel uses to fetch a single object."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404


def one_or_404[T: Model](queryset: QuerySet[T], **lookup: object) -> T:
    """The object from an already permission-scoped queryset, or 404 — also for malformed ids
    (a bad UUID raises ValidationError), so a hidden object, a missing one and a nonsense id
    all look the same from outside."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error
