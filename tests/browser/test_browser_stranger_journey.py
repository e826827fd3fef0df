"""A stranger's journey in a real browser: registers in Hungarian, confirms the e-mail, asks to join
a university, is approved by its administrator, posts a demand in Hungarian; the responsible broker
publishes it; a Chinese engineer expresses interest; the owner accepts and both see each other's
contact; every notification is in its reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from factories import (
    PASSWORD,
    make_alliance,
    make_centre,
    make_member,
    make_operator,
    make_organisation,
    make_user,
)
from glossary_embedder import FILLER_TOPICS, use_glossary_embedder
from techbridge.accounts.models import User
from techbridge.directory.enums import OrganisationKind
from techbridge.directory.models import Organisation
from techbridge.market.domain.listings import fill_denormalised
from techbridge.market.models import ExpressionOfInterest, Listing
from techbridge.notifications.models import Notification

pytestmark = pytest.mark.browser

STRANGER = "szabo.eszter@example.hu"
TITLE = "Szilárdtest akkumulátor elektrolit fejlesztése"


def _publish_unrelated_listings(owner: Organisation) -> None:
    """A catalogue besides the stranger's demand: search by meaning tells a near neighbour from
    the catalogue's usual similarity, so it needs one. Saved one by one, each is indexed."""
    now = timezone.now()
    for topic in FILLER_TOPICS:
        listing = Listing(
            kind="offer", status="published", visibility="public", owner_organisation=owner,
            title={"en": topic}, summary={"en": topic + " for small firms."},
            published_at=now, expires_at=now + timedelta(days=300),
        )  # fmt: skip
        fill_denormalised(listing)
        listing.save()


@pytest.fixture
def alliance_world(transactional_db: None, settings: Any) -> dict[str, Any]:
    # The tests' hashing embedder shares nothing between Chinese and Hungarian; the glossary one
    # knows this journey's terms (only the embedder differs from production: tests/glossary_embedder.py).
    use_glossary_embedder(settings)
    alliance = make_alliance()
    coordinating = make_centre(slug="cq-hu", alliance=alliance, country="HU", city="Budapest")
    quiet = make_centre(slug="guizhou", alliance=alliance)  # no broker: its work goes to cq-hu
    alliance.coordinating_centre = coordinating
    alliance.save()
    university = make_organisation(
        centre=quiet, kind=OrganisationKind.UNIVERSITY,
        name={"hu": "Óbudai Műszaki Egyetem", "en": "Óbuda Technical University"},
    )  # fmt: skip
    enterprise = make_organisation(
        centre=coordinating, kind=OrganisationKind.ENTERPRISE, country="CN",
        name={"zh-hans": "重庆长安电池有限公司", "en": "Changan Battery Co."},
    )  # fmt: skip
    _publish_unrelated_listings(enterprise)
    return {
        "admin": make_member(
            university,
            make_user(email="kovacs.reka@example.hu", display_name="Kovács Réka", preferred_language="hu"),
            admin=True,
        ),
        "broker": make_operator(
            coordinating, make_user(email="broker@example.org", display_name="Li Na", preferred_language="en")
        ),
        "engineer": make_member(
            enterprise,
            make_user(email="chen.hao@example.cn", display_name="陈浩", preferred_language="zh-hans"),
        ),
    }


@pytest.fixture
def contexts(browser: Any) -> Iterator[dict[str, Any]]:
    """One browser per person, each with its own cookies and the language its browser asks for."""
    opened = {
        name: browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        for name, locale in (
            ("stranger", "en-GB"),
            ("admin", "hu-HU"),
            ("broker", "en-GB"),
            ("engineer", "zh-CN"),
        )
    }
    yield {name: context.new_page() for name, context in opened.items()}
    for context in opened.values():
        context.close()


def _sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def _switch_language(page: Any, code: str) -> None:
    page.click(f".language-switcher button[value='{code}']")
    expect(page.locator("html")).to_have_attribute("lang", code)


def _confirmation_path(email: str) -> str:
    sent = [message for message in mail.outbox if message.to == [email]]
    assert sent, f"no confirmation mail to {email}"
    match = re.search(r"/accounts/confirm/\S+/", sent[-1].body)
    assert match, sent[-1].body
    return match.group(0)


def find_listing_as_chinese_reader(page: Any, base: str, title: str) -> None:
    """The Chinese reader searches the market in Chinese and finds the Hungarian demand."""
    page.goto(f"{base}/market/")
    page.fill("form.filters input[name=q]", "固态电池电解质")
    page.press("form.filters input[name=q]", "Enter")
    page.click(f".listing-card a:has-text('{title}')")


def test_stranger_joins_posts_and_reaches_a_chinese_partner(
    live_server: Any, contexts: dict[str, Any], screenshot: Any, alliance_world: dict[str, Any]
) -> None:
    base = live_server.url
    stranger, admin, broker, engineer = (
        contexts[name] for name in ("stranger", "admin", "broker", "engineer")
    )

    # A stranger switches to Hungarian, registers and confirms the address from the e-mail.
    stranger.goto(f"{base}/")
    _switch_language(stranger, "hu")
    stranger.goto(f"{base}/accounts/register/")
    stranger.fill("input[name=display_name]", "Szabó Eszter")
    stranger.fill("input[name=email]", STRANGER)
    stranger.fill("input[name=password]", "egy-hosszu-jelmondat-42")
    stranger.fill("input[name=password_again]", "egy-hosszu-jelmondat-42")
    stranger.click("main button[type=submit]")
    expect(stranger.locator("main")).to_contain_text(STRANGER)
    stranger.goto(f"{base}{_confirmation_path(STRANGER)}")
    stranger.wait_for_url(re.compile(r"/accounts/login/"))
    stranger.fill("input[name=username]", STRANGER)
    stranger.fill("input[name=password]", "egy-hosszu-jelmondat-42")
    stranger.click("main button[type=submit]")
    stranger.wait_for_url(f"{base}/")

    # The home page says what to do next; she asks to join her university.
    expect(stranger.locator(".onboarding-status")).to_contain_text("A következő lépés")
    stranger.click(".onboarding-status a.button")
    stranger.fill("#welcome-q", "Óbudai")
    stranger.press("#welcome-q", "Enter")
    stranger.click(".join-results a.button")
    stranger.fill("textarea[name=message]", "Az Anyagtudományi Intézetben dolgozom.")
    stranger.click("main button[type=submit]")
    expect(stranger.locator(".request-status")).to_have_text("Döntésre vár")
    stranger.goto(f"{base}/market/listings/new/")
    expect(stranger.locator(".onboarding-status")).to_contain_text("az adminisztrátorok döntésére vár")
    screenshot_page(stranger, screenshot, "stranger-01-waiting")

    # Her university's administrator approves, in Hungarian.
    _sign_in(admin, base, "kovacs.reka@example.hu")
    admin.goto(f"{base}/directory/join-requests/")
    admin.click("main ul a:has-text('Szabó Eszter')")
    admin.click("button[value=approve]")
    expect(admin.locator(".request-status")).to_have_text("Jóváhagyott")

    # She shares her phone with partners and posts a demand in Hungarian.
    stranger.goto(f"{base}/accounts/profile/")
    stranger.fill("input[name='person-phone']", "+36 1 666 5544")
    stranger.check("input[name='person-share_phone_with_partners']")
    stranger.click("main button[type=submit]")
    stranger.goto(f"{base}/market/listings/new/demand/")
    stranger.fill("[name='title_hu']", TITLE)
    stranger.fill(
        "[name='summary_hu']", "Szilárdtest lítiumakkumulátorhoz keresünk szulfid alapú elektrolitot."
    )
    stranger.click("main button[type=submit]")
    expect(stranger.locator("h1")).to_have_text(TITLE)
    stranger.click("button[value=submit]")
    expect(stranger.locator(".status-submitted")).to_be_visible()

    # The university's centre has no broker: the coordinating centre's broker reviews it.
    _sign_in(broker, base, "broker@example.org")
    broker.goto(f"{base}/market/review/")
    expect(broker.locator(".review")).to_contain_text(TITLE)
    broker.click(f"text={TITLE}")
    broker.click("button[value=approve]")
    expect(broker.locator(".status-published")).to_be_visible()

    # A Chinese engineer finds the demand and expresses interest, in Chinese.
    _sign_in(engineer, base, "chen.hao@example.cn")
    _switch_language(engineer, "zh-hans")
    find_listing_as_chinese_reader(engineer, base, TITLE)
    engineer.click("main a[href$='/interest/']")
    engineer.fill("textarea[name=message]", "我们有硫化物固态电解质的中试产线，希望合作。")
    engineer.click("main button[type=submit]")
    expect(engineer.locator(".interest-status")).to_be_visible()
    interest_url = engineer.url

    # The owner accepts; both now see each other's named contact.
    stranger.goto(interest_url)
    stranger.click("button[value=accept]")
    expect(stranger.locator(".contact-card")).to_contain_text("chen.hao@example.cn")
    expect(stranger.locator(".next-step")).to_contain_text("Vegyék fel egymással közvetlenül a kapcsolatot")
    screenshot_page(stranger, screenshot, "stranger-02-contacts")
    engineer.goto(interest_url)
    expect(engineer.locator(".contact-card")).to_contain_text(STRANGER)
    expect(engineer.locator(".contact-card")).to_contain_text("+36 1 666 5544")
    expect(engineer.locator(".contact-card")).to_contain_text("Szabó Eszter")

    _assert_notices_in_each_readers_language(alliance_world)


def screenshot_page(page: Any, screenshot: Any, name: str) -> None:
    """The shared `screenshot` fixture shoots the default page; the journey has one page per person."""
    path = screenshot(name).parent / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)


def _assert_notices_in_each_readers_language(people: dict[str, Any]) -> None:
    stranger = User.objects.get(email=STRANGER)
    listing = Listing.objects.get(created_by=stranger)
    assert stranger.preferred_language == "hu"
    assert listing.status == "published"
    assert listing.centre.slug == "cq-hu"  # type: ignore[union-attr]
    assert ExpressionOfInterest.objects.get().status == "accepted"

    def subjects(user: User) -> list[str]:
        return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))

    stranger_notices, admin_notices = subjects(stranger), subjects(people["admin"])
    engineer_notices, broker_notices = subjects(people["engineer"]), subjects(people["broker"])
    assert any("Ön mostantól" in subject for subject in stranger_notices)  # approved, in Hungarian
    assert any("Új érdeklődés jelzése" in subject for subject in stranger_notices)
    assert any("csatlakozna" in subject for subject in admin_notices)
    assert any("合作意向" in subject for subject in engineer_notices)
    assert broker_notices
    assert all(
        re.search(r"[\u4e00-\u9fff]", subject) is None or TITLE in subject for subject in broker_notices
    )
