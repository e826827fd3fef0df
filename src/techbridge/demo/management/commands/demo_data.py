from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from techbridge.demo.cooperation_demo import do_build_cooperation_demo, do_clear_cooperation
from techbridge.demo.directory_demo import (
    DEMO_PASSWORD,
    demo_exists,
    do_build_directory_demo,
    do_clear_directory,
    do_set_demo_time_zones,
)
from techbridge.demo.events_demo import EventsDemoSize, do_build_events_demo, do_clear_events
from techbridge.demo.instruments_demo import do_build_instruments_demo, do_clear_instruments
from techbridge.demo.market_demo import do_build_market_demo, do_clear_market
from techbridge.demo.matching_demo import do_build_matching_demo
from techbridge.demo.statistics_demo import do_build_statistics_demo


class Command(BaseCommand):
    help = "Build reproducible demo data: an alliance of centres, organisations from 30+ countries, people."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same data (default 1).")
        parser.add_argument("--organisations", type=int, default=200)
        parser.add_argument("--people", type=int, default=300)
        parser.add_argument("--instruments", type=int, default=300)
        parser.add_argument("--listings", type=int, default=2000)
        parser.add_argument(
            "--no-matches",
            dest="matches",
            action="store_false",
            help="Skip embedding the listings for matching.",
        )
        parser.add_argument(
            "--no-events",
            dest="events",
            action="store_false",
            help="Skip the demo conference and its B2B meetings.",
        )
        parser.add_argument("--event-participants", type=int, default=150)
        parser.add_argument("--event-meetings", type=int, default=500, help="Accepted meeting requests.")
        parser.add_argument(
            "--event-time-limit",
            type=int,
            default=20,
            help="Seconds the scheduler may spend on the demo event.",
        )
        parser.add_argument("--reset", action="store_true", help="Delete existing directory data first.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when demo data exists already."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_exists():
            if options["if_empty"]:
                self.stdout.write("Demo data exists already; leaving it as it is.")
                self._print_logins(None)
                return
            if not options["reset"]:
                raise CommandError(
                    "Demo data exists already. Use --reset to rebuild it (this deletes the directory)."
                )
            do_clear_cooperation()
            do_clear_events()
            do_clear_market()
            do_clear_instruments()
            do_clear_directory()
        logins = do_build_directory_demo(
            seed=options["seed"], organisations=options["organisations"], people=options["people"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Built the demo directory (seed {options['seed']}): "
                f"{options['organisations']} organisations, {options['people']} people."
            )
        )
        for line in self._domain_demos(options):
            self.stdout.write(line)
        do_set_demo_time_zones()
        self._print_logins(logins)

    def _domain_demos(self, options: dict[str, Any]) -> Iterator[str]:
        """Each domain's demo on top of the directory, statistics last (they count the others)."""
        if options["listings"]:
            yield from do_build_market_demo(seed=options["seed"], listings=options["listings"])
        if options["listings"] and options["matches"]:
            yield from do_build_matching_demo(seed=options["seed"])
        if options["instruments"]:
            yield from do_build_instruments_demo(seed=options["seed"], instruments=options["instruments"])
        if options["events"] and options["event_participants"] > 1:
            size = EventsDemoSize(
                participants=options["event_participants"],
                accepted=options["event_meetings"],
                time_limit_s=options["event_time_limit"],
            )
            yield from do_build_events_demo(seed=options["seed"], size=size)
        yield from do_build_cooperation_demo(seed=options["seed"])
        yield from do_build_statistics_demo()

    def _print_logins(self, logins: Any) -> None:
        emails = (
            [login.email for login in logins]
            if logins
            else [
                "admin@techbridge.demo",
                "broker@techbridge.demo",
                "broker.chengdu@techbridge.demo",
                "research.office@techbridge.demo",
                "engineer@techbridge.demo",
                "expert@techbridge.demo",
                "official@techbridge.demo",
            ]
        )
        if logins:
            emails.append("official@techbridge.demo")
        roles = [login.role for login in logins] + ["official (statistics)"] if logins else [""] * len(emails)
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, role in zip(emails, roles, strict=True):
            self.stdout.write(f"  {email:36} {role}")
