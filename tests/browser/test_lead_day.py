"""The lead's day in the demo world, on a laptop (1366x768) and on a phone (390x844).

The lead searches Lina by a one-letter typo of her surname, opens her case, reads her team
(named people with function and contact details) and her measures' end dates from the
summary band, opens her network, and exports the case list to XLSX, which the test opens
with openpyxl. Every page passes axe with 0 violations, and on the phone no page scrolls
sideways.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.test import override_settings
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from demo.seed import DEMO_PASSWORD, seed_demo
from tests.browser.support import BROWSER_TEST, CspWatch, assert_accessible

pytestmark = BROWSER_TEST

LEAD = "dossierhouder@schakel.example"
VIEWPORTS = {
    "laptop": ViewportSize(width=1366, height=768),
    "phone": ViewportSize(width=390, height=844),
}
TYPO = "Voorbeld"  # her surname is Voorbeeld


@pytest.fixture
def demo_world() -> Iterator[None]:
    with override_settings(DEMO_MODE=True):
        seed_demo()
        yield


def _checked(page: Page, *, phone: bool) -> None:
    """axe finds nothing, and on a phone the page itself does not scroll sideways."""
    assert_accessible(page)
    if phone:
        width, viewport = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert width <= viewport, f"{page.url} scrolls sideways: {width} px in {viewport} px"


def _sign_in(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.locator("input[name=username]").fill(LEAD)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")


def _day(page: Page, base_url: str, *, phone: bool) -> None:
    _sign_in(page, base_url)
    _checked(page, phone=phone)

    # Search from the header, with a typo in her surname.
    box = page.get_by_role("search")
    box.get_by_role("searchbox").fill(TYPO)
    box.get_by_role("button", name="Zoeken").click()
    result = page.locator("main").get_by_text("Lina Voorbeeld").first
    expect(result).to_be_visible()
    _checked(page, phone=phone)

    # Her active case, from the search result.
    page.locator("main a", has_text="Casus").first.click()
    expect(page.get_by_role("heading", name="In één oogopslag")).to_be_visible()
    _checked(page, phone=phone)

    # The team in the summary band: people with their function and how to reach them.
    team = page.locator(".schakel-case-summary__team")
    expect(team.locator(".schakel-team-person__name").first).to_be_visible()
    expect(team).to_contain_text(",")  # "name, function"
    expect(team.locator("a[href^='tel:'], a[href^='mailto:']").first).to_be_visible()
    # The open measures with their end dates, in words.
    measures = page.locator("section[aria-labelledby='summary-measures-heading']")
    expect(measures).to_contain_text("tot en met")

    # Her network.
    page.get_by_role("link", name="Netwerkanalyse").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Netwerkanalyse")
    _checked(page, phone=phone)

    # The case list, exported to a spreadsheet.
    page.goto(f"{base_url}/casussen/")
    _checked(page, phone=phone)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Exporteren (Excel, XLSX)").click()
    path = download_info.value.path()
    workbook = load_workbook(io.BytesIO(path.read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Casus", "Persoon")
    assert any(row[1] == "Lina Voorbeeld" for row in rows[1:])


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_the_leads_day_on_a_laptop_and_a_phone(
    browser: Browser, live_server: LiveServer, demo_world: None, device: str
):
    context = browser.new_context(locale="nl-NL", viewport=VIEWPORTS[device], accept_downloads=True)
    context.set_default_timeout(15_000)
    watch = CspWatch()
    context.on("console", watch)
    try:
        _day(context.new_page(), live_server.url, phone=device == "phone")
    finally:
        context.close()
    watch.assert_none()
