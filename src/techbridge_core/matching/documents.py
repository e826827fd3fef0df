"""The immutable inputs of matching: a listing (MatchDocument) and what is asked (Query).

Visibility is not modelled here: the caller passes only candidates the user may see
(or an `allowed_ids` set), so the core cannot leak what it was never given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from techbridge_core.text.language import Language

Fields = tuple[tuple[str, str], ...]

KINDS = ("offer", "demand", "rnd_request", "capital", "expertise", "service")


def as_fields(fields: Mapping[str, str] | Iterable[tuple[str, str]]) -> Fields:
    """Fields as an immutable tuple of (name, text), empty texts dropped."""
    pairs = fields.items() if isinstance(fields, Mapping) else fields
    return tuple((name, text) for name, text in pairs if text and text.strip())


@dataclass(frozen=True, slots=True)
class MatchDocument:
    """A listing as matching sees it. `language` empty means: detect it from the text."""

    id: str
    kind: str
    fields: Fields
    language: Language | None = None
    organisation_id: str = ""
    country: str = ""
    technology_fields: frozenset[str] = frozenset()
    trl: int | None = None
    centre: str = ""
    updated: dt.date | None = None
    completeness: float = 1.0

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.fields)


@dataclass(frozen=True, slots=True)
class Query:
    """What is asked: a listing's text (or a search), and the caller's hard constraints.

    `kind` is the asking listing's type; None means a free search over every kind.
    Empty `countries` / `technology_fields` mean "any"; TRL bounds are inclusive.
    """

    fields: Fields
    kind: str | None = None
    language: Language | None = None
    organisation_id: str = ""
    countries: frozenset[str] = frozenset()
    technology_fields: frozenset[str] = frozenset()
    trl_min: int | None = None
    trl_max: int | None = None
    today: dt.date | None = None
    exclude_ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.fields)


@dataclass(frozen=True, slots=True)
class Feedback:
    """What a user or broker said about earlier suggestions for this query.

    `never_organisations` and `vetoed_ids` remove candidates; `not_relevant_ids` demote,
    `good_match_ids` boost, `pinned_ids` (a broker's choice) go first in the given order.
    """

    never_organisations: frozenset[str] = frozenset()
    not_relevant_ids: frozenset[str] = frozenset()
    good_match_ids: frozenset[str] = frozenset()
    pinned_ids: tuple[str, ...] = ()
    vetoed_ids: frozenset[str] = frozenset()
