"""The header's search box in Chromium (issue 13, point 2): typing a name with a typo in the
header finds the person, the results page has no axe violation at 1366 x 768 or on a
390 x 844 phone, the page never scrolls sideways, and the words stay out of the URL."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from cases.services import case_open
from persons.models import Subject
from signals.tests.builders import new_signal
from tests.browser.support import BROWSER_TEST, assert_accessible, sign_in_browser, visit
from tests.personas import World

pytestmark = BROWSER_TEST

VIEWPORTS = [ViewportSize(width=1366, height=768), ViewportSize(width=390, height=844)]


@pytest.fixture
def lina(people: World) -> Subject:
    subject = Subject.objects.create(
        municipality=people.wijkstad, given_names="Lina", surname="Voorbeeld", birth_year=2008
    )
    new_signal(people, subject=subject)
    case_open(
        actor=people.actor(people.lead),
        user=people.lead.user,
        subject=subject,
        municipality=people.wijkstad,
        lead=people.lead.user,
        team=[people.police],
        reason="Opgenomen.",
    )
    return subject


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_the_lead_finds_lina_by_a_typo_from_the_header(
    page: Page, live_server: LiveServer, people: World, lina: Subject, viewport: ViewportSize
):
    page.set_viewport_size(viewport)
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/")
    box = page.locator("header form[role=search]")
    box.get_by_role("searchbox").fill("Voorbeld")
    with page.expect_navigation():
        box.get_by_role("button").click()
    expect(page.locator("main [data-subject]")).to_have_count(1)
    expect(page.locator("main [data-subject] h3")).to_contain_text("Lina Voorbeeld")
    expect(page.locator("main [data-subject] a[href^='/casussen/']")).to_have_count(1)
    assert page.url == f"{live_server.url}/zoeken/"
    assert "voorbeld" not in page.url.lower()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_the_search_page_with_an_error_and_with_nothing_found_is_accessible(
    page: Page, live_server: LiveServer, people: World, lina: Subject, viewport: ViewportSize
):
    page.set_viewport_size(viewport)
    sign_in_browser(page, live_server.url, people.partner)
    visit(page, f"{live_server.url}/zoeken/")
    form = page.locator("main form")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator(".utrecht-form-field-error-message")).to_be_visible()
    assert_accessible(page)
    page.locator("main form input[name=q]").fill("123456")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main [role=status]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
