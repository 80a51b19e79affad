"""Browser tests: one Chromium for the session, a fresh context per test.

Debian's Chromium (/usr/bin/chromium) is driven by Playwright's sync API against Django's
``live_server``. Every page a test visits is watched for Content-Security-Policy violations:
a single one fails the test, because an inline script or style that the CSP blocks is a
feature that silently does not work for the user.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.browser.support import CspWatch
from tests.personas import World, build_world

# Playwright's sync API keeps an event loop running in the main thread, which makes Django
# believe it is called from async code; the ORM calls the tests make are plain sync code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live_server(browser: Browser, live_server: LiveServer) -> LiveServer:
    """pytest-django's live server, started only once the browser runs.

    While Playwright's sync API is active an event loop counts as running in the main
    thread, and Django then keeps its database connections in different (context-local)
    storage. Starting the server after the browser makes the server thread share the very
    connection the tests use (an in-memory SQLite database is shared that way).
    """
    return live_server


@pytest.fixture
def csp_watch() -> CspWatch:
    return CspWatch()


@pytest.fixture
def page(browser: Browser, csp_watch: CspWatch) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    context.on("console", csp_watch)
    new_page = context.new_page()
    yield new_page
    context.close()
    # Checked after every test, so no page a test visits can slip a violation through.
    csp_watch.assert_none()


@pytest.fixture
def people() -> World:
    """The personas of tests/personas.py, in the live server's (transactional) database."""
    return build_world()
