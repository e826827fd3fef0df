"""Helpers shared by the market's views: the clock, htmx detection, paging, roles as the core sees them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property

PAGE_SIZE = 20


def now() -> datetime:
    return timezone.now()


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class DeferredResults:
    """Results built and fetched only when read: a page whose rendered results are cached
    (decision 0011) never builds its queryset or runs its query. Sliced by the paginator."""

    def __init__(self, build: Callable[[], Any], window: slice | None = None) -> None:
        self._build = build
        self._window = window or slice(None)
        self._items: list[Any] | None = None

    def __getitem__(self, window: slice) -> DeferredResults:
        return DeferredResults(self._build, window)

    def _fetched(self) -> list[Any]:
        if self._items is None:
            self._items = list(self._build()[self._window])
        return self._items

    def __iter__(self) -> Iterator[Any]:
        return iter(self._fetched())

    def __len__(self) -> int:
        return len(self._fetched())


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told the number of items (counted elsewhere, e.g. with the facets)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def page_of(
    request: HttpRequest, items: Any, *, size: int = PAGE_SIZE, count: int | None = None
) -> Page[Any]:
    paginator = Paginator(items, size) if count is None else CountedPaginator(items, size, count=count)
    return paginator.get_page(request.GET.get("page"))
