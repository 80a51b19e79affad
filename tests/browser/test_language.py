"""The language switch in the header changes the page language and back."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.support import BROWSER_TEST

pytestmark = BROWSER_TEST


def test_the_language_switch_turns_the_login_page_english_and_back_to_dutch(
    page: Page, live_server
):
    page.goto(f"{live_server.url}/inloggen/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="English").click()
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/inloggen/")
    switch_back = page.get_by_role("button", name="Nederlands")
    expect(switch_back).to_have_attribute("lang", "nl")

    switch_back.click()
    expect(html).to_have_attribute("lang", "nl")
    expect(page.get_by_role("button", name="English")).to_be_visible()
