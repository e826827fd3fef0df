"""Every page the menus lead to, for each demo role and anonymous visitors, in the three languages,
on a phone (390 px) and a desk (1,366 px): no page wider than the screen, no English interface
string in Chinese or Hungarian, no JavaScript error, no serious or critical axe-core violation.

One page per URL pattern keeps the crawl within a few minutes; axe runs once per page, in a
language that rotates over the pages, at phone width. `PAGES_PER_ROLE` only guards against a
runaway crawl: a role that reaches it fails the test, so no page is left out unnoticed.
"""

from __future__ import annotations

from io import StringIO
from typing import Any
from urllib.parse import urlsplit

import pytest
from crawl import DESK, PHONE, PageCheck, discover, url_pattern
from django.core.management import call_command

from techbridge.demo.directory_demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROLES = {
    "anonymous": None,
    "administrator": "admin@techbridge.demo",
    "centre operator and organiser": "broker@techbridge.demo",
    "organisation administrator": "research.office@techbridge.demo",
    "organisation member": "engineer@techbridge.demo",
    "individual expert": "expert@techbridge.demo",
    "facility manager": "lab.manager@techbridge.demo",
    "official": "official@techbridge.demo",
}
LANGUAGES = ("en", "zh-hans", "hu")
PAGES_PER_ROLE = 150  # the most a demo role reaches today: 52 URL patterns (2026-12-03)


@pytest.fixture
def demo(transactional_db: None) -> None:
    call_command(
        "demo_data",
        *("--seed", "1", "--organisations", "30", "--people", "10", "--listings", "40"),
        *("--instruments", "6", "--event-participants", "16", "--event-meetings", "20"),
        *("--event-time-limit", "2"),
        stdout=StringIO(),
    )


def sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def choose_language(page: Any, base: str, language: str) -> None:
    host = urlsplit(base).hostname
    page.context.add_cookies([{"name": "django_language", "value": language, "domain": host, "path": "/"}])


def crawl_role(browser: Any, base: str, role: str, email: str | None, checked: set[str]) -> list[str]:
    """Check the pages `role` reaches: each in English on the way (discover), and a URL pattern
    no role has checked yet also in Chinese and Hungarian, and with axe."""
    context = browser.new_context(viewport=DESK)
    page = context.new_page()
    check = PageCheck(page)
    check.listen()
    try:
        if email:
            sign_in(page, base, email)
        choose_language(page, base, "en")
        collections: set[str] = set()
        urls = discover(page, base, check=check, role=role, limit=PAGES_PER_ROLE, collections=collections)
        if len(urls) >= PAGES_PER_ROLE:
            check.report(
                role, f"reaches {PAGES_PER_ROLE} URL patterns or more: the crawl stopped before the last"
            )
        for index, url in enumerate(urls):
            pattern = url_pattern(url, collections)
            if pattern in checked:
                continue
            checked.add(pattern)
            axe_language = LANGUAGES[index % len(LANGUAGES)]
            for language in LANGUAGES[1:]:
                where = f"{role} {language} {url.removeprefix(base)}"
                choose_language(page, base, language)
                page.set_viewport_size(DESK)
                page.goto(url)
                check.overflow(where + " @1366")
                check.untranslated(where, language)
                page.set_viewport_size(PHONE)
                check.overflow(where + " @390")
                if language == axe_language:
                    check.accessibility(where + " @390")
                check.take_errors(where)
            if axe_language == "en":
                choose_language(page, base, "en")
                page.goto(url)
                check.accessibility(f"{role} en {url.removeprefix(base)} @390")
                check.take_errors(f"{role} en {url.removeprefix(base)}")
        return check.problems
    finally:
        context.close()


def test_every_menu_page_fits_the_screen_speaks_the_language_and_is_accessible(
    live_server: Any, browser: Any, demo: None
) -> None:
    problems: list[str] = []
    checked: set[str] = set()
    for role, email in ROLES.items():
        problems.extend(crawl_role(browser, live_server.url, role, email, checked))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
