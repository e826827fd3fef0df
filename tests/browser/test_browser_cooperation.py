"""The cooperation chain in a real browser, on a clean database: the broker turns an accepted
expression of interest into a case, a Chinese and a Hungarian party negotiate each in their own
language, the broker drafts a technology contract (its DOCX draft downloads and becomes version 1),
both parties sign, the broker registers it, a project is created, its milestone is met and it is
marked implemented; the case page shows every step back to the listing, also on a 390 px phone."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_session import sign_in
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from factories import make_centre, make_member, make_operator, make_organisation, make_user
from techbridge.market.domain.interests import do_interest_action, do_send_interest
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge_core.market.interest import InterestAction, InterestStatus
from techbridge_core.market.lifecycle import Action, Status

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

TITLE_ZH = "低温锂电池电解液"
CHINESE_MESSAGE = "我们可以在三个月内提供中试样品，请确认技术指标。"
HUNGARIAN_MESSAGE = "Köszönjük, a mínusz negyven fokos vizsgálati adatokat is kérnénk."


@pytest.fixture
def chain_world(transactional_db: None) -> dict[str, Any]:
    """A published Chinese offer and a Hungarian company's accepted expression of interest."""
    now = timezone.now()
    centre = make_centre(slug="cq-hu", country="HU", city="Budapest")
    owner_org = make_organisation(
        centre=centre, country="CN", name={"zh-hans": "重庆电池厂", "en": "Chongqing Battery Works"}
    )
    partner_org = make_organisation(
        centre=centre, country="HU", name={"hu": "Győri Motor", "en": "Győr Motors"}
    )
    owner = make_member(
        owner_org, make_user(email="wang.fang@example.cn", display_name="王芳", preferred_language="zh-hans")
    )
    partner = make_member(
        partner_org,
        make_user(email="nagy.peter@example.hu", display_name="Nagy Péter", preferred_language="hu"),
    )
    make_operator(
        centre, make_user(email="broker@example.org", display_name="Li Na", preferred_language="en")
    )
    listing = do_save_listing(
        listing=Listing(
            owner_organisation=owner_org,
            kind="offer",
            centre=centre,
            country="CN",
            title={"zh-hans": TITLE_ZH, "en": "Low-temperature lithium battery electrolyte"},
            summary={"zh-hans": "在零下四十度仍能工作的电解液。"},
        ),
        actor=owner,
        now=now,
        shared_with=None,
    )
    for action, target, actor in (
        (Action.SUBMIT, Status.SUBMITTED, owner),
        (Action.APPROVE, Status.PUBLISHED, None),
    ):
        do_listing_action(listing=listing, action=action, target=target, actor=actor, reason="", now=now)
    interest = do_send_interest(
        interest=ExpressionOfInterest(
            listing=listing,
            sender=partner,
            sender_organisation=partner_org,
            message="Érdekel minket az elektrolit.",
            created_at=now,
        ),
        now=now,
    )
    do_interest_action(
        interest=interest,
        action=InterestAction.ACCEPT,
        target=InterestStatus.ACCEPTED,
        actor=owner,
        comment="",
        now=now,
    )
    return {"listing": listing, "interest": interest, "owner_org": owner_org, "partner_org": partner_org}


@pytest.fixture
def people(browser: Any) -> Iterator[dict[str, Any]]:
    """One browser per person, each asking for its own language."""
    opened = {
        name: browser.new_context(
            locale=locale, viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        for name, locale in (("broker", "en-GB"), ("owner", "zh-CN"), ("partner", "hu-HU"))
    }
    yield {name: context.new_page() for name, context in opened.items()}
    for context in opened.values():
        context.close()


def _use_language(page: Any, code: str) -> None:
    page.click(f".language-switcher button[value='{code}']")
    expect(page.locator("html")).to_have_attribute("lang", code)


def _post(page: Any, body: str) -> None:
    page.fill("textarea[name=body]", body)
    page.click("form[action$='/messages/'] button[type=submit]")
    expect(page.locator("ol.thread")).to_contain_text(body)


def test_an_interest_becomes_an_implemented_project(
    live_server: Any, people: dict[str, Any], chain_world: dict[str, Any], tmp_path: Path
) -> None:
    base = live_server.url
    broker, owner, partner = people["broker"], people["owner"], people["partner"]
    interest, listing = chain_world["interest"], chain_world["listing"]

    # The broker opens the accepted interest and starts the negotiation.
    sign_in(broker, base, "broker@example.org")
    broker.goto(f"{base}/market/interests/{interest.public_id}/")
    broker.click("main button:has-text('Start negotiation')")
    broker.wait_for_url(f"{base}/cooperation/cases/*/")
    case_url = broker.url
    expect(broker.locator("#case-stage")).to_have_text("Negotiating")

    # The Chinese owner writes in Chinese with the interface in Chinese.
    sign_in(owner, base, "wang.fang@example.cn")
    _use_language(owner, "zh-hans")
    owner.goto(f"{base}/cooperation/mine/")
    owner.click(f".coop-case a:has-text('{TITLE_ZH}')")
    assert owner.url == case_url
    expect(owner.locator("h2#thread")).to_have_text("洽谈")
    _post(owner, CHINESE_MESSAGE)

    # The Hungarian partner answers in Hungarian with the interface in Hungarian.
    sign_in(partner, base, "nagy.peter@example.hu")
    _use_language(partner, "hu")
    partner.goto(case_url)
    expect(partner.locator("ol.thread")).to_contain_text(CHINESE_MESSAGE)
    expect(partner.locator("html")).to_have_attribute("lang", "hu")
    _post(partner, HUNGARIAN_MESSAGE)
    expect(partner.locator("li.message[lang='hu']")).to_contain_text(HUNGARIAN_MESSAGE)

    # The broker drafts the technology contract from the case.
    broker.goto(case_url)
    expect(broker.locator("ol.thread")).to_contain_text(HUNGARIAN_MESSAGE)
    broker.click("main a:has-text('Draft an agreement')")
    broker.select_option("select[name=kind]", "technology_contract")
    broker.fill("[name=title_en]", "Electrolyte licence")
    broker.select_option("select[name=category]", "transfer")
    broker.select_option("select[name=subtype]", "licence")
    owner_id, partner_id = chain_world["owner_org"].pk, chain_world["partner_org"].pk
    broker.select_option(f"select[name=role_{owner_id}]", "licensor")
    broker.fill(f"input[name=code_{owner_id}]", "91500000MA5U000000")
    broker.select_option(f"select[name=role_{partner_id}]", "licensee")
    broker.fill(f"input[name=code_{partner_id}]", "Cg.08-09-000000")
    broker.fill("input[name=total_amount]", "1000000")
    broker.fill("input[name=technical_income]", "800000")
    broker.fill("input[name=currency]", "CNY")
    broker.fill("input[name=starts_on]", "2027-01-01")
    broker.fill("input[name=ends_on]", "2029-12-31")
    broker.fill("input[name=signed_place]", "Chongqing")
    broker.select_option("select[name=ip_type]", "patent")
    broker.click("main form button[type=submit]")
    broker.wait_for_url(f"{base}/cooperation/agreements/*/")
    agreement_url = broker.url
    expect(broker.locator("#agreement-status")).to_have_text("Draft")

    # Before anyone signs, the broker corrects the amount on the agreement's edit form.
    broker.click("main a[href$='/edit/']")
    broker.fill("input[name=total_amount]", "1200000")
    broker.click("main form button[type=submit]")
    broker.wait_for_url(agreement_url)
    expect(broker.locator("main")).to_contain_text("1200000")

    # The DOCX draft downloads from the case page, names the parties and becomes version 1.
    broker.goto(case_url)
    expect(broker.locator("#case-stage")).to_have_text("Agreement drafted")
    with broker.expect_download() as download_info:
        broker.click("main a[href*='technology_contract.docx?lang=en']")
    draft = tmp_path / "draft.docx"
    download_info.value.save_as(draft)
    text = "\n".join(p.text for p in Document(io.BytesIO(draft.read_bytes())).paragraphs)
    assert "Győr Motors" in text or "Győri Motor" in text, text
    broker.goto(agreement_url)
    broker.set_input_files("input[name=file]", str(draft))
    broker.click("form[action$='/documents/'] button[type=submit]")
    expect(broker.locator("main")).to_contain_text("draft.docx")

    # Both parties sign version 1, each in their own language.
    owner.goto(agreement_url)
    owner.click("form[action$='/sign/'] button")
    expect(owner.locator("form[action$='/sign/']")).to_have_count(0)
    # One signature locks the terms: on a 390 px phone the partner's edit form shows them read-only.
    partner.set_viewport_size({"width": 390, "height": 844})
    partner.goto(agreement_url + "edit/")
    expect(partner.locator("input[name=total_amount]")).to_be_disabled()
    expect(partner.locator("input[name=title_en]")).to_be_enabled()
    expect(partner.locator("main")).to_contain_text("zárolva")
    overflow = partner.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    partner.screenshot(path=str(SCREENSHOTS / "cooperation-agreement-edit-390.png"), full_page=True)
    assert overflow <= 0, f"the agreement's edit form is {overflow}px wider than a 390 px screen"
    partner.goto(agreement_url)
    partner.click("form[action$='/sign/'] button")
    expect(partner.locator("form[action$='/sign/']")).to_have_count(0)
    broker.goto(agreement_url)
    expect(broker.locator("#agreement-status")).to_have_text("Signed")

    # The broker registers the contract.
    broker.select_option("form[action$='/status/'] select[name=status]", "registered")
    broker.fill("input[name=registration_number]", "2027500000000001")
    broker.fill("input[name=registered_on]", "2027-01-15")
    broker.click("form[action$='/status/'] button[type=submit]")
    expect(broker.locator("#agreement-status")).to_have_text("Registered")

    # A project is created; its milestone is met and it is marked implemented.
    broker.click("form[action$='/projects/'] button")
    broker.wait_for_url(f"{base}/cooperation/projects/*/")
    broker.fill("input[name=title]", "Pilot batch delivered")
    broker.fill("input[name=due_on]", "2027-06-30")
    broker.click("form[action$='/milestones/'] button[type=submit]")
    expect(broker.locator("main")).to_contain_text("Pilot batch delivered")
    broker.fill("textarea[name=evidence]", "Test report no. 17")
    broker.click("form[action$='/meet/'] button[type=submit]")
    expect(broker.locator("main")).to_contain_text("Test report no. 17")
    for status in ("started", "implemented"):
        broker.select_option("form[action$='/status/'] select[name=status]", status)
        broker.click("form[action$='/status/'] button[type=submit]")
    expect(broker.locator("#project-status")).to_have_text("Implemented")

    # The case page shows every step back to the listing.
    broker.goto(case_url)
    expect(broker.locator("#case-stage")).to_have_text("Implemented")
    timeline = broker.locator("ol.timeline")
    for kind in ("listing", "interest", "stage", "agreement", "project"):
        expect(timeline.locator(f"li[data-kind='{kind}']").first).to_be_visible()
    expect(timeline.locator(f"a[href='/market/listings/{listing.pk}/']")).to_be_visible()
    expect(timeline.locator(f"a[href='/market/interests/{interest.public_id}/']")).to_be_visible()
    kinds = timeline.locator("li").evaluate_all("items => items.map(item => item.dataset.kind)")
    assert kinds[:2] == ["listing", "interest"], kinds
    assert kinds.index("project") < kinds.index("milestone"), kinds  # met after the project began
    broker.click(f"ol.timeline a[href='/market/listings/{listing.pk}/']")
    broker.wait_for_url(f"{base}/market/listings/{listing.pk}/")

    # On a 390 px phone the case page fits the screen, in Hungarian too.
    partner.set_viewport_size({"width": 390, "height": 844})
    partner.goto(case_url)
    expect(partner.locator("#case-stage")).to_have_text("Megvalósítva")
    expect(partner.locator("dt:has(+ #case-stage)")).to_have_text("Szakasz")
    overflow = partner.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    partner.screenshot(path=str(SCREENSHOTS / "cooperation-case-390.png"), full_page=True)
    assert overflow <= 0, f"the case page is {overflow}px wider than a 390 px screen"
