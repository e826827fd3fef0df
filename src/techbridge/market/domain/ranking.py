"""Ranking backends for keyword search, swappable without a setting.

The "keyword" backend matches a denormalised, case-folded, accent-free text of all languages by
substring (works for Chinese as well as European languages; stems find inflected forms) and
keeps the newest first. The matching app registers the cross-lingual backend at start-up
(lexical matches fused with the query's nearest neighbours) and makes it the default:

    register_ranking_backend("matching", MatchingRanking)
    use_ranking_backend("matching")

A backend receives the visible, filtered listings and the query, and returns them filtered
to the matches and ordered by relevance. It must never widen the queryset it was given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from django.db.models import Q, QuerySet

from techbridge.market.models import Listing
from techbridge_core.text.substring import substring_needles


class RankingBackend(Protocol):
    name: str

    def rank(self, listings: QuerySet[Listing], *, query: str) -> QuerySet[Listing]: ...

    def first_places(self, query: str) -> Sequence[int]:
        """Ids of the first results of this instance's last `rank(…, query=query)`, in order, as
        far as the backend knows them without asking the database (empty when it does not)."""
        ...


def keyword_condition(query: str) -> Q | None:
    """Listings whose search text holds every query word, in any of its forms (accent-free,
    stemmed, Chinese as a substring); None when the query has no word."""
    needles = substring_needles(query)
    if not needles:
        return None
    condition = Q()
    for forms in needles:
        either = Q()
        for form in sorted(forms):
            either |= Q(search_text__contains=form)
        condition &= either
    return condition


def keyword_matches(listings: QuerySet[Listing], *, query: str) -> QuerySet[Listing]:
    condition = keyword_condition(query)
    return listings.none() if condition is None else listings.filter(condition)


class KeywordRanking:
    """Substring matches of the words in every language, the newest first (no embedding needed)."""

    name = "keyword"

    def rank(self, listings: QuerySet[Listing], *, query: str) -> QuerySet[Listing]:
        return keyword_matches(listings, query=query).order_by("-published_at", "-id")

    def first_places(self, query: str) -> Sequence[int]:
        return ()


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
