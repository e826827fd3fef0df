"""Ranking backends for keyword search, swappable without a setting.

The default backend matches a denormalised, case-folded text of all languages by substring
(works for Chinese as well as European languages) and keeps the newest first. The matching
engine (techbridge_core.matching) will register a backend of its own and make it the default:

    register_ranking_backend("matching", MatchingRanking)
    use_ranking_backend("matching")

A backend receives the visible, filtered listings and the query, and returns them filtered
to the matches and ordered by relevance. It must never widen the queryset it was given.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from django.db.models import QuerySet

from techbridge.market.models import Listing

MAX_TERMS = 8


class RankingBackend(Protocol):
    name: str

    def rank(self, listings: QuerySet[Listing], *, query: str) -> QuerySet[Listing]: ...


def query_terms(query: str) -> tuple[str, ...]:
    """Case-folded terms separated by white space (a Chinese phrase stays one term)."""
    terms = [term for term in query.casefold().split() if term]
    return tuple(dict.fromkeys(terms))[:MAX_TERMS]


class KeywordRanking:
    name = "keyword"

    def rank(self, listings: QuerySet[Listing], *, query: str) -> QuerySet[Listing]:
        for term in query_terms(query):
            listings = listings.filter(search_text__contains=term)
        return listings.order_by("-published_at", "-id")


_FACTORIES: dict[str, Callable[[], RankingBackend]] = {"keyword": KeywordRanking}
_DEFAULT = ["keyword"]


def register_ranking_backend(name: str, factory: Callable[[], RankingBackend]) -> None:
    _FACTORIES[name] = factory


def use_ranking_backend(name: str) -> None:
    """Make a registered backend the default for this process (the matching app calls it at start-up)."""
    if name not in _FACTORIES:
        raise KeyError(name)
    _DEFAULT[0] = name


def ranking_backend(name: str | None = None) -> RankingBackend:
    return _FACTORIES[name or _DEFAULT[0]]()


def ranking_backend_names() -> tuple[str, ...]:
    return tuple(_FACTORIES)
