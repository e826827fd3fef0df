"""The crawler behind test_browser_crawl: which pages the menus lead to, and what is wrong on one.

Kept apart from the test so its parts read on their own: `PageCheck` knows what to look for on a
loaded page (overflow, untranslated interface strings, JavaScript errors, axe-core violations),
`Crawl` knows which pages to visit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import polib
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

LOCALE_DIR = Path(__file__).resolve().parents[2] / "src" / "techbridge" / "locale"
LANGUAGE_DIRS = {"zh-hans": "zh_Hans", "hu": "hu"}
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1366, "height": 800}

# Links the crawl never follows: they end the session, download a file, or lead to interfaces
# that are not ours (Django's admin, the API's documentation page).
SKIPPED_PATHS = re.compile(
    r"(/logout|/admin/|/api/|/media/|/static/|\.(pdf|ics|xlsx|csv|json|png|svg|zip)$|/export|/download"
    r"|/feed|/qr|/badge|/calendar\.|[?&]format=)"
)
# A path segment that names one object (a number, a UUID, a reference); the crawl visits one
# page of each pattern per role.
OBJECT_SEGMENT = re.compile(r"^(\d+|[0-9a-f]{8}-[0-9a-f-]{27}|[A-Z]{2,}-\d[\w-]*)$")

# Finds the visible interface text of a page: text nodes and the attributes a person reads,
# except text inside an element that declares another language than the page's (content shown
# in the language it is written in) or opts out of translation.
VISIBLE_TEXT_JS = """
() => {
  const pageLang = document.documentElement.lang;
  const foreign = (el) => {
    const owner = el.closest('[lang], [translate=no]');
    if (!owner) return false;
    if (owner.getAttribute('translate') === 'no') return true;
    return owner !== document.documentElement && owner.lang !== pageLang;
  };
  const shown = (el) => el.checkVisibility ? el.checkVisibility() : true;
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text && !foreign(el) && shown(el)) texts.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt], input[type=submit][value]')) {
    if (foreign(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value.replace(/\\s+/g, ' ').trim());
    }
    if (el.matches('input[type=submit]')) texts.push(el.value.trim());
  }
  return texts;
}
"""

OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth <= width) return null;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      let scrolls = false;
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && up !== document.body
            && up !== document.documentElement) { scrolls = true; break; }
      }
      if (!scrolls) {
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
        culprits.push(name + ' right=' + Math.round(box.right));
      }
    }
    if (culprits.length >= 3) break;
  }
  return document.documentElement.scrollWidth + 'px > ' + width + 'px: ' + culprits.join(', ');
}
"""


@cache
def english_interface_strings(language: str) -> frozenset[str]:
    """The catalogue's English msgids that `language` translates differently: seeing one of them
    as a whole text on a page in that language means a string escaped translation."""
    catalogue = polib.pofile(str(LOCALE_DIR / LANGUAGE_DIRS[language] / "LC_MESSAGES" / "django.po"))
    strings = set()
    for entry in catalogue.translated_entries():
        if entry.msgid_plural or "%" in entry.msgid or "{" in entry.msgid:
            continue
        english = " ".join(entry.msgid.split())
        if len(english) < 4 or not re.search(r"[A-Za-z]{3}", english) or entry.msgstr.strip() == entry.msgid:
            continue
        strings.add(english)
    return frozenset(strings)


@cache
def axe() -> Axe:
    return Axe()


def url_pattern(url: str, collections: frozenset[str] | set[str] = frozenset()) -> str:
    """/market/listings/42/ and /market/listings/7/ are one pattern, and so are the members of a
    collection (a page linking to three or more siblings); the query string is ignored."""
    segments = [
        "<id>" if OBJECT_SEGMENT.match(segment) else segment for segment in urlsplit(url).path.split("/")
    ]
    leaf = len(segments) - 2 if segments[-1] == "" else len(segments) - 1
    if leaf > 1 and "/".join(segments[:leaf]) in collections:
        segments[leaf] = "<item>"
    return "/".join(segments)


def note_collections(links: list[str], collections: set[str]) -> None:
    """Three or more links that differ only in their last segment are one collection's members."""
    leaves: dict[str, set[str]] = {}
    for link in links:
        parent, _, leaf = urlsplit(link).path.rstrip("/").rpartition("/")
        leaves.setdefault(url_pattern(parent), set()).add(leaf)
    collections.update(parent for parent, names in leaves.items() if len(names) >= 3 and parent)


@dataclass
class PageCheck:
    """What is wrong on the page currently loaded: each problem a line naming page and setting."""

    page: Any
    problems: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def listen(self) -> None:
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message: Any) -> None:
        # A failed resource is reported with its address by _response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"HTTP {response.status} for {response.url}")

    def report(self, where: str, problem: str) -> None:
        self.problems.append(f"{where}: {problem}")

    def take_errors(self, where: str) -> None:
        for error in self.errors:
            self.report(where, error)
        self.errors.clear()

    def overflow(self, where: str) -> None:
        found = self.page.evaluate(OVERFLOW_JS)
        if found:
            self.report(where, f"wider than the screen ({found})")

    def untranslated(self, where: str, language: str) -> None:
        english = english_interface_strings(language)
        texts = self.page.evaluate(VISIBLE_TEXT_JS)
        escaped = sorted({text for text in texts if text in english})
        if escaped:
            self.report(where, f"English interface strings in {language}: {escaped[:8]}")

    def accessibility(self, where: str) -> None:
        results = axe().run(self.page)
        for violation in results.response["violations"]:
            if violation["impact"] in {"serious", "critical"}:
                targets = [str(node["target"]) for node in violation["nodes"][:3]]
                self.report(
                    where, f"axe {violation['impact']} {violation['id']}: {violation['help']} {targets}"
                )


def same_origin_links(page: Any, base: str, selector: str) -> Iterable[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(link => link.href)")
    for href in hrefs:
        url = urldefrag(href).url
        if not url.startswith(base + "/"):
            continue
        if SKIPPED_PATHS.search(url.removeprefix(base)):
            continue
        yield url


def discover(
    page: Any, base: str, *, check: PageCheck, role: str, limit: int, collections: set[str]
) -> list[str]:
    """Pages reachable from the menus for whoever is signed in: the menus' links, then the links
    of the pages they lead to, one page per URL pattern, at most `limit` pages. Each page is
    checked in English at desk width on the way."""
    page.goto(f"{base}/")
    queue = list(dict.fromkeys(same_origin_links(page, base, "header a[href]")))
    queue.insert(0, f"{base}/")
    seen_patterns: set[str] = set()
    visited: list[str] = []
    while queue and len(visited) < limit:
        url = queue.pop(0)
        pattern = url_pattern(url, collections)
        if pattern in seen_patterns:
            continue
        seen_patterns.add(pattern)
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a link that turned out to be a download
            if "Download is starting" not in str(error):
                raise
            continue
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            check.errors.clear()
            continue
        where = f"{role} en {url.removeprefix(base)}"
        if response.status >= 400:
            check.report(where, f"HTTP {response.status} on a page linked from the menus")
            check.errors.clear()
            continue
        visited.append(url)
        check.take_errors(where)
        check.overflow(where + " @1366")
        page.set_viewport_size(PHONE)
        check.overflow(where + " @390")
        page.set_viewport_size(DESK)
        links = list(same_origin_links(page, base, "main a[href]"))
        note_collections(links, collections)
        queue.extend(link for link in links if url_pattern(link, collections) not in seen_patterns)
    return visited
