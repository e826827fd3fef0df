"""One refusal type for every rule here: a stable code (and the field it concerns) that the
Django side words in the user's language."""

from __future__ import annotations


class CooperationRefusedError(Exception):
    def __init__(self, code: str, field: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.field = field
