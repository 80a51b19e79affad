"""The case page read in one minute (issue 13, point 5), in Chromium on the demo data.

At 1366 x 768 the summary band (state, measures with their periods, the team with its people)
sits above two columns; on a 390 x 844 phone the page is one column that never scrolls
sideways, its tables stacked into labelled rows. axe-core finds no violation at either size.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import Membership, User
from cases.models import Case
from demo.seed import seed_demo
from tests.browser.support import BROWSER_TEST, act_as, assert_accessible, dutch, visit

pytestmark = BROWSER_TEST

WIJKSTAD_LEAD = "dossierhouder@schakel.example"
DESKTOP = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture
def demo(live_server: LiveServer) -> Iterator[str]:
    with override_settings(DEMO_MODE=True):
        seed_demo()
        yield live_server.url


def lina() -> Case:
    return Case.objects.select_related("subject", "lead").get(subject__surname="Voorbeeld")


def lead() -> Membership:
    return Membership.objects.select_related("user").get(user__email=WIJKSTAD_LEAD)


def share_contact_details(user: User) -> None:
    User.objects.filter(pk=user.pk).update(
        job_title="Dossierhouder radicalisering", work_phone="06 1234 5678", share_email=True
    )


def page_width(page: Page) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


def overflowing_boxes(page: Page) -> list[str]:
    """Elements of the main content that scroll sideways themselves (a table in a wrapper);
    a visually hidden table header (1 px wide, for screen readers) does not count."""
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(el => el.scrollWidth > el.clientWidth + 1
                              && getComputedStyle(el).overflowX !== 'visible'
                              && el.clientWidth > 1)
                .map(el => el.tagName + '.' + el.className)"""
        )
    )


def test_the_summary_band_and_two_columns_on_a_laptop(page: Page, demo: str):
    case = lina()
    share_contact_details(case.lead)
    act_as(page, demo, lead())
    page.set_viewport_size(DESKTOP)
    visit(page, f"{demo}/casussen/{case.pk}/")
    band = page.locator(".schakel-case-summary")
    expect(band.get_by_role("heading", name=dutch("At a glance"))).to_be_visible()
    # The band is above the fold: it starts within the first screen.
    assert band.bounding_box()["y"] < DESKTOP["height"]  # type: ignore[index]
    team = band.locator("#team-heading + dl")
    expect(team).to_contain_text("Daan Dossier (demo), Dossierhouder radicalisering")
    expect(team.get_by_role("link", name="06 1234 5678")).to_have_attribute(
        "href", "tel:0612345678"
    )
    measures = band.locator("[aria-labelledby=summary-measures-heading]")
    expect(measures).to_contain_text("Paspoortmaatregel")
    expect(measures.locator("time").first).to_be_visible()
    # Two columns: the side column (measures, checklists) stands beside the plan.
    main = page.locator(".schakel-case-columns__main").bounding_box()
    side = page.locator(".schakel-case-columns__side").bounding_box()
    assert main is not None
    assert side is not None
    assert side["x"] > main["x"] + main["width"] - 1
    assert abs(side["y"] - main["y"]) < 2
    # The in-page menu leads to every section.
    menu = page.get_by_role("navigation", name=dutch("On this page"))
    for link in menu.get_by_role("link").all():
        target = link.get_attribute("href")
        assert target
        assert target.startswith("#")
        expect(page.locator(target)).to_have_count(1)
    assert page_width(page) <= DESKTOP["width"]
    assert_accessible(page)


def test_on_a_phone_the_case_page_is_one_column_without_sideways_scrolling(page: Page, demo: str):
    case = lina()
    act_as(page, demo, lead())
    page.set_viewport_size(PHONE)
    visit(page, f"{demo}/casussen/{case.pk}/")
    assert page_width(page) <= PHONE["width"]
    assert overflowing_boxes(page) == []
    main = page.locator(".schakel-case-columns__main").bounding_box()
    side = page.locator(".schakel-case-columns__side").bounding_box()
    assert main is not None
    assert side is not None
    assert side["y"] >= main["y"] + main["height"] - 1  # one under the other
    # Table rows are stacked, each cell labelled by its column.
    cell = page.locator("#entries-heading ~ div table td[data-label]").first
    expect(cell).to_be_visible()
    label = cell.evaluate("el => getComputedStyle(el, '::before').content")
    assert dutch("Recorded") in label
    assert_accessible(page)
    # The measures page at the same width.
    visit(page, f"{demo}/casussen/{case.pk}/maatregelen/")
    assert page_width(page) <= PHONE["width"]


def test_stacked_table_cells_do_not_overlap_on_a_phone(page: Page, demo: str):
    case = lina()
    act_as(page, demo, lead())
    page.set_viewport_size(PHONE)
    visit(page, f"{demo}/casussen/{case.pk}/")
    cells = page.locator(".schakel-case td[data-label]").all()
    assert cells
    for cell in cells:
        box = cell.bounding_box()
        assert box is not None
        height = cell.evaluate("el => el.scrollHeight")
        assert height <= box["height"] + 1, cell.inner_text()
