"""Logging in through the real pages with a real TOTP code, axe on every step."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.browser.support import (
    BROWSER_TEST,
    PASSWORD,
    CspWatch,
    assert_accessible,
    base32_key,
    code_for_secret,
    expect_path,
    submit_main_form,
)
from tests.factories import totp_device
from tests.personas import World

pytestmark = BROWSER_TEST


def password_step(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    submit_main_form(page)


def test_first_login_links_the_app_and_the_next_login_asks_for_its_code(
    page: Page, live_server, people: World, csp_watch: CspWatch
):
    user = people.lead.user
    page.goto(f"{live_server.url}/inloggen/")
    assert_accessible(page)

    password_step(page, live_server.url, user.email)
    expect_path(page, "/inloggen/koppelen/")
    expect(page.locator("figure.schakel-qr svg")).to_be_visible()
    assert_accessible(page)

    secret = page.locator(".schakel-secret").inner_text()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert secret.replace(" ", "") == base32_key(device)
    page.locator("input[name=code]").fill(code_for_secret(secret))
    submit_main_form(page)

    expect_path(page, "/")
    expect(page.locator("main h1")).to_be_visible()
    device.refresh_from_db()
    assert device.confirmed
    csp_watch.assert_none()

    page.locator("header form[action='/uitloggen/'] button").click()
    expect_path(page, "/inloggen/")
    password_step(page, live_server.url, user.email)
    expect_path(page, "/inloggen/code/")
    assert_accessible(page)

    # A code is accepted once; the app's next code (one step ahead, within the tolerated
    # drift) lets the test log in again without waiting 30 seconds.
    page.locator("input[name=code]").fill(code_for_secret(secret, steps_ahead=1))
    submit_main_form(page)

    expect_path(page, "/")
    expect(page.locator("main h1")).to_be_visible()
    csp_watch.assert_none()


def test_a_user_with_a_linked_app_logs_in_with_the_code_of_the_moment(
    page: Page, live_server, people: World, csp_watch: CspWatch
):
    user = people.partner.user
    device = totp_device(user)

    password_step(page, live_server.url, user.email)
    expect_path(page, "/inloggen/code/")
    page.locator("input[name=code]").fill(code_for_secret(base32_key(device)))
    submit_main_form(page)

    expect_path(page, "/")
    expect(page.locator(".schakel-header__who")).to_contain_text(user.full_name)
    csp_watch.assert_none()


def test_a_wrong_code_keeps_the_user_on_the_code_page_with_an_accessible_error(
    page: Page, live_server, people: World
):
    user = people.partner.user
    totp_device(user)

    password_step(page, live_server.url, user.email)
    page.locator("input[name=code]").fill("000000")
    submit_main_form(page)

    expect_path(page, "/inloggen/code/")
    expect(page.locator("input[name=code]")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
