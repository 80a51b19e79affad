"""Messages, "Mijn taken" and the case page's task rows in Chromium, on a laptop and a phone:
axe finds nothing, the page does not scroll sideways, the menu says how many tasks are overdue,
and opening a message marks it read."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.models import Case
from cases.review_tasks import sync_review_task
from cases.services import case_open
from cases.tests.test_actions import new_action
from persons.models import Subject
from tasks.models import Notification, Task, TaskSource
from tests.browser.support import (
    BROWSER_TEST,
    assert_accessible,
    membership_for,
    sign_in_browser,
    visit,
)
from tests.personas import World

pytestmark = BROWSER_TEST

SCREENS = [pytest.param((1366, 768), id="laptop"), pytest.param((390, 844), id="phone")]


def _day_of_work(people: World) -> Case:
    """A case of the lead with an overdue review, an overdue and an open action of the police."""
    subject = Subject.objects.create(
        municipality=people.wijkstad, given_names="Noor", surname="Voorbeeld", birth_year=2009
    )
    case = case_open(
        actor=people.actor(people.lead),
        user=people.lead.user,
        subject=subject,
        municipality=people.wijkstad,
        lead=people.lead.user,
        team=[people.police],
        reason="Opgenomen.",
    )
    today = timezone.localdate()
    late = new_action(people, case, description="Huisbezoek bij de familie afleggen")
    Task.objects.filter(source=TaskSource.ACTION, source_id=late.pk).update(
        due_on=today - timedelta(days=4)
    )
    new_action(people, case, description="Gesprek met de mentor")
    Case.objects.filter(pk=case.pk).update(review_on=today - timedelta(days=1))
    case.refresh_from_db()
    sync_review_task(case)
    return case


def _no_sideways_scroll(page: Page) -> None:
    wider = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not wider, f"{page.url} scrolls sideways"


@pytest.mark.parametrize("screen", SCREENS)
def test_the_leads_messages_tasks_and_case_tasks_are_accessible(
    page: Page, live_server, people: World, screen: tuple[int, int]
):
    case = _day_of_work(people)
    page.set_viewport_size({"width": screen[0], "height": screen[1]})
    sign_in_browser(page, live_server.url, membership_for(people, Role.LEAD))
    for path in ["/berichten/", "/taken/", f"/casussen/{case.pk}/"]:
        visit(page, f"{live_server.url}{path}")
        assert_accessible(page)
        if screen[0] < 500:
            _no_sideways_scroll(page)
    # The menu names the count in words, and the link's accessible name carries it.
    # (The words come from the catalogue: "te laat" once its Dutch entry is in.)
    expect(page.get_by_role("link", name=re.compile(r"^Mijn taken \(1 \w[\w ]*\)$"))).to_have_count(
        1
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_the_partner_opens_a_message_and_it_is_read(
    page: Page, live_server, people: World, screen: tuple[int, int]
):
    _day_of_work(people)
    page.set_viewport_size({"width": screen[0], "height": screen[1]})
    partner = membership_for(people, Role.PARTNER)
    sign_in_browser(page, live_server.url, partner)
    visit(page, f"{live_server.url}/berichten/")
    assert_accessible(page)
    visit(page, f"{live_server.url}/taken/")
    assert_accessible(page)
    expect(page.locator("main .utrecht-data-badge").first).to_be_visible()
    visit(page, f"{live_server.url}/berichten/")
    message = page.get_by_role("link", name="Huisbezoek bij de familie afleggen")
    message.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/acties/" in page.url or "/casussen/" in page.url
    read = Notification.objects.filter(
        recipient=partner.user, task__title_params__text="Huisbezoek bij de familie afleggen"
    ).get()
    assert read.read_at is not None
