"""Changes to the records the indicators count mark their months for recounting (statistics.domain
.aggregates): before a save or delete (the months a record leaves) and after a save (the months it
enters), and when a many-to-many path from a record changes (an event's organisers, a case's fields).

Writes that bypass the model signals (QuerySet.update, bulk_create) are counted by the next
nightly rebuild; the apps' domain functions save counted rows one by one, except the events app's
schedule publication, which clears meeting times in one UPDATE and says so first
(`events.domain.publishing.meetings_unplacing`).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from techbridge.events.domain.publishing import meetings_unplacing
from techbridge.statistics.domain.aggregates import changed_columns, mark_changed, tracked_models

_CHANGED = "_statistics_changed"


def _before_save(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    changed = changed_columns(instance)
    setattr(instance, _CHANGED, changed)
    if changed is None or changed:
        mark_changed(sender, [instance.pk], changed=changed)


def _after_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    changed = getattr(instance, _CHANGED, None)
    if hasattr(instance, _CHANGED):
        delattr(instance, _CHANGED)
        if changed is not None and not changed:
            return  # nothing the statistics read was changed
    mark_changed(sender, [instance.pk], changed=changed)


def _before_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    mark_changed(sender, [instance.pk])


def _m2m(sender: Any, instance: models.Model, action: str, *args: Any, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    model, pk_set = kwargs.get("model"), kwargs.get("pk_set")
    tracked = tracked_models()
    if type(instance) in tracked:
        mark_changed(type(instance), [instance.pk])
    if pk_set and model in tracked:
        mark_changed(model, pk_set)


def _meetings_unplacing(sender: Any, event: Any, **kwargs: Any) -> None:
    mark_changed(type(event), [event.pk])


def connect() -> None:
    meetings_unplacing.connect(_meetings_unplacing, dispatch_uid="statistics-meetings-unplacing")
    for model in tracked_models():
        uid = f"statistics-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")
