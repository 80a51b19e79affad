"""axe-core finds no violation on a case sub-page with its breadcrumb trail and the marked
current section of the menu, on a laptop and on a phone.

Runs with the browser tests (tests/browser); the fixtures are theirs.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case
from meetings.tests.builders import built, decide, new_signal, plan
from tests.browser.support import BROWSER_TEST, assert_accessible, sign_in_browser, visit
from tests.personas import World

pytestmark = BROWSER_TEST


@pytest.fixture
def case(people: World) -> Case:
    meeting = built(people, plan(people, people.gemeente_wijkstad, people.police))
    signal = new_signal(people)
    built(people, meeting)
    decide(people, meeting, signal, outcome="include")
    return Case.objects.get(signal=signal)


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_a_page_with_breadcrumbs_is_accessible(page: Page, live_server, people, case, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/casussen/{case.pk}/netwerk/")
    crumbs = page.locator("nav.utrecht-breadcrumb-nav")
    expect(crumbs.locator("li")).to_have_count(4)
    expect(crumbs.locator('[aria-current="page"]')).to_have_count(1)
    expect(page.locator('.schakel-nav [aria-current="true"]')).to_have_count(1)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0]
