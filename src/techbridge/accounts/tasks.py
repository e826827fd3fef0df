"""Background jobs of the accounts app: thin wrappers with primitive arguments."""

from __future__ import annotations

from django.core.mail import send_mail
from django.tasks import task

from techbridge.common.jobs import job


@job("accounts.send_email")
@task()
def send_email(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, None, to)
