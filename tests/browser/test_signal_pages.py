"""axe-core finds no violation on the signal pages, and the CSP blocks nothing.

Runs with the browser tests (tests/browser); the fixtures are theirs.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from signals.services import signal_transition
from signals.tests.builders import new_signal, notice_signal
from tests.browser.support import (
    BROWSER_TEST,
    assert_accessible,
    membership_for,
    sign_in_browser,
    submit_main_form,
    visit,
)
from tests.personas import World

pytestmark = BROWSER_TEST


@pytest.fixture
def signals(people: World):
    late = new_signal(people, received_at=timezone.now() - timedelta(days=30))
    new_signal(people, subject=late.subject)
    new_signal(people, urgency="acute", named=False)
    notice_signal(people)
    return late


@pytest.mark.parametrize("path", ["", "?status=received", "te-laat/", "nieuw/", "{s}/"])
def test_signal_pages_are_accessible(page: Page, live_server, people, signals, path):
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/meldingen/{path.format(s=signals.pk)}")
    assert_accessible(page)


def test_the_intake_form_with_errors_is_accessible(page: Page, live_server, people):
    sign_in_browser(page, live_server.url, people.partner)
    visit(page, f"{live_server.url}/meldingen/nieuw/")
    submit_main_form(page)
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    assert_accessible(page)


def test_the_intake_confirmation_is_accessible(page: Page, live_server, people):
    sign_in_browser(page, live_server.url, membership_for(people, "intake"))
    visit(page, f"{live_server.url}/meldingen/nieuw/")
    form = page.locator("main form")
    form.locator("#id_municipality").select_option(str(people.wijkstad.pk))
    form.locator("#id_channel").select_option("phone")
    form.locator("#id_description").fill("Toont op school filmpjes die geweld verheerlijken.")
    form.locator("#id_concern_type").select_option("unclear")
    form.locator("#id_reporter_type").select_option("citizen")
    form.locator("#id_police_informed_1").check()  # "No, not yet"
    form.locator("#id_given_names").fill("Sara")
    form.locator("#id_surname").fill("Testpersoon")
    submit_main_form(page)
    expect(page.locator("h1")).to_be_visible()
    assert page.url.endswith("/meldingen/ontvangen/")
    assert_accessible(page)


def test_a_conflict_page_is_accessible(page: Page, live_server, people, signals):
    sign_in_browser(page, live_server.url, people.lead)
    visit(page, f"{live_server.url}/meldingen/{signals.pk}/")
    # Someone else moves the signal while the page is open.
    signal_transition(
        actor=people.actor(people.lead),
        user=people.lead.user,
        signal=signals,
        to="verifying",
        reason="elders",
        version=1,
    )
    page.locator("#id_transition-to").select_option("awaiting_weighing")
    page.locator("#id_transition-reason").fill("geverifieerd")
    page.locator("form[action$='/status/'] button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    assert_accessible(page)
