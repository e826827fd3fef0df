"""Why a federation request or page was refused: the reason is logged and counted on the partner."""

from __future__ import annotations

import logging

from django.db.models import F
from django.utils import timezone

from techbridge.federation.models import Partner

logger = logging.getLogger("techbridge.federation")


class FederationRefusedError(Exception):
    """A partner's request refused: `status` is the HTTP answer, `reason` says why."""

    def __init__(self, status: int, reason: str, *, partner: Partner | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.partner = partner


def record_partner_error(partner: Partner, reason: str) -> None:
    """Log the reason and raise the partner's visible error count (outside any failed transaction)."""
    logger.warning("federation: partner %s (%s): %s", partner.pk, partner.url, reason)
    Partner.objects.filter(pk=partner.pk).update(
        error_count=F("error_count") + 1, last_error=reason[:500], last_error_at=timezone.now()
    )
