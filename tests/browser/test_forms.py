"""Forms after the NL Design System patterns, in Chromium: the error summary takes the focus
after a failed submit, a textarea counts its characters, the processing log fits 1366 px."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from accounts.models import Role
from audit.models import Operation
from audit.services import log_processing
from tests.browser.support import (
    BROWSER_TEST,
    assert_accessible,
    membership_for,
    sign_in_browser,
    visit,
)
from tests.personas import World

pytestmark = BROWSER_TEST


def test_a_failed_submit_moves_the_focus_to_the_error_summary(
    page: Page, live_server, people: World
):
    sign_in_browser(page, live_server.url, membership_for(people, Role.PRIVACY_OFFICER))
    visit(page, f"{live_server.url}/privacy/logboek/")
    page.locator("#id_date_from").fill("2026-03-10")
    page.locator("#id_date_to").fill("2026-03-01")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    # Its link takes the user to the field to correct.
    summary.locator("a[href='#id_date_to']").click()
    expect(page.locator("#id_date_to")).to_be_focused()
    assert_accessible(page)


def test_a_textarea_counts_its_characters_and_is_never_cut(page: Page, live_server, people: World):
    sign_in_browser(page, live_server.url, membership_for(people, Role.PRIVACY_OFFICER))
    visit(page, f"{live_server.url}/privacy/register/")
    # The first register entry's revision form, folded away until asked for.
    page.locator("main details summary").filter(has_text="“").first.click()
    textarea = page.locator("details[open] textarea[data-maxlength='4000']").first
    assert textarea.get_attribute("maxlength") is None
    counter = textarea.locator("xpath=following-sibling::div[contains(@class,'schakel-counter')]")
    expect(counter).to_be_visible()
    textarea.fill("")
    before = counter.inner_text()
    textarea.fill("x" * 4_010)  # a paste over the limit stays whole
    assert len(textarea.input_value()) == 4_010
    expect(counter).not_to_have_text(before)
    expect(counter).to_have_class(re.compile(r"\bschakel-counter--over\b"))
    # The live region speaks once typing pauses, not on every key.
    spoken = textarea.locator("xpath=following-sibling::div[@aria-live='polite']")
    expect(spoken).to_have_text(counter.inner_text(), timeout=3_000)
    assert_accessible(page)


def test_the_processing_log_fits_1366_pixels(page: Page, live_server, people: World):
    page.set_viewport_size({"width": 1366, "height": 768})
    lead = people.lead
    log_processing(
        activity="account",
        name="cases.network.followup.create",
        operation=Operation.CREATE,
        actor=people.actor(lead),
        object_type="network_person",
        object_id=2,
    )
    sign_in_browser(page, live_server.url, membership_for(people, Role.PRIVACY_OFFICER))
    visit(page, f"{live_server.url}/privacy/logboek/")
    page.locator("#id_operation").select_option("create")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    table = page.locator("table.schakel-log-table")
    expect(table).to_be_visible()
    wrap = page.locator(".schakel-table-wrap").first
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth"), "the log table scrolls sideways"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
