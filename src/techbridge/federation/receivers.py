"""Instruments and facilities carry no modification time the feed could compare: every save marks
the publications stale, so the next partner pull sees the change at once (an instrument no longer
shared with the alliance becomes a Tombstone then, not only at the next periodic full refresh)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from techbridge.federation.domain.publishing import mark_publications_stale
from techbridge.instruments.models import Facility, Instrument


def shared_catalogue_changed(sender: Any, **kwargs: Any) -> None:
    mark_publications_stale()


for _model in (Instrument, Facility):
    post_save.connect(
        shared_catalogue_changed, sender=_model, dispatch_uid=f"federation-{_model.__name__}-saved"
    )
    post_delete.connect(
        shared_catalogue_changed, sender=_model, dispatch_uid=f"federation-{_model.__name__}-deleted"
    )
