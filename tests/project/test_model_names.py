"""Every model's name (the admin shows it) is translated: its verbose names differ from English in hu and zh-hans."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation


def _project_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if model.__module__.startswith("techbridge.")]


def _names(model: type[models.Model], language: str) -> tuple[str, str]:
    with translation.override(language):
        return str(model._meta.verbose_name), str(model._meta.verbose_name_plural)


@pytest.mark.parametrize("language", ["hu", "zh-hans"])
def test_every_model_name_is_translated(language: str) -> None:
    untranslated = [
        f"{model._meta.label}: {english}"
        for model in _project_models()
        for english, translated in zip(_names(model, "en"), _names(model, language), strict=True)
        if english == translated
    ]
    assert untranslated == []


def test_the_check_sees_every_app() -> None:
    labels = {model._meta.app_label for model in _project_models()}
    assert {"market", "events", "instruments", "directory", "cooperation"} <= labels
