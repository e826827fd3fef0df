"""The market's core story in a real browser: an enterprise posts a demand in Chinese, the broker
approves it, a university finds it and expresses interest, the broker forwards the interest."""

from __future__ import annotations

from typing import Any

import pytest
from browser_session import sign_in
from playwright.sync_api import expect

from factories import make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.directory.enums import OrganisationKind
from techbridge.market.models import ExpressionOfInterest, Listing

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db: None) -> dict[str, Any]:
    centre = make_centre(slug="cq-hu")
    enterprise = make_organisation(
        centre=centre, kind=OrganisationKind.ENTERPRISE, country="CN",
        name={"en": "Changan Battery Co.", "zh-hans": "长安电池有限公司"},
    )  # fmt: skip
    university = make_organisation(centre=centre, name={"en": "University of Pécs"})
    return {
        "enterprise": make_member(enterprise, make_user(email="engineer@example.cn")),
        "university": make_member(university, make_user(email="office@example.hu")),
        "broker": make_operator(centre, make_user(email="broker@example.org")),
    }


def test_demand_in_chinese_from_posting_to_forwarded_interest(
    live_server: Any, page: Any, screenshot: Any, people: dict[str, Any]
) -> None:
    url = live_server.url
    sign_in(page, url, "engineer@example.cn")
    page.goto(f"{url}/market/listings/new/demand/")
    page.fill("[name='title_zh-hans']", "寻求低温锂电池电解液配方")
    page.fill("[name='summary_zh-hans']", "用于寒冷地区电动公交车，要求零下四十度正常工作。")
    page.check("input[name=anonymous]")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("寻求低温锂电池电解液配方")
    page.click("button[value=submit]")
    expect(page.locator(".status-submitted")).to_be_visible()
    screenshot("market-01-demand-submitted")

    sign_in(page, url, "broker@example.org")
    page.goto(f"{url}/market/review/")
    expect(page.locator(".review")).to_contain_text("寻求低温锂电池电解液配方")
    screenshot("market-02-review-queue")
    page.click("text=寻求低温锂电池电解液配方")
    page.click("button[value=approve]")
    expect(page.locator(".status-published")).to_be_visible()

    sign_in(page, url, "office@example.hu")
    page.goto(f"{url}/market/")
    page.fill("#id_q", "电解液")
    page.click("form.filters button[type=submit]")
    expect(page.locator(".listing-card")).to_have_count(1)
    expect(page.locator(".listing-card")).not_to_contain_text("长安电池")
    screenshot("market-03-search-chinese")
    page.click(".listing-card a")
    page.click("text=Express interest")
    page.fill("textarea[name=message]", "Our battery lab can test electrolytes at -40 °C.")
    page.click("main button[type=submit]")
    expect(page.locator(".interest-status")).to_have_text("Sent")

    sign_in(page, url, "broker@example.org")
    page.goto(f"{url}/market/interests/")
    page.click("table a")
    page.click("button[value=forward]")
    expect(page.locator(".interest-status")).to_have_text("Forwarded to the owner")
    screenshot("market-04-interest-forwarded")

    assert Listing.objects.get().status == "published"
    assert ExpressionOfInterest.objects.get().status == "forwarded"
