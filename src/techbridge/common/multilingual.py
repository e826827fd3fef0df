"""User content written in several languages per field, shown in the reader's language.

A translatable attribute is a JSON object {"en": "...", "zh-hans": "...", "hu": "..."}
(docs/decisions/0002-multilingual-content.md). Empty strings are dropped on save, so a
missing translation and an empty one are the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from techbridge.common.languages import active_language, content_languages, fallback_chain
from techbridge.common.validation import validate_texts


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def clean_translations(value: object) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if not isinstance(value, Mapping):
        raise ValidationError(_("Expected one text per language."), code="invalid")
    validate_texts(dict(value))  # before any message quotes a key
    known = set(content_languages())
    cleaned: dict[str, str] = {}
    for language, text in value.items():
        if language not in known:
            raise ValidationError(
                _("Unknown language %(language)s."), code="invalid", params={"language": language}
            )
        if not isinstance(text, str):
            raise ValidationError(_("Each translation must be text."), code="invalid")
        if text.strip():
            cleaned[language] = text.strip()
    return cleaned


def localize(value: Mapping[str, str] | None, language: str | None = None) -> LocalizedText:
    """The text in `language` (default: the active one), else the first translation available."""
    wanted = language or active_language()
    translations = value or {}
    for candidate in fallback_chain(wanted):
        text = translations.get(candidate, "")
        if text:
            return LocalizedText(text=text, language=candidate, is_fallback=candidate != wanted)
    return LocalizedText(text="", language=wanted, is_fallback=False)


def searchable_text(*parts: Mapping[str, str] | str | None) -> str:
    """All translations and plain parts, case-folded, for substring search in any language."""
    texts: list[str] = []
    for part in parts:
        if isinstance(part, Mapping):
            texts.extend(str(text) for text in part.values())
        elif part:
            texts.append(part)
    return " ".join(texts).casefold()


class MultilingualTextField(models.JSONField):
    """A JSON object of translations; `required` means at least one language is filled."""

    def __init__(self, *args: Any, max_length: int | None = None, rich: bool = False, **kwargs: Any) -> None:
        self.text_max_length = max_length
        self.rich = rich
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        if self.rich:
            kwargs["rich"] = True
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        return MultilingualFormField(
            required=not self.blank,
            max_length=self.text_max_length,
            rich=self.rich,
            label=self.verbose_name,
            help_text=self.help_text,
        )


class MultilingualWidget(forms.MultiWidget):
    template_name = "common/widgets/multilingual.html"

    def __init__(self, *, rich: bool = False) -> None:
        widget = forms.Textarea(attrs={"rows": 4}) if rich else forms.TextInput()
        self.languages = content_languages()
        super().__init__(widgets=dict.fromkeys(self.languages, widget))

    def decompress(self, value: Any) -> list[str]:
        translations = value if isinstance(value, Mapping) else {}
        return [translations.get(code, "") for code in self.languages]

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for subwidget, code in zip(context["widget"]["subwidgets"], self.languages, strict=True):
            subwidget["language"] = code
        return context


class MultilingualFormField(forms.MultiValueField):
    def __init__(self, *, max_length: int | None = None, rich: bool = False, **kwargs: Any) -> None:
        from techbridge.common.sanitize import reject_html

        self.rich = rich
        validators = [] if rich else [reject_html]
        fields = [
            forms.CharField(required=False, max_length=max_length, validators=validators)
            for _code in content_languages()
        ]
        kwargs.setdefault("widget", MultilingualWidget(rich=rich))
        kwargs.setdefault("error_messages", {"required": _("Fill in at least one language.")})
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dict[str, str]:
        values = dict(zip(content_languages(), data_list or [], strict=False))
        translations = clean_translations(values)
        if self.rich:
            from techbridge.common.sanitize import sanitize_html

            translations = {code: sanitize_html(text) for code, text in translations.items()}
        return translations

    def validate(self, value: dict[str, str]) -> None:
        if self.required and not value:
            raise ValidationError(_("Fill in at least one language."), code="required")
