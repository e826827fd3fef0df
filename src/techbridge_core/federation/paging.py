"""Cursor and paging rules of the federation feed.

The feed is ordered by a sequence number that grows with every change the origin publishes; the
cursor is that number, opaque to partners (`s<seq>`). A partner stores the cursor of the last page
it imported and resumes from it, so a sync cut short mid-way repeats at most one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_CURSOR = re.compile(r"^s(0|[1-9][0-9]{0,17})$")


class PagingError(ValueError):
    """A cursor or limit the feed refuses (answered with 400)."""


def encode_cursor(seq: int) -> str:
    if seq < 0:
        raise PagingError("a cursor cannot be negative")
    return f"s{seq}"


def decode_cursor(cursor: str | None) -> int:
    """The sequence number after which the page starts (0: from the beginning)."""
    if cursor is None or cursor == "":
        return 0
    found = _CURSOR.match(cursor)
    if found is None:
        raise PagingError(f"malformed cursor {cursor[:40]!r}")
    return int(found.group(1))


def clamp_limit(limit: str | int | None) -> int:
    if limit is None or limit == "":
        return DEFAULT_LIMIT
    try:
        value = int(limit)
    except ValueError as error:
        raise PagingError("limit must be a whole number") from error
    if value < 1:
        raise PagingError("limit must be at least 1")
    return min(value, MAX_LIMIT)


@dataclass(frozen=True)
class PageWindow:
    """Which rows a page shows: after `after`, at most `limit`; `has_more` once one extra row exists."""

    after: int
    limit: int

    def cut(self, seqs: list[int]) -> tuple[list[int], int | None]:
        """The page's sequence numbers (fetched with limit + 1) and the next cursor's seq, or None."""
        page = seqs[: self.limit]
        return page, (page[-1] if len(seqs) > self.limit and page else None)
