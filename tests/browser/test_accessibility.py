"""axe-core finds no violation on the pages of Schakel (the login steps: test_login.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from playwright.sync_api import Page, expect

from access.refusal import refused
from accounts.models import HoldReason, Role
from accounts.services import account_hold_create
from administration.services import membership_create
from tests.browser.support import (
    BROWSER_TEST,
    assert_accessible,
    membership_for,
    sign_in_browser,
    visit,
)
from tests.factories import UserFactory
from tests.personas import World

pytestmark = BROWSER_TEST


@pytest.mark.parametrize("role", list(Role))
def test_start_page_of_every_role_is_accessible(page: Page, live_server, people: World, role: Role):
    membership = membership_for(people, role)
    sign_in_browser(page, live_server.url, membership)
    visit(page, f"{live_server.url}/")
    # The header names the role the page was built for, so this is that role's start page.
    expect(page.locator(".schakel-header__who")).to_contain_text(membership.get_role_display())
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.LEAD, "/account/"),
        (Role.LEAD, "/account/wachtwoord/"),
        (Role.LEAD, "/meldingen/al-bekend/"),
        (Role.LEAD, "/meldingen/ambtsberichten/"),
        (Role.MAYOR_OFFICE, "/meldingen/ambtsberichten/"),
        (Role.LEAD, "/berichten/"),
        (Role.LEAD, "/casussen/"),
        (Role.LEAD, "/api/v1/docs"),
        (Role.ADMIN, "/beheer/"),
        (Role.ADMIN, "/beheer/regio/"),
        (Role.ADMIN, "/beheer/gemeenten/"),
        (Role.ADMIN, "/beheer/gemeenten/nieuw/"),
        (Role.ADMIN, "/beheer/organisaties/"),
        (Role.ADMIN, "/beheer/organisaties/nieuw/"),
        (Role.ADMIN, "/beheer/gebruikers/"),
        (Role.ADMIN, "/beheer/gebruikers/nieuw/"),
        (Role.PRIVACY_OFFICER, "/privacy/logboek/"),
        (Role.PRIVACY_OFFICER, "/privacy/register/"),
        (Role.PRIVACY_OFFICER, "/privacy/gebruik/"),
        (Role.PRIVACY_OFFICER, "/privacy/toekenningen/"),
        (Role.PRIVACY_OFFICER, "/beheer/goedkeuringen/"),
    ],
)
def test_signed_in_page_is_accessible(
    page: Page, live_server, people: World, role: Role, path: str
):
    sign_in_browser(page, live_server.url, membership_for(people, role))
    visit(page, f"{live_server.url}{path}")
    assert_accessible(page)


def test_usage_page_with_marked_accounts_is_accessible(page: Page, live_server, people: World):
    partner = people.actor(people.partner)
    for number in range(12):
        refused(partner, object_type="case", object_id=number)
    sign_in_browser(page, live_server.url, membership_for(people, Role.PRIVACY_OFFICER))
    visit(page, f"{live_server.url}/privacy/gebruik/?days=30&all_rows=on")
    expect(page.locator("main table")).to_contain_text(people.partner.user.full_name)
    assert_accessible(page)


def test_approvals_with_a_grant_and_a_changed_login_are_accessible(
    page: Page, live_server, people: World
):
    newcomer = UserFactory.create(email="nieuw@test.schakel.example", full_name="Nina Nieuw")
    membership_create(
        actor=people.actor(people.admin),
        user=newcomer,
        organisation=people.police,
        role=Role.PARTNER,
        valid_from=timezone.localdate(),
        valid_until=None,
    )
    hold = account_hold_create(
        user=people.partner.user, reason=HoldReason.PASSWORD_SET, held_by_id=people.admin.user_id
    )
    assert hold is not None
    sign_in_browser(page, live_server.url, membership_for(people, Role.PRIVACY_OFFICER))
    visit(page, f"{live_server.url}/beheer/goedkeuringen/")
    expect(page.locator("main")).to_contain_text("Nina Nieuw")
    assert_accessible(page)
    visit(page, f"{live_server.url}/beheer/goedkeuringen/aanmelding/{hold.pk}/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.PRIVACY_OFFICER, "/privacy/toekenningen/"),
        (Role.ADMIN, "/beheer/gebruikers/"),
        (Role.LEAD, "/taken/"),
    ],
)
def test_a_wide_table_on_a_phone_is_a_focusable_region(
    page: Page, live_server, people: World, role: Role, path: str
):
    """A table wider than the phone scrolls inside its region, which the keyboard can reach
    (static/js/tables.js); the page itself does not scroll sideways."""
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_browser(page, live_server.url, membership_for(people, role))
    visit(page, f"{live_server.url}{path}")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    for wrap in page.locator(".schakel-table-wrap").all():
        if wrap.evaluate("w => w.scrollWidth > w.clientWidth + 1"):
            expect(wrap).to_have_attribute("tabindex", "0")
            expect(wrap).to_have_attribute("role", "region")
    assert_accessible(page)


def test_accessibility_statement_is_accessible_without_logging_in(page: Page, live_server):
    visit(page, f"{live_server.url}/toegankelijkheid/")
    assert_accessible(page)


def test_not_found_page_is_accessible(page: Page, live_server, people: World):
    sign_in_browser(page, live_server.url, membership_for(people, Role.LEAD))
    visit(page, f"{live_server.url}/bestaat-niet/", status=404)
    assert_accessible(page)


@pytest.mark.parametrize("template", ["400.html", "403.html", "403_csrf.html", "500.html"])
def test_error_page_template_is_accessible(page: Page, live_server, template: str):
    # These pages are hard to provoke from a browser; rendered as the handlers render them
    # and loaded on the live server's origin, so their /static/ stylesheets resolve.
    html = render_to_string(template, {"status": int(template[:3])})
    page.goto(f"{live_server.url}/toegankelijkheid/")
    page.set_content(html)
    expect(page.locator("main#inhoud h1")).to_be_visible()
    # schakel.css is applied (it moves the skip link off screen), so axe judges the real look.
    expect(page.locator("a.schakel-skip-link")).not_to_be_in_viewport()
    assert_accessible(page)


def test_login_page_in_demo_mode_with_its_banner_and_account_list_is_accessible(
    page: Page, live_server, people: World, settings
):
    settings.DEMO_MODE = True
    demo_user = people.lead.user
    demo_user.is_demo = True
    demo_user.save(update_fields=["is_demo"])
    visit(page, f"{live_server.url}/inloggen/")
    expect(page.locator(".schakel-demo-banner")).to_be_visible()
    expect(page.locator("main")).to_contain_text(demo_user.email)
    assert_accessible(page)


def test_user_detail_page_with_roles_is_accessible(page: Page, live_server, people: World):
    sign_in_browser(page, live_server.url, membership_for(people, Role.ADMIN))
    visit(page, f"{live_server.url}/beheer/gebruikers/{people.partner.user_id}/")
    assert_accessible(page)


def test_form_with_errors_is_accessible(page: Page, live_server, people: World):
    sign_in_browser(page, live_server.url, membership_for(people, Role.ADMIN))
    visit(page, f"{live_server.url}/beheer/organisaties/nieuw/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    assert_accessible(page)


def test_a_case_page_is_accessible(page: Page, live_server, people: World):
    from cases.services import case_open
    from persons.models import Subject

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
    sign_in_browser(page, live_server.url, membership_for(people, Role.LEAD))
    visit(page, f"{live_server.url}/casussen/{case.pk}/")
    assert_accessible(page)


def test_the_press_line_pages_of_the_municipality_are_accessible(
    page: Page, live_server, people: World
):
    """The municipality's press lines (list, form, a refused agreement, a line) for the
    mayor's office, and a case's press line as the mayor's office reads it."""
    from cases.services import case_open
    from persons.models import Subject
    from support.tests.builders import municipal_press_line, press_line

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
    case_line = press_line(people, case)
    own_line = municipal_press_line(people)
    sign_in_browser(page, live_server.url, membership_for(people, Role.MAYOR_OFFICE))
    for path in (
        "/perslijnen/",
        "/perslijnen/nieuw/",
        f"/perslijnen/{own_line.pk}/",
        f"/perslijnen/{own_line.pk}/wijzigen/",
        f"/casussen/{case.pk}/ondersteuning/woordvoering/",
        f"/casussen/{case.pk}/ondersteuning/woordvoering/{case_line.pk}/",
    ):
        visit(page, f"{live_server.url}{path}")
        assert_accessible(page)
    visit(page, f"{live_server.url}/perslijnen/nieuw/")
    page.locator("#id_core_messages").fill("Drie jongeren zijn aangehouden.")
    page.locator("#id_agreed_by").fill("Driehoek")
    page.locator("#id_agreed_on").fill(timezone.localdate().isoformat())
    page.locator("#id_valid_until").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".utrecht-alert--error")).to_be_visible()
    assert_accessible(page)
