"""A newly registered person walks the recently added pages on a phone (390 px), once in Chinese
and once in Hungarian: the alliance search (reached from the market, one local listing and one
remote record), an event's exhibition and live showcase, the time zone on the profile page, and
the annual report's highlights page (404 for a new person: the permission funnel, whose page
speaks the person's language too).

On each page: nothing wider than the screen, the page in the chosen language (the html lang, a
translated string of that page shown, no English interface string the crawl would catch), no
JavaScript or console error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from crawl import PHONE, VISIBLE_TEXT_JS, PageCheck, english_interface_strings
from django.core import mail
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from factories import make_centre, make_member, make_organisation, make_user
from techbridge.accounts.models import User
from techbridge.events.enums import EventStatus
from techbridge.events.models import Booth, Event, ExhibitionArea, Showcase
from techbridge.federation.enums import Audience, PartnerStatus, RecordKind
from techbridge.federation.models import Partner, RemoteRecord
from techbridge.market.domain.lifecycle import do_listing_action
from techbridge.market.domain.listings import do_save_listing
from techbridge.market.enums import ListingKind, Visibility
from techbridge.market.models import Listing
from techbridge_core.market.lifecycle import Action, Status

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

PASSPHRASE = "egy-hosszu-jelmondat-42"
LOCAL_TITLE = {
    "en": "Quartz resonator for vibration sensors",
    "zh-hans": "振动传感器用石英谐振器",
    "hu": "Kvarcrezonátor rezgésérzékelőkhöz és hőmérséklet-kompenzált oszcillátorokhoz",
}
REMOTE_TITLE = {
    "en": "Quartz crystal oscillator with low phase noise",
    "zh-hans": "低相位噪声石英晶体振荡器",
    "hu": "Alacsony fáziszajú kvarckristály-oszcillátor",
}
AREA_NAME = {"en": "Sensors", "zh-hans": "传感器", "hu": "Érzékelők és méréstechnika"}
TIME_ZONE = "America/Argentina/Buenos_Aires"  # a long name, to test the select's width too


@pytest.fixture
def walk_world(transactional_db: None) -> dict[str, Any]:
    """A published offer showcased and presented at a published event's exhibition, and an active
    partner's public record: both match the search for "quartz"."""
    now = timezone.now()
    centre = make_centre(slug="cq-hu", country="HU", city="Budapest")
    owner = make_organisation(
        centre=centre, country="CN",
        name={"zh-hans": "重庆石英电子有限公司", "en": "Chongqing Quartz Electronics", "hu": "Csungkingi Kvarcelektronika"},
    )  # fmt: skip
    make_member(owner, make_user(email="wang.fang@example.cn", preferred_language="zh-hans"))
    listing = do_save_listing(
        listing=Listing(
            owner_organisation=owner, kind=ListingKind.OFFER, visibility=Visibility.PUBLIC,
            title=LOCAL_TITLE, summary={"en": "Quartz resonators for sensors.", "zh-hans": "传感器用石英谐振器。"},
            country="CN", expires_at=now + timedelta(days=300),
        ),
        actor=None,
        now=now,
    )  # fmt: skip
    for action, target in ((Action.SUBMIT, Status.SUBMITTED), (Action.APPROVE, Status.PUBLISHED)):
        do_listing_action(listing=listing, action=action, target=target, actor=None, reason="", now=now)
    partner = Partner.objects.create(
        url="https://techbridge.example.hu", name="Budapest TechBridge", public_key_pem="",
        status=PartnerStatus.ACTIVE, created_at=now,
    )  # fmt: skip
    RemoteRecord.objects.create(
        partner=partner, remote_id="https://techbridge.example.hu/federation/objects/listing/1",
        kind=RecordKind.LISTING, audience=Audience.PUBLIC, version=1, title=REMOTE_TITLE,
        search_text="quartz crystal oscillator low phase noise", centre="Budapest Centre",
        fetched_at=now, first_seen_at=now,
    )  # fmt: skip
    event = Event.objects.create(
        slug="cq-hu-2027",
        title={"en": "China–Hungary technology exchange", "zh-hans": "中匈技术交流会", "hu": "Kínai–magyar technológiai fórum"},
        status=EventStatus.PUBLISHED, time_zone="Asia/Shanghai", languages=["en", "zh-hans", "hu"],
        starts_on=(now + timedelta(days=60)).date(), ends_on=(now + timedelta(days=61)).date(),
        city="Chongqing", country="CN", registration_open=True,
    )  # fmt: skip
    event.organising_centres.add(centre)
    area = ExhibitionArea.objects.create(event=event, name=AREA_NAME)
    booth = Booth.objects.create(area=area, code="A-12", organisation=owner)
    showcase = Showcase.objects.create(area=area, listing=listing, booth=booth, presented_at=now)
    return {"listing": listing, "event": event, "showcase": showcase}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A phone whose browser asks for English: the person switches the interface themselves."""
    context = browser.new_context(locale="en-GB", viewport=PHONE)
    yield context.new_page()
    context.close()


def translated(language: str, english: str) -> str:
    """The catalogue's text for `english` in `language`; it must differ, or the check proves nothing."""
    with translation.override(language):
        text = gettext(english)
    assert text != english, f"{english!r} has no {language} translation"
    return text


def confirmation_path(email: str) -> str:
    sent = [message for message in mail.outbox if message.to == [email]]
    assert sent, f"no confirmation mail to {email}"
    match = re.search(r"/accounts/confirm/\S+/", sent[-1].body)
    assert match, sent[-1].body
    return match.group(0)


def register_and_sign_in(page: Any, base: str, language: str, email: str) -> None:
    """Choose the language in the phone's menu, register through the form, confirm from the e-mail."""
    page.goto(f"{base}/")
    page.click(".menu-toggle")
    page.click(f".language-switcher button[value='{language}']")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.goto(f"{base}/accounts/register/")
    page.fill("input[name=display_name]", "Új Felhasználó" if language == "hu" else "新用户")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSPHRASE)
    page.fill("input[name=password_again]", PASSPHRASE)
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text(email)
    page.goto(f"{base}{confirmation_path(email)}")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSPHRASE)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


SCROLL_WIDTH_JS = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
# Images that finished loading but cannot be drawn (naturalWidth 0): a broken picture shows its alt text.
BROKEN_IMAGES_JS = "() => [...document.images].filter(i => i.complete && !i.naturalWidth).map(i => i.src)"


def untranslated_labels(page: Any, language: str) -> list[str]:
    """English interface strings the crawl's exact match misses: form labels end in Django's
    label suffix (":" in English, "：" or ":" in the catalogues), e.g. "Technology fields:"."""
    english = english_interface_strings(language)
    texts = page.evaluate(VISIBLE_TEXT_JS)
    return sorted({text for text in texts if text.rstrip(":：").strip() in english and text not in english})


def check_page(page: Any, check: PageCheck, where: str, language: str, *, shown: str) -> None:
    """The page loaded in `page`: in `language` (html lang and the translation of `shown` visible),
    no wider than the phone, no English interface string, no error; problems are collected."""
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_text(translated(language, shown), exact=True).first).to_be_visible()
    scroll_width, inner_width = page.evaluate(SCROLL_WIDTH_JS)
    if scroll_width > inner_width:
        check.report(where, f"scrollWidth {scroll_width}px > innerWidth {inner_width}px")
    check.overflow(where)
    check.untranslated(where, language)
    if labels := untranslated_labels(page, language):
        check.report(where, f"English labels in {language}: {labels[:8]}")
    page.wait_for_load_state("load")
    broken = list(page.evaluate(BROKEN_IMAGES_JS))
    if broken:
        check.report(where, f"images not drawn: {broken}")
    check.take_errors(where)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"walk-{re.sub(r'[^a-z0-9-]+', '-', where)}.png"), full_page=True)


@pytest.mark.parametrize("language", ["zh-hans", "hu"])
def test_new_person_walks_the_new_pages_on_a_phone(
    live_server: Any, phone: Any, walk_world: dict[str, Any], language: str
) -> None:
    base = live_server.url
    email = f"new.{language}@example.org"
    check = PageCheck(phone)
    check.listen()
    register_and_sign_in(phone, base, language, email)
    check.take_errors(f"{language} registration")

    # The market's search, then the switch to the whole alliance: the local listing and the
    # partner's record in one list, the record with its origin.
    phone.goto(f"{base}/market/")
    phone.fill("form.filters input[name=q]", "quartz")
    phone.press("form.filters input[name=q]", "Enter")
    phone.wait_for_url(re.compile(r"[?&]q=quartz"))
    phone.click("a.alliance-switch")
    phone.wait_for_url(re.compile(r"/federation/search/\?q=quartz"))
    results = phone.locator("#alliance-results")
    expect(results.locator("li", has_text=LOCAL_TITLE[language])).to_contain_text(
        translated(language, "On this installation")
    )
    expect(results.locator("li", has_text=REMOTE_TITLE[language])).to_contain_text("Budapest TechBridge")
    check_page(phone, check, f"{language} /federation/search/", language, shown="Search the whole alliance")

    # The event's exhibition and its live showcase.
    event = walk_world["event"]
    phone.goto(f"{base}/events/{event.slug}/exhibition/")
    expect(phone.locator(".exhibition-area h3")).to_have_text(AREA_NAME[language])
    expect(phone.locator(".showcase h4")).to_have_text(LOCAL_TITLE[language])
    check_page(phone, check, f"{language} exhibition", language, shown="Exhibition")
    phone.goto(f"{base}/events/{event.slug}/showcase/")
    expect(phone.locator("#presented .showcase h4")).to_have_text(LOCAL_TITLE[language])
    presented = walk_world["showcase"].presented_at.astimezone(ZoneInfo(event.time_zone))
    with translation.override(language):
        day = formats.date_format(presented, "SHORT_DATE_FORMAT")
    expect(phone.locator("#presented .presented-at")).to_have_text(
        f"{day} {presented:%H:%M} ({event.time_zone})"
    )
    check_page(phone, check, f"{language} live showcase", language, shown="Live showcase")

    # The profile page: a new time zone is saved and shown as chosen.
    phone.goto(f"{base}/accounts/profile/")
    check_page(phone, check, f"{language} profile", language, shown="Time zone")
    phone.select_option("select[name=time_zone]", TIME_ZONE)
    phone.click(f"main button:has-text('{translated(language, 'Save time zone')}')")
    expect(phone.get_by_text(translated(language, "Your time zone was saved."))).to_be_visible()
    expect(phone.locator("select[name=time_zone]")).to_have_value(TIME_ZONE)
    check_page(phone, check, f"{language} profile after saving", language, shown="Time zone")
    assert User.objects.get(email=email).time_zone == TIME_ZONE

    # The highlights page is for brokers and admins: a new person is told it does not exist.
    response = phone.goto(f"{base}/statistics/highlights/")
    assert response is not None
    assert response.status == 404
    check_page(phone, check, f"{language} /statistics/highlights/ (404)", language, shown="Page not found")

    assert not check.problems, f"{len(check.problems)} problems:\n" + "\n".join(check.problems)


def test_the_showcased_achievements_qr_code_is_drawn(
    live_server: Any, phone: Any, walk_world: dict[str, Any]
) -> None:
    phone.goto(f"{live_server.url}/events/{walk_world['event'].slug}/exhibition/")
    qr = phone.locator(".showcase img.qr")
    expect(qr).to_be_visible()
    phone.wait_for_load_state("load")
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
