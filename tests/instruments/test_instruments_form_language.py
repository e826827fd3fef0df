"""The booking form speaks the reader's language, including Django's empty choice label."""

from __future__ import annotations

import pytest

from world import client_for


@pytest.mark.parametrize("language", ["hu", "zh-hans"])
def test_booking_form_has_no_english_empty_choice(lab, language: str) -> None:  # type: ignore[no-untyped-def]
    """The booking form sits on the instrument page."""
    page = client_for(lab.internal).get(f"/instruments/{lab.instrument.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<select" in html
    assert "Select an option" not in html
