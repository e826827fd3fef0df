"""Cooperation cases a broker chooses for the annual report.

A case appears in the report's "highlighted cooperation cases" only when its broker chose it and
the parties agreed (the consent flag, recorded by the broker who asked them). The two flags are
set together from the highlights page; nothing else of the case changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from techbridge.cooperation.models import CooperationCase


@dataclass(frozen=True, kw_only=True)
class Highlight:
    highlight: bool
    consent: bool

    @property
    def shown_in_report(self) -> bool:
        return self.highlight and self.consent


def do_set_highlight(*, case_id: int, choice: Highlight) -> Highlight:
    """Store the broker's choice on the case (the caller checked the broker may set it)."""
    with transaction.atomic():
        CooperationCase.objects.filter(pk=case_id).update(
            highlight_in_report=choice.highlight, report_consent=choice.consent
        )
    return choice
