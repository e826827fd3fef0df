"""Keyset paging for the board and the negotiation thread: a page is found from the position of its
neighbour (a moment, then an id as tie-break), never by OFFSET, and nothing counts the whole set,
so the 200th page costs what the first costs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Model, Q

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Cursor:
    at: datetime
    pk: int

    def encode(self) -> str:
        delta = self.at - _EPOCH
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{micros}.{self.pk}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        """None for anything that is not a cursor we wrote (a hand-edited URL starts from the top)."""
        micros, _, pk = (value or "").partition(".")
        try:
            moment, number = int(micros), int(pk)
        except ValueError:
            return None
        if not (0 <= moment < 10**17 and 0 < number < 2**63):
            return None
        return cls(_EPOCH + timedelta(microseconds=moment), number)

    @classmethod
    def of(cls, row: Model, field: str) -> Cursor:
        return cls(getattr(row, field), int(row.pk))

    def after(self, field: str) -> Q:
        """Rows after this position in (field, id) order."""
        return Q(**{f"{field}__gt": self.at}) | Q(**{field: self.at, "pk__gt": self.pk})

    def before(self, field: str) -> Q:
        return Q(**{f"{field}__lt": self.at}) | Q(**{field: self.at, "pk__lt": self.pk})
