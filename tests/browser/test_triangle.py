"""The triangle and the mayor in the browser (issue 14 point 4): the mayor's office sees the
alert after a case departs, puts a weighing session's escalation on the triangle's agenda
from the dashboard, and records the triangle's decision; every page passes axe."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.services import case_change_situation
from cases.tests.test_cases import open_case
from meetings.models import TriangleDecision
from meetings.tests import builders
from meetings.triangle import triangle_create
from persons.models import Subject
from tests.browser.support import act_as, assert_accessible, membership_for, visit
from tests.personas import World


def test_the_mayors_office_is_alerted_and_decides_in_the_triangle(
    page: Page, live_server, people: World
):
    url = live_server.url
    mayor = membership_for(people, Role.MAYOR_OFFICE)
    om = builders.prosecution(people)
    session = builders.plan(people, people.gemeente_wijkstad, people.police, om, days=1)
    signal = builders.new_signal(people, surname="Escalatie")
    builders.built(people, session)
    builders.decide(
        people,
        session,
        signal,
        outcome="escalate_to_triangle",
        review_on=builders.session_time(30).date(),
        outcome_note="Naar de driehoek.",
    )
    triangle = triangle_create(
        actor=people.actor(mayor),
        municipality=people.wijkstad,
        held_at=builders.session_time(10),
        chair=mayor.user,
        organisations=[people.gemeente_wijkstad, people.police, om],
    )
    case = open_case(people)
    Subject.objects.filter(pk=case.subject_id).update(birth_year=date.today().year - 16)
    case_change_situation(
        actor=people.actor(people.lead),
        user=people.lead.user,
        case=case,
        to="departed",
        reason="Bericht van de politie.",
        version=case.version,
    )

    # The alert: in the messages, urgent (a minor), without a name or a case link.
    act_as(page, url, mayor)
    visit(page, f"{url}/berichten/")
    expect(page.locator("main .schakel-urgent")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text(case.subject.surname)
    expect(page.locator("main a[href^='/casussen/']")).to_have_count(0)
    assert_accessible(page)

    # The dashboard: the weighing session's escalation, put on the triangle's agenda.
    visit(page, f"{url}/burgemeester/")
    expect(page.locator("#triangle-escalations tbody tr")).to_have_count(1)
    expect(page.locator("main a[href^='/meldingen/']")).to_have_count(0)
    assert_accessible(page)
    page.locator("#triangle-escalations button[type=submit]").click()
    expect(page).to_have_url(f"{url}/overleggen/driehoek/{triangle.pk}/")
    expect(page.locator("#triangle-agenda tbody tr")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Escalatie")
    assert_accessible(page)

    # The decision.
    page.locator("#triangle-agenda tbody a").first.click()
    assert_accessible(page)
    page.locator("input[name=kind][value=mayor_measure]").check()
    page.locator("textarea[name=text]").fill("De burgemeester legt een paspoortmaatregel op.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{url}/overleggen/driehoek/{triangle.pk}/")
    assert TriangleDecision.objects.get().kind == "mayor_measure"

    # Answered: it leaves the dashboard.
    visit(page, f"{url}/burgemeester/")
    expect(page.locator("#triangle-escalations")).to_have_count(0)
