"""What every app's views share: htmx detection, the signed-in user, paging, the save-or-show form page.

One copy each, so a change to how pages page or how htmx is detected reaches every app at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property

if TYPE_CHECKING:  # the user model sits above common; at run time it comes from the settings
    from techbridge.accounts.models import User

PAGE_SIZE = 20


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def current_user(request: HttpRequest) -> User:
    """The signed-in user of a view behind `login_required` (anything else is refused, never guessed)."""
    if not isinstance(request.user, get_user_model()):
        raise PermissionDenied
    return request.user


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
    """The page the request asks for (`?page=`); out-of-range or garbage pages give the nearest one."""
    paginator = Paginator(items, size) if count is None else CountedPaginator(items, size, count=count)
    return paginator.get_page(request.GET.get("page"))


def save_or_show(
    request: HttpRequest,
    form: Any,
    *,
    save: Callable[[Any], HttpResponse],
    show: Callable[[int], HttpResponse],
) -> HttpResponse:
    """A form page: a valid POST is handed to `save` (which answers, usually with a redirect);
    GET shows the form, an invalid POST shows it again with its errors and status 400."""
    if request.method == "POST" and form.is_valid():
        return save(form)
    return show(400 if form.errors else 200)
