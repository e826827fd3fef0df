"""One per-request cache of role answers, kept on the user object that the request carries.

Each request gets its own user object from the session, so an answer lives exactly as long as
the request; a page asking several role questions pays one query per kind of answer. After a
change of roles within the same request, `forget_role_answers` drops every answer at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_ATTRIBUTE = "_techbridge_role_answers"


def role_answer[T](user: Any, key: str, compute: Callable[[], T]) -> T:
    """The cached answer `key` for this user, computed once per request; anonymous users get
    no cache (their answers are constant and cost no query)."""
    answers: dict[str, Any] | None = getattr(user, _ATTRIBUTE, None)
    if answers is None:
        answers = {}
        setattr(user, _ATTRIBUTE, answers)
    if key not in answers:
        answers[key] = compute()
    return answers[key]  # type: ignore[no-any-return]


def forget_role_answers(user: Any) -> None:
    if hasattr(user, _ATTRIBUTE):
        delattr(user, _ATTRIBUTE)
