"""A person signs in, reads the directory in three languages and opens a profile, in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from factories import make_centre, make_member, make_organisation, make_person, make_user
from techbridge.directory.enums import OrganisationKind

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(transactional_db: None) -> dict[str, Any]:
    centre = make_centre(slug="cq-hu")
    university = make_organisation(
        centre=centre,
        kind=OrganisationKind.UNIVERSITY,
        name={"en": "University of Pécs", "zh-hans": "佩奇大学", "hu": "Pécsi Tudományegyetem"},
        city="Pécs",
    )
    make_organisation(
        centre=centre,
        name={"en": "Jialing Robotics Co., Ltd.", "zh-hans": "嘉陵机器人有限公司"},
        country="CN",
    )
    person = make_person(
        organisation=university, full_name="Kovács Réka", position={"en": "Professor", "hu": "egyetemi tanár"}
    )
    user = make_user(email="reader@example.org")
    make_member(university, user)
    return {"university": university, "person": person, "user": user}


def test_sign_in_switch_languages_and_open_a_profile(
    live_server: Any, page: Any, screenshot: Any, directory: dict[str, Any]
) -> None:
    sign_in(page, live_server.url, "reader@example.org")
    screenshot("01-home-en")
    assert page.locator("h1").inner_text() == "An integrated technology trade market for the alliance"

    page.click("button[lang=zh-hans]")
    page.wait_for_load_state()
    screenshot("02-home-zh-hans")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator(".mainnav a[href='/directory/organisations/']").inner_text() == "机构"

    page.click("button[lang=hu]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "hu"

    page.click(".mainnav a[href='/directory/organisations/']")
    page.wait_for_load_state()
    page.fill("#id_q", "pécsi")
    expect(page.locator("#results .card")).to_have_count(1)
    screenshot("03-directory-hu")
    assert page.locator("#results .card strong").inner_text() == "Pécsi Tudományegyetem"

    page.click("#results .card a")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Pécsi Tudományegyetem"
    page.click("text=Kovács Réka")
    page.wait_for_load_state()
    screenshot("04-profile-hu")
    assert page.locator("h1").inner_text() == "Kovács Réka"
    assert page.locator("main").inner_text().count("egyetemi tanár") == 1
