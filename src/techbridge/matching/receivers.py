"""Keep vectors current: every saved listing and expert profile is re-indexed after its
transaction commits.

The market knows nothing of matching (it sits below it); matching listens to its signals.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from techbridge.common.jobs import enqueue_job
from techbridge.directory.models import ExpertProfile
from techbridge.market.models import Listing


@receiver(post_save, sender=Listing, dispatch_uid="matching_index_listing")
def reindex_saved_listing(sender: type[Listing], instance: Listing, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    enqueue_job("matching.index_listing", listing_id=instance.pk)


@receiver(post_save, sender=ExpertProfile, dispatch_uid="matching_index_expert")
def reindex_saved_expert(
    sender: type[ExpertProfile], instance: ExpertProfile, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    enqueue_job("matching.index_expert", profile_id=instance.pk)
