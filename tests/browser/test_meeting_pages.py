"""axe-core finds no violation on the weighing-session pages, and the CSP blocks nothing.

Runs with the browser tests (tests/browser); the fixtures are theirs.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from meetings.models import AgendaItem
from meetings.tests.builders import built, decide, new_signal, plan
from tests.browser.support import BROWSER_TEST, assert_accessible, sign_in_browser, visit
from tests.personas import World

pytestmark = BROWSER_TEST


@pytest.fixture
def session(people: World):
    decided = new_signal(people, surname="Besloten")
    waiting = new_signal(people, surname="Wachtend")
    meeting = built(people, plan(people))
    decide(
        people,
        meeting,
        decided,
        outcome="gather_information",
        review_on=timezone.localtime(meeting.held_at).date() + timedelta(days=30),
    )
    AgendaItem.objects.create(meeting=meeting, position=3, item_type="case", item_id=1, reason="x")
    return meeting, decided, waiting


def item(meeting, signal) -> int:
    return AgendaItem.objects.get(meeting=meeting, item_type="signal", item_id=signal.pk).pk


@pytest.mark.parametrize("path", ["", "nieuw/", "{m}/", "{m}/wijzigen/", "{m}/afdrukken/"])
def test_session_pages_are_accessible(page: Page, live_server, people, session, path):
    meeting = session[0]
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/overleggen/{path.format(m=meeting.pk)}")
    assert_accessible(page)


def test_weighing_form_and_its_errors_are_accessible(page: Page, live_server, people, session):
    meeting, _decided, waiting = session
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/overleggen/{meeting.pk}/punten/{item(meeting, waiting)}/")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    assert_accessible(page)


def test_a_recorded_decision_is_accessible(page: Page, live_server, people, session):
    meeting, decided, _waiting = session
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/overleggen/{meeting.pk}/punten/{item(meeting, decided)}/")
    expect(page.locator("main")).to_contain_text("Sam Besloten")
    assert_accessible(page)


def test_the_planning_form_with_errors_is_accessible(page: Page, live_server, people):
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/overleggen/nieuw/")
    page.locator("main form input[type=checkbox]:checked").uncheck()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    assert_accessible(page)
