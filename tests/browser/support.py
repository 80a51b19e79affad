"""Helpers shared by the browser tests (fixtures live in conftest.py)."""

from __future__ import annotations

import re
from base64 import b32decode, b32encode
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from accounts.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in

CSP_MARKER = "Content Security Policy"
PASSWORD = "correct horse battery"  # what tests.factories.UserFactory sets

# The live server runs in another thread, so the database must really commit.
BROWSER_TEST = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_axe = Axe()


class CspWatch:
    """Collects the console messages in which Chromium reports a CSP violation."""

    def __init__(self) -> None:
        self.violations: list[str] = []

    def __call__(self, message: ConsoleMessage) -> None:
        if CSP_MARKER in message.text:
            where = message.page.url if message.page else message.location.get("url", "?")
            self.violations.append(f"{where}: {message.text}")

    def assert_none(self) -> None:
        assert not self.violations, "Content-Security-Policy violations:\n" + "\n".join(
            self.violations
        )


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The violations axe-core finds on the page (WCAG 2.1 AA and best practices), each with
    its rule ``id`` and the ``nodes`` it found; for tests that collect rather than stop."""
    return list(_axe.run(page).response["violations"])


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation at all (WCAG 2.1 AA and best practices)."""
    results = _axe.run(page)
    if results.violations_count:
        print(results.generate_report())
    assert results.violations_count == 0, (
        f"axe found {results.violations_count} violation(s) on {page.url}; "
        "see the axe report under Captured stdout"
    )


def membership_for(world: World, role: str) -> Membership:
    """A current membership in ``role``; the roles the personas lack are added here."""
    existing = {
        Role.LEAD: world.lead,
        Role.PROCESS_DIRECTOR: world.process_director,
        Role.PARTNER: world.partner,
        Role.PRIVACY_OFFICER: world.privacy_officer,
        Role.ADMIN: world.admin,
    }
    if role in existing:
        return existing[Role(role)]
    user = UserFactory.create(email=f"{role}@test.schakel.example", full_name=f"Test {role}")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=role
    )
    return membership


def sign_in_browser(page: Page, live_server_url: str, membership: Membership) -> None:
    """Gives the browser a fully authenticated session.

    The login UI itself is driven in test_login.py; every other test starts signed in, the
    same way tests.personas.sign_in does for the test client.
    """
    client = Client()
    sign_in(client, membership)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server_url,
            }
        ]
    )


def code_for_secret(secret: str, *, steps_ahead: int = 0) -> str:
    """The TOTP code an authenticator app shows for the base32 key of the enrolment page."""
    key = b32decode(re.sub(r"\s", "", secret))
    return f"{totp(key, step=30, t0=0, digits=6, drift=steps_ahead):06d}"


def base32_key(device: TOTPDevice) -> str:
    """The device's key as an authenticator app receives it."""
    return b32encode(device.bin_key).decode()


def submit_main_form(page: Page) -> None:
    """Clicks the submit button of the page's own form (not the header's language switch)."""
    page.locator("main form button[type=submit]").click()


def expect_path(page: Page, path: str) -> None:
    expect(page).to_have_url(re.compile(rf"^https?://[^/]+{re.escape(path)}$"))


def visit(page: Page, url: str, *, status: int = 200) -> None:
    """Opens a page and checks its status and that its main landmark is there."""
    response = page.goto(url)
    assert response is not None
    assert response.status == status, f"{url} answered {response.status}, not {status}"
    expect(page.locator("main#inhoud")).to_be_visible()


def act_as(page: Page, url: str, membership: Membership) -> None:
    """Another person at the keyboard: the previous session is dropped first."""
    page.context.clear_cookies()
    sign_in_browser(page, url, membership)


def dutch(label: object) -> str:
    """A label or msgid as the Dutch interface shows it."""
    with translation.override("nl"):
        return translation.gettext(label) if isinstance(label, str) else str(label)


def posted(response: Response) -> bool:
    """Matches the response to a form's POST (for page.expect_response)."""
    return response.request.method == "POST"
