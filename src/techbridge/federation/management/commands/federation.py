"""Federation from the command line: `manage.py federation <action>` (docs/federation.md).

key                         print this installation's address and public key
invite NAME                 print a one-time invitation code for the partner NAME
accept CODE [--centres ..]  add the inviting installation and introduce ourselves to it
add URL NAME KEYFILE        add a partner by hand (its public key in a PEM file)
status URL active|paused|removed
list                        partners with status, last sync, errors and record counts
sync                        pull every active partner, deliver the outbox, refresh statuses
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q
from django.utils import timezone

from techbridge.federation.domain.alliance_search import embed_remote_records
from techbridge.federation.domain.interests import deliver_due, refresh_statuses
from techbridge.federation.domain.keys import local_key, own_base_url, own_name
from techbridge.federation.domain.partners import (
    PartnerError,
    accept_invitation,
    add_partner,
    create_invitation,
    set_partner_status,
)
from techbridge.federation.domain.pulling import pull_all
from techbridge.federation.models import Partner


class Command(BaseCommand):
    help = "Federation with partner installations: keys, invitations, partners, sync."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["key", "invite", "accept", "add", "status", "list", "sync"])
        parser.add_argument("values", nargs="*")
        parser.add_argument("--centres", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action, values = options["action"], options["values"]
        now = timezone.now()
        try:
            if action == "key":
                self.stdout.write(f"{own_base_url()}  {own_name()}\n{local_key().public_key_pem}")
            elif action == "invite":
                self.stdout.write(
                    create_invitation(name=" ".join(values) or "partner", created_by=None, now=now)
                )
            elif action == "accept":
                partner = accept_invitation(code=values[0], centres=options["centres"], now=now)
                self.stdout.write(f"partner added: {partner.name} {partner.url}")
            elif action == "add":
                url, name, key_file = values
                partner = add_partner(
                    url=url,
                    name=name,
                    public_key_pem=Path(key_file).read_text(),
                    centres=options["centres"],
                    now=now,
                )
                self.stdout.write(f"partner added: {partner.name} {partner.url}")
            elif action == "status":
                partner = Partner.objects.get(url=values[0].rstrip("/"))
                set_partner_status(partner=partner, status=values[1])
                self.stdout.write(f"{partner.name}: {partner.status}")
            elif action == "list":
                partners = Partner.objects.annotate(
                    shared=Count("records", filter=Q(records__deleted=False))
                ).order_by("name")
                for partner in partners:
                    self.stdout.write(
                        f"{partner.url}\t{partner.name}\t{partner.status}\tlast sync {partner.last_sync_at}"
                        f"\terrors {partner.error_count}\trecords {partner.shared}\tcursor {partner.cursor}"
                    )
            elif action == "sync":
                pulled = pull_all(now=now)
                delivered = deliver_due(now=timezone.now())
                statuses = refresh_statuses(now=timezone.now())
                embedded = embed_remote_records()
                self.stdout.write(
                    f"pulled {pulled}; outbox {delivered}; statuses changed {statuses}; embedded {embedded}"
                )
        except (PartnerError, Partner.DoesNotExist, ValueError, IndexError) as error:
            raise CommandError(str(error) or type(error).__name__) from error
