"""The periodic schedule really runs: the worker's own loop, with the clock moved past the times,
expires a listing and mails a saved-search alert without anyone opening a page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from market_world import Market

from techbridge.common.models import PeriodicJob
from techbridge.common.periodic import enqueue_due_jobs, sync_schedule
from techbridge.common.worker import ResilientWorker
from techbridge.market.domain.alerts import do_save_search
from techbridge.market.domain.search import ListingFilters
from techbridge.market.enums import ListingStatus
from techbridge.market.models import Listing
from world import client_for

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TUESDAY_5AM = datetime(2026, 6, 2, 5, 0, tzinfo=UTC)


def run_worker_until_idle() -> None:
    """The worker's real loop (`manage.py run_worker`), in batch mode: stops when nothing is ready.

    It commits and checks its connections like the real process, hence `transactional_db`.
    """
    worker = ResilientWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run()


@override_settings(TASKS=DATABASE_TASKS)
def test_worker_expires_a_listing_and_mails_an_alert_when_the_clock_passes_their_times(
    transactional_db: None, market: Market
) -> None:
    listing = market.listings["public"]
    Listing.objects.filter(pk=listing.pk).update(expires_at=TUESDAY_5AM + timedelta(days=1))
    with time_machine.travel(TUESDAY_5AM, tick=False):
        do_save_search(user=market.outsider, name="batteries", filters=ListingFilters(), frequency="daily")
        run_worker_until_idle()
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PUBLISHED  # warned only: a day is left
    assert listing.expiry_warned_at == TUESDAY_5AM
    assert not [message for message in mail.outbox if market.outsider.email in message.to]

    with time_machine.travel(TUESDAY_5AM + timedelta(days=2), tick=False):
        run_worker_until_idle()

    listing.refresh_from_db()
    assert listing.status == ListingStatus.EXPIRED
    alerts = [message for message in mail.outbox if market.outsider.email in message.to]
    assert len(alerts) == 1
    assert "batteries" in alerts[0].subject
    assert f"/market/listings/{market.listings['anonymous'].pk}/" in alerts[0].body
    jobs = {job.name: job for job in PeriodicJob.objects.all()}
    assert jobs["market.expire_listings"].last_outcome == "successful"
    assert "'expire': 1" in jobs["market.expire_listings"].last_result
    assert jobs["market.saved_search_alerts.daily"].last_outcome == "successful"
    assert jobs["market.saved_search_alerts.daily"].last_run_at == TUESDAY_5AM + timedelta(days=2)
    assert jobs["market.saved_search_alerts.weekly"].runs == 0  # its Monday 6:00 comes next week


@override_settings(TASKS=DATABASE_TASKS)
def test_a_run_scheduled_once_is_enqueued_once_however_many_workers_look(db: None) -> None:
    sync_schedule(now=TUESDAY_5AM)
    first = enqueue_due_jobs(now=TUESDAY_5AM)
    again = enqueue_due_jobs(now=TUESDAY_5AM)  # a second worker looking at the same moment

    assert "market.expire_listings" in first
    assert again == []
    expiry_runs = DBTaskResult.objects.filter(task_path="techbridge.market.tasks.expire_listings")
    assert expiry_runs.count() == 1
    assert PeriodicJob.objects.get(name="market.expire_listings").next_run_at == TUESDAY_5AM + timedelta(
        hours=1
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_periodic_jobs_command_and_admin_page_list_the_schedule(
    transactional_db: None, market: Market
) -> None:
    with time_machine.travel(TUESDAY_5AM, tick=False):
        run_worker_until_idle()
    out = StringIO()
    call_command("periodic_jobs", stdout=out)
    listing = out.getvalue()
    for name in (
        "market.expire_listings",
        "market.saved_search_alerts.daily",
        "market.saved_search_alerts.weekly",
        "matching.send_weekly_digest",
        "matching.index_listings",
        "events.expire_meeting_requests",
    ):
        assert name in listing
    assert "cron 0 6 * * *" in listing
    assert "every 1 hour" in listing
    assert "2026-06-02 05:00 UTC" in listing  # last run of the hourly expiry
    assert "successful" in listing

    page = client_for(market.admin).get(reverse("admin:common_periodicjob_changelist"))
    assert page.status_code == 200
    assert "market.saved_search_alerts.weekly" in page.content.decode()


@pytest.mark.parametrize("user_role", ["outsider", "owner"])
def test_only_staff_see_the_schedule_page(market: Market, user_role: str) -> None:
    page = client_for(getattr(market, user_role)).get(reverse("admin:common_periodicjob_changelist"))
    assert page.status_code == 302
