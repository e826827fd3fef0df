"""Counts nobody has stored yet are counted by one process; the others asking for them at that
moment wait for its snapshot (a cold search page asked for by many at once is counted once)."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from techbridge.market.domain import search
from techbridge.market.domain.search import (
    COUNTING_PREFIX,
    FacetSummary,
    cached_facet_summary,
    current_revision,
)

KEY = "counting-once-test"
COUNTED_ELSEWHERE = FacetSummary(total=7, facets={"kind": [("offer", 7)]})


def _not_again() -> FacetSummary:
    pytest.fail("counted again although another process was counting")


@pytest.fixture
def claimed_elsewhere() -> None:
    caches["market"].delete(COUNTING_PREFIX + KEY)
    assert caches["market"].add(COUNTING_PREFIX + KEY, 1, timeout=30)
    yield
    caches["market"].delete(COUNTING_PREFIX + KEY)


@pytest.mark.django_db(transaction=True)
def test_a_request_waits_for_the_counts_another_process_is_storing(claimed_elsewhere: None) -> None:
    revision = current_revision()

    def other_process_stores() -> None:
        summary = dataclasses.replace(COUNTED_ELSEWHERE, revision=revision)
        search._store(KEY, summary, now=timezone.now())
        caches["market"].delete(COUNTING_PREFIX + KEY)
        connection.close()

    timer = threading.Timer(0.2, other_process_stores)
    timer.start()
    got = cached_facet_summary(KEY, _not_again)
    timer.join()

    assert (got.total, got.facets, got.revision) == (
        7,
        {"kind": [["offer", 7]]} | {"kind": [("offer", 7)]},
        revision,
    )


@pytest.mark.django_db(transaction=True)
def test_a_request_counts_itself_when_the_other_process_gives_up(claimed_elsewhere: None) -> None:
    def other_process_fails() -> None:
        caches["market"].delete(COUNTING_PREFIX + KEY)

    timer = threading.Timer(0.2, other_process_fails)
    timer.start()
    got = cached_facet_summary(KEY, lambda: FacetSummary(total=3, facets={}))
    timer.join()

    assert got.total == 3
    assert cached_facet_summary(KEY, _not_again).total == 3  # and stored it for the next ones
