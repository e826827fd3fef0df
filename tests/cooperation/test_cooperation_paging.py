"""The board and the thread page by keyset (no OFFSET, no COUNT over the filtered set), the case
page's query count does not grow with the case's history, and reading writes the read marker only
when it advances."""

from __future__ import annotations

from datetime import timedelta

import pytest
from coop_world import NOW, Coop, draft_contract
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from techbridge.cooperation.domain.board import BoardFilters, board_cases, board_page
from techbridge.cooperation.domain.keyset import Cursor
from techbridge.cooperation.domain.messages import THREAD_PAGE, do_post_message
from techbridge.cooperation.enums import CaseSource
from techbridge.cooperation.models import CaseMessage, CooperationCase, ReadMarker
from world import client_for


def _messages(coop: Coop, count: int, *, start: int = 0) -> None:
    CaseMessage.objects.bulk_create(
        CaseMessage(
            case=coop.case,
            author=coop.partner,
            body=f"message number {n:04d}",
            created_at=NOW + timedelta(minutes=n),
        )
        for n in range(start, start + count)
    )


def _cases(coop: Coop, count: int) -> None:
    moment = timezone.now() - timedelta(days=3)
    CooperationCase.objects.bulk_create(
        CooperationCase(
            title={"en": f"Board case {n:03d}"},
            source=CaseSource.BROKER,
            centre=coop.centre,
            broker=coop.broker,
            created_at=moment,
            last_activity_at=moment + timedelta(minutes=n // 2),  # pairs share a moment: the id decides
        )
        for n in range(count)
    )


def test_a_cursor_survives_its_round_trip_and_garbage_is_no_cursor() -> None:
    cursor = Cursor(NOW + timedelta(microseconds=123), 42)
    assert Cursor.decode(cursor.encode()) == cursor
    for garbage in (None, "", "x", "1.", ".5", "-1.5", "1.0", "1.-3", "9" * 30 + ".1", "1.2.3"):
        assert Cursor.decode(garbage) is None


@pytest.mark.django_db
def test_the_board_pages_by_keyset_through_every_case_once(coop: Coop) -> None:
    _cases(coop, 60)
    cases = board_cases(
        CooperationCase.objects.filter(centre=coop.centre), BoardFilters(), now=timezone.now()
    )
    expected = list(cases.values_list("pk", flat=True))
    assert len(expected) == 61
    seen: list[int] = []
    page = board_page(cases, size=25)
    pages = [page]
    while page.next_cursor is not None:
        page = board_page(cases, size=25, after=page.next_cursor)
        pages.append(page)
    for one in pages:
        seen.extend(case.pk for case in one.cases)
    assert seen == expected
    assert [len(one.cases) for one in pages] == [25, 25, 11]
    assert pages[0].previous_cursor is None
    assert pages[1].previous_cursor is not None
    back = board_page(cases, size=25, before=pages[2].previous_cursor)
    assert [case.pk for case in back.cases] == [case.pk for case in pages[1].cases]
    first = board_page(cases, size=25, before=back.previous_cursor)
    assert [case.pk for case in first.cases] == [case.pk for case in pages[0].cases]
    assert first.previous_cursor is None


@pytest.mark.django_db
def test_the_board_page_links_to_the_next_page_and_counts_nothing_twice(coop: Coop) -> None:
    _cases(coop, 30)
    client = client_for(coop.broker)
    client.get("/cooperation/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/cooperation/").content.decode()
    case_counts = [
        q["sql"] for q in captured if "COUNT(" in q["sql"] and "cooperation_cooperationcase" in q["sql"]
    ]
    assert len(case_counts) == 1
    assert "GROUP BY" in case_counts[0]
    assert page.count('class="card coop-case') == 25
    assert 'rel="next"' in page
    assert 'rel="prev"' not in page
    next_url = page.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    second = client.get(f"/cooperation/{next_url}").content.decode()
    assert second.count('class="card coop-case') == 6
    assert 'rel="prev"' in second
    assert 'rel="next"' not in second
    assert client.get("/cooperation/?after=nonsense").content.decode().count('class="card coop-case') == 25


@pytest.mark.django_db
def test_the_case_page_shows_the_latest_messages_and_loads_earlier_ones(coop: Coop) -> None:
    _messages(coop, THREAD_PAGE + 5)
    client = client_for(coop.partner)
    page = client.get(f"/cooperation/cases/{coop.case.pk}/").content.decode()
    assert f"message number {THREAD_PAGE + 4:04d}" in page
    assert "message number 0005" in page
    assert "message number 0004" not in page
    assert "Earlier messages" in page
    earlier_url = page.split('hx-get="')[1].split('"')[0].replace("&amp;", "&")
    fragment = client.get(earlier_url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment
    assert "message number 0000" in fragment
    assert "message number 0004" in fragment
    assert "message number 0005" not in fragment
    assert "Earlier messages" not in fragment
    full = client.get(earlier_url).content.decode()  # without htmx: a whole page with a way back
    assert "message number 0000" in full
    assert "Latest messages" in full


@pytest.mark.django_db
def test_reading_writes_the_read_marker_only_when_it_advances(coop: Coop) -> None:
    _messages(coop, 3)
    client = client_for(coop.broker)
    url = f"/cooperation/cases/{coop.case.pk}/"
    client.get(url)
    marker = ReadMarker.objects.get(case=coop.case, user=coop.broker)
    assert marker.read_at == NOW + timedelta(minutes=2)  # read up to the newest message shown
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    writes = [
        q["sql"] for q in captured if q["sql"].startswith(("UPDATE", "INSERT")) and "readmarker" in q["sql"]
    ]
    assert writes == []
    assert "unread" not in page.split('id="thread"')[1]
    _messages(coop, 1, start=10)
    page = client.get(url).content.decode()
    assert page.split('id="thread"')[1].count(" unread") == 1  # the new one, flagged once
    marker.refresh_from_db()
    assert marker.read_at == NOW + timedelta(minutes=10)
    do_post_message(case=coop.case, author=coop.broker, body="later", internal=False, uploads=[], now=NOW)
    marker.refresh_from_db()
    assert marker.read_at == NOW + timedelta(minutes=10)  # a marker never moves back


def _case_page_queries(coop: Coop) -> int:
    client = client_for(coop.partner)
    url = f"/cooperation/cases/{coop.case.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_case_page_costs_the_same_queries_however_long_its_history(coop: Coop) -> None:
    _messages(coop, 2)
    draft_contract(coop)
    one = _case_page_queries(coop)
    _messages(coop, 80, start=100)
    for _ in range(3):
        draft_contract(coop)
    assert _case_page_queries(coop) == one
