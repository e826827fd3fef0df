"""Publication dates given `now`: when a listing expires, is warned, may be renewed, is archived."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from techbridge_core.market.lifecycle import Status

PUBLICATION_PERIOD = timedelta(days=365)
WARNING_BEFORE = timedelta(days=14)
ARCHIVE_AFTER = timedelta(days=730)
MAX_RENEWALS = 1


class DueAction(StrEnum):
    WARN = "warn"
    EXPIRE = "expire"
    ARCHIVE = "archive"


@dataclass(frozen=True, kw_only=True)
class PublicationDates:
    status: Status
    expires_at: datetime | None
    expired_at: datetime | None = None
    warned_at: datetime | None = None
    renewals: int = 0


def expiry_for(published_at: datetime) -> datetime:
    return published_at + PUBLICATION_PERIOD


def warning_from(expires_at: datetime) -> datetime:
    return expires_at - WARNING_BEFORE


def archive_from(expired_at: datetime) -> datetime:
    return expired_at + ARCHIVE_AFTER


def due_action(dates: PublicationDates, *, now: datetime) -> DueAction | None:
    """What the daily job must do for one listing now, if anything."""
    if dates.status in (Status.PUBLISHED, Status.ON_HOLD) and dates.expires_at is not None:
        if now >= dates.expires_at:
            return DueAction.EXPIRE
        if (
            dates.status is Status.PUBLISHED
            and dates.warned_at is None
            and now >= warning_from(dates.expires_at)
        ):
            return DueAction.WARN
    if (
        dates.status is Status.EXPIRED
        and dates.expired_at is not None
        and now >= archive_from(dates.expired_at)
    ):
        return DueAction.ARCHIVE
    return None


def renewal_refusal(dates: PublicationDates, *, now: datetime) -> str | None:
    """Why the listing cannot be renewed now (a code), or None when it can."""
    if dates.renewals >= MAX_RENEWALS:
        return "renewed_already"
    if dates.status is Status.EXPIRED:
        return None
    if dates.status is not Status.PUBLISHED or dates.expires_at is None:
        return "wrong_status"
    if now < warning_from(dates.expires_at):
        return "too_early"
    return None


def renewed_expiry(dates: PublicationDates, *, now: datetime) -> datetime:
    """A renewal adds a full period, counted from the old expiry when that is still ahead."""
    start = dates.expires_at if dates.expires_at is not None and dates.expires_at > now else now
    return start + PUBLICATION_PERIOD
