"""Keyboard users reach the content first: the skip link is the first Tab stop."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.browser.support import BROWSER_TEST, membership_for, sign_in_browser
from tests.personas import World

pytestmark = BROWSER_TEST


def skip_to_content(page: Page) -> None:
    page.keyboard.press("Tab")
    skip_link = page.locator("a.schakel-skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#inhoud")
    expect(skip_link).to_be_in_viewport()  # it becomes visible on focus
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()


def test_first_tab_on_a_public_page_focuses_the_skip_link_that_moves_to_main(
    page: Page, live_server
):
    page.goto(f"{live_server.url}/toegankelijkheid/")
    skip_to_content(page)


def test_first_tab_on_the_start_page_focuses_the_skip_link_that_moves_to_main(
    page: Page, live_server, people: World
):
    sign_in_browser(page, live_server.url, membership_for(people, Role.LEAD))
    page.goto(f"{live_server.url}/")
    skip_to_content(page)


def test_first_tab_on_the_login_page_focuses_the_skip_link(page: Page, live_server):
    # No field takes focus by itself, so keyboard and screen-reader users start at the top.
    page.goto(f"{live_server.url}/inloggen/")
    skip_to_content(page)
