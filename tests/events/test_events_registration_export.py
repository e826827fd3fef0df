"""Organisers export the registration list to XLSX; formulas typed by participants stay text; others get 404."""

from __future__ import annotations

import io

import pytest
from events_world import Events, register
from openpyxl import load_workbook

from factories import make_user
from techbridge.events.enums import RegistrationStatus
from world import client_for

URL = "/events/cq-hu-2027/registrations/export.xlsx"


def _sheet_rows(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_organisers_get_every_registration_with_formulas_escaped(events: Events) -> None:
    register(events.event, make_user(display_name='=HYPERLINK("http://evil")'), job_title="+1 engineer")
    register(events.event, make_user(display_name="Kovács Anna"), status=RegistrationStatus.PENDING)
    response = client_for(events.world.operator).get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _sheet_rows(response.content)
    assert len(rows) == 3  # header and two registrations
    names = {row[0] for row in rows[1:]}
    assert names == {'\'=HYPERLINK("http://evil")', "Kovács Anna"}
    assert "'+1 engineer" in {row[4] for row in rows[1:]}


@pytest.mark.django_db
def test_the_export_keeps_the_status_filter_and_speaks_the_reader_language(events: Events) -> None:
    register(events.event, make_user(display_name="Approved One"))
    register(events.event, make_user(display_name="Pending One"), status=RegistrationStatus.PENDING)
    response = client_for(events.world.operator).get(URL + "?status=pending", HTTP_ACCEPT_LANGUAGE="hu")
    rows = _sheet_rows(response.content)
    assert [row[0] for row in rows[1:]] == ["Pending One"]
    assert "Participant" not in rows[0]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["org_member", "outsider", "other_operator"])
def test_non_organisers_get_404(events: Events, role: str) -> None:
    register(events.event, getattr(events.world, role))
    assert client_for(getattr(events.world, role)).get(URL).status_code == 404


@pytest.mark.django_db
def test_the_registrations_page_links_the_export(events: Events) -> None:
    html = client_for(events.world.operator).get("/events/cq-hu-2027/registrations/").content.decode()
    assert 'href="/events/cq-hu-2027/registrations/export.xlsx"' in html
