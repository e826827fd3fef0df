"""When a case counts as stale: no recorded activity for 30 days while it is still open."""

from __future__ import annotations

from datetime import datetime, timedelta

from techbridge_core.cooperation.stages import CLOSED_STAGES, CaseStage

STALE_AFTER = timedelta(days=30)


def stale_since(now: datetime) -> datetime:
    """Open cases whose last activity is at or before this moment are stale."""
    return now - STALE_AFTER


def is_stale(stage: CaseStage, last_activity_at: datetime, *, now: datetime) -> bool:
    return (
        stage not in CLOSED_STAGES and stage is not CaseStage.ON_HOLD and last_activity_at <= stale_since(now)
    )
