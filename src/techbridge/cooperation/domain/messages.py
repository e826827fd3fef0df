"""The negotiation thread: messages kept in the language they were written in, plain text only
(markup is stripped), content-checked attachments, read markers, and the brokers' internal notes."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

import nh3
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.common.multilingual import localize
from techbridge.cooperation.domain.cases import touch
from techbridge.cooperation.domain.errors import CooperationError
from techbridge.cooperation.domain.keyset import Cursor
from techbridge.cooperation.domain.notifying import case_brokers, party_members, tell
from techbridge.cooperation.enums import MessageChannel
from techbridge.cooperation.models import CaseMessage, CooperationCase, MessageAttachment, ReadMarker
from techbridge.cooperation.validators import ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, checked_content_type
from techbridge_core.text.language import detect_language

MAX_MESSAGE = 8000
MAX_ATTACHMENTS = 5


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


def plain_text(body: str) -> str:
    """Markup removed (tags dropped, their text kept); the template escapes what is left."""
    return html.unescape(nh3.clean(body, tags=set(), attributes={})).strip()


def check_post_message(
    *,
    case: CooperationCase,
    author: User,
    body: str,
    internal: bool,
    may_post_internal: bool,
    uploads: list[Upload] | None = None,
    now: datetime,
) -> CaseMessage:
    if internal and not may_post_internal:
        raise CooperationError("not_allowed", "channel")
    if len(body) > MAX_MESSAGE * 2:
        raise CooperationError("message_too_long", "body")
    text = plain_text(body.replace("\x00", ""))
    if not text:
        raise CooperationError("empty_message", "body")
    if len(text) > MAX_MESSAGE:
        raise CooperationError("message_too_long", "body")
    checked: list[tuple[Upload, str]] = []
    for upload in (uploads or [])[:MAX_ATTACHMENTS]:
        try:
            content_type = checked_content_type(
                upload.name, upload.content, allowed=ATTACHMENT_TYPES, max_bytes=MAX_ATTACHMENT_BYTES
            )
        except ValidationError as error:
            raise _upload_error(error) from error
        checked.append((upload, content_type))
    return do_post_message(case=case, author=author, body=text, internal=internal, uploads=checked, now=now)


class UploadError(CooperationError):
    def __init__(self, message: str) -> None:
        super().__init__("upload", "file")
        self._message = message

    @property
    def message(self) -> str:
        return self._message


def _upload_error(error: ValidationError) -> UploadError:
    return UploadError(" ".join(error.messages))


@transaction.atomic
def do_post_message(
    *,
    case: CooperationCase,
    author: User,
    body: str,
    internal: bool,
    uploads: list[tuple[Upload, str]],
    now: datetime,
) -> CaseMessage:
    channel = MessageChannel.INTERNAL if internal else MessageChannel.PARTIES
    message = CaseMessage.objects.create(
        case=case, author=author, channel=channel, body=body, language=_language_of(body), created_at=now
    )
    for upload, content_type in uploads:
        attachment = MessageAttachment(
            message=message,
            original_name=upload.name[:200],
            content_type=content_type,
            size=len(upload.content),
        )
        attachment.file.save(upload.name, ContentFile(upload.content), save=False)
        attachment.save()
    touch(case.pk, now=now)
    mark_read(case=case, user=author, up_to=now)
    recipients = case_brokers(case) if internal else party_members(case) + case_brokers(case)
    name = author.display_name
    tell(
        case=case,
        recipients=recipients,
        subject=lambda: (
            _("New message from %(name)s on %(title)s") % {"name": name, "title": localize(case.title)}
        ),
        body=lambda: body[:500],
        now=now,
        skip=author,
    )
    return message


def _language_of(text: str) -> str:
    try:
        return str(detect_language(text))
    except Exception:
        return ""


def mark_read(*, case: CooperationCase, user: User, up_to: datetime) -> datetime | None:
    """Move the user's read marker up to `up_to`, writing only when it advances (a conditional
    UPDATE: re-reading a thread with nothing new writes nothing; a marker never moves back).
    Returns where the marker stood before."""
    previous = (
        ReadMarker.objects.filter(case=case, user=user).values_list("read_at", flat=True).order_by().first()
    )
    if previous is None:
        # A first reading is one write (one short write transaction: SQLite serialises them).
        try:
            with transaction.atomic():
                ReadMarker.objects.create(case=case, user=user, read_at=up_to)
        except IntegrityError:
            pass  # a concurrent reader created it meanwhile: move it forward below
        else:
            return None
    if previous is None or previous < up_to:
        # Conditional: a concurrent reader may have moved it further meanwhile.
        ReadMarker.objects.filter(case=case, user=user, read_at__lt=up_to).update(read_at=up_to)
    return previous


THREAD_PAGE = 30


@dataclass(frozen=True)
class ThreadPage:
    messages: list[CaseMessage]  # oldest first
    earlier: Cursor | None  # the oldest message shown, when earlier ones exist
    latest: bool  # the page ends with the thread's newest message


def thread_page(
    messages: QuerySet[CaseMessage], *, before: Cursor | None = None, size: int = THREAD_PAGE
) -> ThreadPage:
    """The newest `size` messages of `messages` (or those before `before`), in one query:
    a case page costs the same with ten messages or ten thousand."""
    if before is not None:
        messages = messages.filter(before.before("created_at"))
    rows = list(messages.order_by("-created_at", "-id")[: size + 1])
    more = len(rows) > size
    rows = rows[:size][::-1]
    return ThreadPage(rows, earlier=Cursor.of(rows[0], "created_at") if more else None, latest=before is None)


def thread(case: CooperationCase, *, internal: bool) -> QuerySet[CaseMessage]:
    channels = [MessageChannel.PARTIES, MessageChannel.INTERNAL] if internal else [MessageChannel.PARTIES]
    return (
        case.messages.filter(channel__in=channels)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    )


def last_read(case: CooperationCase, user: User) -> datetime | None:
    return (
        ReadMarker.objects.filter(case=case, user=user).values_list("read_at", flat=True).order_by().first()
    )
