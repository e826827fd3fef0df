"""Background jobs of the audit log (this module sits below domain/ in the app's floors, so the
purge works on the model directly).

Periodic: `audit.purge_old_events`, daily: events older than settings.TECHBRIDGE_AUDIT_RETENTION_DAYS
(365 by default) are deleted.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from techbridge.audit.models import AuditEvent
from techbridge.common.jobs import job
from techbridge.common.periodic import periodic

DEFAULT_RETENTION_DAYS = 365
PURGE_OLD_EVENTS_EVERY_SECONDS = 24 * 3600


def retention() -> timedelta:
    return timedelta(days=getattr(settings, "TECHBRIDGE_AUDIT_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def purge_events_before(cutoff: datetime) -> int:
    deleted, _by_model = AuditEvent.objects.filter(created_at__lt=cutoff).delete()
    return int(deleted)


@job("audit.purge_old_events")
@task()
def purge_old_events() -> int:
    return purge_events_before(timezone.now() - retention())


periodic("audit.purge_old_events", every=timedelta(seconds=PURGE_OLD_EVENTS_EVERY_SECONDS))
