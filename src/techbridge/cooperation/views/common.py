"""Helpers shared by the cooperation views: the clock, reading a bounded upload, running a domain action
and showing its refusal, reading an id from a query."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils import timezone

from techbridge.accounts.models import User
from techbridge.cooperation.domain.errors import CooperationError, InvalidDraftError
from techbridge.cooperation.domain.messages import Upload
from techbridge.cooperation.validators import MAX_DOCUMENT_BYTES


def now() -> datetime:
    return timezone.now()


def read_upload(file: UploadedFile | None) -> Upload | None:  # type: ignore[type-arg]
    """At most one byte over the limit is read, so an oversize file is refused without filling memory."""
    if file is None:
        return None
    return Upload(name=file.name or "file", content=file.read(MAX_DOCUMENT_BYTES + 1))


def refuse(request: HttpRequest, error: CooperationError) -> None:
    if isinstance(error, InvalidDraftError):
        for problem in error.errors:
            messages.error(request, problem.message)
    else:
        messages.error(request, error.message)


def attempt[T](request: HttpRequest, action: Callable[[], T]) -> T | None:
    """Run a domain action: its result, or None when it is refused (the refusal becomes the page's message)."""
    try:
        return action()
    except CooperationError as error:
        refuse(request, error)
        return None


def positive_int(value: str | None) -> int | None:
    """A database id sent in a query or form: a whole number from 1 to 2**31 - 1, else None."""
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if 0 < number < 2**31 else None


def signed_in(request: HttpRequest) -> User:
    """The signed-in user of a @login_required view."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - login_required guarantees it
    return user
