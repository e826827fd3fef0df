"""Issue 11 item 9: security-relevant actions land in the audit log with who, when and from where;
platform admins read it (read-only) in the admin site; old events are purged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from factories import PASSWORD, make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.audit.enums import AuditKind
from techbridge.audit.models import AuditEvent
from techbridge.audit.tasks import purge_old_events
from techbridge.directory.models import CentreOperator, Membership

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (audit test)"


def _kinds() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_sign_ins_failures_and_lockouts_record_who_when_and_from_where() -> None:
    user = make_user(email="person@example.org")
    client = Client(REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT=BROWSER)
    client.post("/accounts/login/", {"username": "person@example.org", "password": PASSWORD})
    for _ in range(5):
        Client(REMOTE_ADDR="198.51.100.1").post(
            "/accounts/login/", {"username": "person@example.org", "password": "bad"}
        )

    signed_in = AuditEvent.objects.get(kind=AuditKind.SIGN_IN)
    assert (signed_in.actor, signed_in.address, signed_in.user_agent) == (user, "203.0.113.5", BROWSER)
    assert signed_in.created_at > timezone.now() - timedelta(minutes=1)
    failures = AuditEvent.objects.filter(kind=AuditKind.SIGN_IN_FAILED)
    assert failures.count() == 5
    assert {f.actor_label for f in failures} == {"person@example.org"}
    lockout = AuditEvent.objects.get(kind=AuditKind.LOCKOUT, details__scope="sign_in.account")
    assert lockout.address == "198.51.100.1"
    assert "bad" not in str(list(AuditEvent.objects.values_list("details", "actor_label", "target")))


def test_token_creation_and_revocation() -> None:
    user = make_user()
    client = Client()
    client.force_login(user)
    client.post("/accounts/tokens/", {"name": "partner crm"})
    token = user.api_tokens.get()  # type: ignore[attr-defined]
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    events = AuditEvent.objects.filter(kind__in=[AuditKind.TOKEN_CREATED, AuditKind.TOKEN_REVOKED]).order_by(
        "pk"
    )
    assert [e.kind for e in events] == [AuditKind.TOKEN_CREATED, AuditKind.TOKEN_REVOKED]
    assert all(e.actor == user and "partner crm" in e.target for e in events)
    assert token.prefix in events[0].target


def test_role_membership_and_superuser_changes() -> None:
    organisation = make_organisation()
    member = make_member(organisation)
    membership = Membership.objects.get(user=member)
    membership.role = "admin"
    membership.save()
    membership.delete()
    operator = make_operator(make_centre())
    CentreOperator.objects.filter(user=operator).get().delete()
    promoted = make_user()
    promoted.is_superuser = True
    promoted.save()
    kinds = _kinds()
    assert kinds.count(AuditKind.ROLE_GRANTED) == 2
    assert kinds.count(AuditKind.ROLE_CHANGED) == 1
    assert kinds.count(AuditKind.ROLE_REVOKED) == 2
    superuser = AuditEvent.objects.get(kind=AuditKind.SUPERUSER_CHANGED, target=f"user {promoted.pk}")
    assert superuser.details["user"] == promoted.email
    assert superuser.details["is_superuser"] is True


def test_exports_of_personal_data_and_listing_visibility_changes() -> None:
    from techbridge.market.models import Listing

    organisation = make_organisation()
    owner = make_member(organisation)
    listing = Listing.objects.create(owner_organisation=organisation, kind="offer", title={"en": "Battery"})
    listing.visibility = "confidential"
    listing.save()
    listing.title = {"en": "Battery, renamed"}
    listing.save()  # not a visibility change
    client = Client(REMOTE_ADDR="192.0.2.44")
    client.force_login(owner)
    assert client.get("/market/export.csv").status_code == 200
    changed = AuditEvent.objects.get(kind=AuditKind.LISTING_VISIBILITY_CHANGED)
    assert changed.details["to"]["visibility"] == "confidential"
    exported = AuditEvent.objects.get(kind=AuditKind.PERSONAL_DATA_EXPORTED)
    assert (exported.actor, exported.address, exported.details["export"]) == (
        owner,
        "192.0.2.44",
        "market:export",
    )


def test_only_platform_admins_read_the_log_and_nobody_edits_it() -> None:
    make_user(email="someone@example.org")
    Client().post("/accounts/login/", {"username": "someone@example.org", "password": "bad"})
    event = AuditEvent.objects.get()
    admin = make_user(is_superuser=True, is_staff=True)
    staff = make_user(is_staff=True)
    as_admin, as_staff = Client(), Client()
    as_admin.force_login(admin)
    as_staff.force_login(staff)
    assert as_admin.get("/admin/audit/auditevent/").status_code == 200
    assert (
        "someone@example.org" in as_admin.get(f"/admin/audit/auditevent/{event.pk}/change/").content.decode()
    )
    assert as_staff.get("/admin/audit/auditevent/").status_code == 403
    assert as_admin.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@override_settings(TECHBRIDGE_AUDIT_RETENTION_DAYS=30)
def test_events_older_than_the_retention_are_purged() -> None:
    now = timezone.now()
    for age in (31, 29):
        AuditEvent.objects.create(kind=AuditKind.SIGN_IN, created_at=now - timedelta(days=age))
    assert purge_old_events.call() == 1
    assert AuditEvent.objects.count() == 1
