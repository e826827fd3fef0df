"""Template helpers of the market pages."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def get(mapping: Mapping[str, object] | None, key: str) -> object:
    """`{{ counts|get:value }}`: a dictionary lookup with a variable key."""
    return (mapping or {}).get(key)
