"""A crawl of the demo world: every demo account signs in and follows, breadth first (pages
of a pattern it has not seen yet first), the links it can reach with GET. No page answers
500 or more (nor 404 or 403: a link the account is shown must lead somewhere it may go),
and axe-core finds no violation at 1366x768; pages are also opened at 390x844, where the
page itself must not scroll sideways either.

The world is the one `make run` shows (demo/seed.py, demo mode on), not the small personas
world of the other browser tests, so lists are long, every state exists and every section
of a case has something in it.

Bounded to stay short: a few minutes on two cores. A URL pattern is what
django.urls.resolve sees, so ``/casussen/12/`` and ``/casussen/13/`` are one pattern.

- Every account loads, and checks the status of, at most PAGES_PER_PATTERN pages of one
  pattern and PAGES_PER_ROLE pages in all.
- axe looks at AXE_PER_PATTERN pages of a pattern per role: the three leads share them, as do
  the seven partners, who see the same pages of other cases.
- The phone looks at the first page of every pattern, and at every role's own start page.

Not followed: signing out, the language switch (a form), files (PDF, CSV, GraphML, XLSX: by
URL, by a ``download`` attribute, or by Chromium starting a download), other sites, and the
API except its documentation page. All problems are collected and reported together at the
end, per account, with the page that linked to the one that failed.
"""

from __future__ import annotations

import heapq
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urldefrag, urlsplit

from django.conf import settings
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

from demo.seed import ACCOUNTS, DEMO_PASSWORD, DemoAccount, seed_demo
from tests.browser.support import BROWSER_TEST, CspWatch, axe_violations

pytestmark = BROWSER_TEST

DESKTOP = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)
PAGES_PER_PATTERN = 3  # loaded, and their status checked, per account
PAGES_PER_ROLE = 50  # per account
AXE_PER_PATTERN = 2  # per role, shared by the accounts in that role
START_PATTERN = ""  # the start page: a different page for every role

# Paths never followed: they end the session, change the language, or are the machine API.
SKIPPED_PREFIXES = ("/uitloggen/", "/taal/", "/inloggen/", "/api/")
FOLLOWED_API_PAGES = frozenset({"/api/v1/docs"})
# Files rather than pages (checked again by the response: Chromium refuses to "show" them).
FILE_PATH = re.compile(r"(/(pdf|csv|xlsx|export)/?$)|(\.(pdf|csv|xlsx|graphml|json|zip)$)")
FILE_QUERY = re.compile(r"(^|&)(format|export)=(pdf|csv|xlsx)(&|$)")

LINKS_SCRIPT = """() => Array.from(document.querySelectorAll("a[href]"))
    .filter(a => !a.hasAttribute("download"))
    .map(a => a.href)"""
SCROLLS_SIDEWAYS_SCRIPT = "() => [document.documentElement.scrollWidth, window.innerWidth]"


class Checked(NamedTuple):
    """A URL pattern as seen by a role (empty: by any role) at a viewport: what the looks
    of axe and the phone are counted by."""

    role: str
    pattern: str
    viewport: str


@dataclass
class RoleCrawl:
    """What one account's crawl saw."""

    account: DemoAccount
    visited: list[str] = field(default_factory=list)
    linked_from: dict[str, str] = field(default_factory=dict)  # the first page with the link
    axe_checked: int = 0
    phone_checked: int = 0
    failures: list[str] = field(default_factory=list)
    skipped_files: set[str] = field(default_factory=set)
    seconds: float = 0.0

    def fail(self, path: str, viewport: str, problem: str) -> None:
        self.failures.append(
            f"{path} [{viewport}]: {problem} (linked from {self.linked_from.get(path, '?')})"
        )


def pattern_of(path: str) -> str:
    """The URL pattern a path belongs to (``casussen/<id:case_id>/``), or the path itself
    when no pattern matches (such a link is reported by the 404 it answers)."""
    try:
        return resolve(path).route
    except Resolver404:
        return path


def followable(url: str, origin: str) -> str | None:
    """The URL to visit for a link (fragment dropped), or None when the crawl skips it."""
    url, _fragment = urldefrag(url)
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    path = parts.path or "/"
    if path.startswith(SKIPPED_PREFIXES) and path not in FOLLOWED_API_PAGES:
        return None
    if FILE_PATH.search(path) or FILE_QUERY.search(parts.query):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def sign_in_demo(context: BrowserContext, live_server_url: str, account: DemoAccount) -> None:
    """Signs in the way a visitor of the demo does (e-mail and the password "demo"; demo mode
    skips the second factor) and hands the session to the browser."""
    client = Client()
    response = client.post("/inloggen/", {"username": account.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{account.email} could not sign in to the demo"
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )


def open_page(page: Page, url: str, crawl: RoleCrawl, path: str, viewport: str) -> bool:
    """Opens ``url``; False (with the problem noted) when it is no page to check."""
    try:
        response = page.goto(url)
    except PlaywrightError as error:
        if "Download is starting" in error.message:
            crawl.skipped_files.add(path)
        else:
            crawl.fail(path, viewport, f"did not load: {error.message.splitlines()[0]}")
        return False
    if response is None:
        crawl.fail(path, viewport, "no response")
        return False
    if response.status >= 400:
        crawl.fail(path, viewport, f"HTTP {response.status}")
        return False
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("text/html"):
        crawl.skipped_files.add(path)
        return False
    if urlsplit(page.url).path.startswith("/inloggen/"):
        crawl.fail(path, viewport, f"ended signed out, at {page.url}")
        return False
    return True


def check_axe(page: Page, crawl: RoleCrawl, path: str, viewport: str) -> None:
    for violation in axe_violations(page):
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        more = len(violation["nodes"]) - 3
        crawl.fail(
            path,
            viewport,
            f"axe {violation['id']} ({violation['impact']}) at {targets}"
            + (f" and {more} more" if more > 0 else ""),
        )


def crawl_as(
    browser: Browser, live_server_url: str, account: DemoAccount, checked: Counter[Checked]
) -> RoleCrawl:
    """One account's breadth-first walk. Every page it reaches is loaded and its status
    checked; axe and the phone look at a page while ``checked`` says that the pattern has not
    yet had its share of looks (kept across accounts, see the module's docstring)."""
    crawl = RoleCrawl(account)
    started = time.monotonic()
    csp_watch = CspWatch()
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    context.on("console", csp_watch)
    sign_in_demo(context, live_server_url, account)
    desktop = context.new_page()
    phone = context.new_page()
    phone.set_viewport_size(PHONE)

    # Breadth first, and a pattern not yet seen before another page of one that was: the
    # queue is ordered by (pages of the link's pattern loaded so far, when it was found),
    # re-sorted lazily as those counts grow.
    queue = [(0, 0, "/")]
    crawl.linked_from["/"] = "(start)"
    per_pattern: Counter[str] = Counter()
    try:
        while queue and len(crawl.visited) < PAGES_PER_ROLE:
            seen_before, found, path = heapq.heappop(queue)
            pattern = pattern_of(urlsplit(path).path)
            if per_pattern[pattern] >= PAGES_PER_PATTERN:
                continue
            if per_pattern[pattern] > seen_before:
                heapq.heappush(queue, (per_pattern[pattern], found, path))
                continue
            per_pattern[pattern] += 1
            if not open_page(desktop, live_server_url + path, crawl, path, "1366x768"):
                continue
            crawl.visited.append(path)
            for link in desktop.evaluate(LINKS_SCRIPT):
                target = followable(link, live_server_url)
                if target is not None and target not in crawl.linked_from:
                    crawl.linked_from[target] = path
                    heapq.heappush(queue, (0, len(crawl.linked_from), target))
            on_desktop = Checked(account.role, pattern, "1366x768")
            if checked[on_desktop] < AXE_PER_PATTERN:
                checked[on_desktop] += 1
                crawl.axe_checked += 1
                check_axe(desktop, crawl, path, "1366x768")
            on_phone = Checked(account.role if pattern == START_PATTERN else "", pattern, "390x844")
            if not checked[on_phone] and open_page(
                phone, live_server_url + path, crawl, path, "390x844"
            ):
                checked[on_phone] += 1
                crawl.phone_checked += 1
                check_axe(phone, crawl, path, "390x844")
                scroll_width, inner_width = phone.evaluate(SCROLLS_SIDEWAYS_SCRIPT)
                if scroll_width > inner_width:
                    crawl.fail(
                        path, "390x844", f"scrolls sideways ({scroll_width}px > {inner_width}px)"
                    )
    finally:
        context.close()
    crawl.failures.extend(f"CSP: {violation}" for violation in csp_watch.violations)
    crawl.seconds = time.monotonic() - started
    return crawl


def test_every_demo_account_can_walk_its_links_without_errors_or_axe_violations(
    browser: Browser, live_server: LiveServer
) -> None:
    with override_settings(DEMO_MODE=True):  # the live server thread sees it too
        seed_demo()
        checked: Counter[Checked] = Counter()
        crawls = [crawl_as(browser, live_server.url, account, checked) for account in ACCOUNTS]

    summary = "\n".join(
        f"{crawl.account.email}: {len(crawl.visited)} pages, axe on {crawl.axe_checked}, "
        f"{crawl.phone_checked} also on a phone, {len(crawl.skipped_files)} files skipped, "
        f"{crawl.seconds:.0f}s"
        for crawl in crawls
    )
    summary += (
        f"\nin all: {sum(len(crawl.visited) for crawl in crawls)} pages, "
        f"{len({check.pattern for check in checked})} patterns, "
        f"{sum(crawl.seconds for crawl in crawls):.0f}s"
    )
    print(summary)
    for crawl in crawls:
        # Every account reaches more than its start page: a crawl that stopped there would
        # pass for the wrong reason.
        assert len(crawl.visited) > 1, f"{crawl.account.email} reached only {crawl.visited}"
    report = "\n\n".join(
        f"{crawl.account.email} ({crawl.account.role}):\n  " + "\n  ".join(crawl.failures)
        for crawl in crawls
        if crawl.failures
    )
    assert not report, f"The crawl found problems:\n\n{report}\n\nPages per account:\n{summary}"


FOLLOWED_OR_NOT = [
    ("http://h/casussen/1/#plan", "/casussen/1/"),
    ("http://h/casussen/?status=open", "/casussen/?status=open"),
    ("http://h/uitloggen/", None),
    ("http://h/taal/", None),
    ("http://h/api/v1/cases", None),
    ("http://h/api/v1/docs", "/api/v1/docs"),
    ("http://h/casussen/1/afdrukken/pdf/", None),
    ("http://h/rapportages/2/csv/", None),
    ("http://h/casussen/1/netwerk/export.graphml", None),
    ("http://h/casussen/?format=xlsx", None),
    ("https://example.org/casussen/", None),
    ("mailto:someone@schakel.example", None),
]


def test_the_crawl_follows_pages_and_skips_the_rest() -> None:
    assert [followable(link, "http://h") for link, _ in FOLLOWED_OR_NOT] == [
        expected for _, expected in FOLLOWED_OR_NOT
    ]
