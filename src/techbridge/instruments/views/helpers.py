from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from techbridge.instruments.domain.booking import BookingRefused
from techbridge.instruments.domain.messages import moment_text, refusal_text
from techbridge_core import booking as core


def parse_day(raw: str | None, default: date) -> date:
    try:
        return date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


def refusal_context(refused: BookingRefused, *, zone: ZoneInfo, instrument_zone: ZoneInfo) -> dict[str, Any]:
    return {
        "refusals": [refusal_text(r.code, r.params, zone=zone) for r in refused.refusals],
        "suggestions": suggestion_rows(refused.suggestions, zone=zone, instrument_zone=instrument_zone),
        "conflict": refused.conflict,
        "may_wait": refused.may_wait,
    }


def suggestion_rows(
    windows: Sequence[core.Interval], *, zone: ZoneInfo, instrument_zone: ZoneInfo
) -> list[dict[str, str]]:
    """Each free window as text in the viewer's zone, and as form values in the instrument's."""
    return [
        {
            "label": f"{moment_text(w.start, zone)} – {moment_text(w.end, zone)}",
            "start": w.start.astimezone(instrument_zone).strftime("%Y-%m-%dT%H:%M"),
            "end": w.end.astimezone(instrument_zone).strftime("%Y-%m-%dT%H:%M"),
        }
        for w in windows
    ]
