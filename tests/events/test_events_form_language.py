"""The registration form speaks the reader's language, including Django's empty choice label."""

from __future__ import annotations

import pytest
from events_world import Events

from world import client_for


@pytest.mark.parametrize("language", ["hu", "zh-hans"])
def test_registration_form_has_no_english_empty_choice(events: Events, language: str) -> None:
    page = client_for(events.world.org_member).get(
        "/events/cq-hu-2027/register/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "<select" in html
    assert "Select an option" not in html
