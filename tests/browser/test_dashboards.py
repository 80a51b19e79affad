"""The mayor's dashboard and the regional view (issue 7, points 8 and 9) in Chromium: axe-core
finds no violation, for the mayor's office (counts only), the lead (with case links) and the
region's process director (a column per municipality, suppressed figures)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Role
from cases.models import Case, ConferenceDecision
from cases.tests.test_cases import open_case
from conferences import services as conference_services
from conferences.tests.test_conferences import conference, item_of
from measures.models import MeasureType
from measures.services import catalogue_load
from measures.tests.helpers import propose
from persons.models import Subject
from support.models import PressLead
from support.press import PressInput, press_line_draw_up
from tests.browser.support import (
    BROWSER_TEST,
    act_as,
    assert_accessible,
    membership_for,
    visit,
)
from tests.factories import MembershipFactory
from tests.personas import World

pytestmark = BROWSER_TEST


def something_to_act_on(people: World) -> Case:
    """An escalated case with a draft press line and a measure awaiting the mayor, and a
    few more cases so that the figures hold small cells."""
    case = open_case(people, process_director=people.process_director.user)
    meeting = conference(people)
    conference_services.decision_record(
        actor=people.actor(people.process_director),
        user=people.process_director.user,
        meeting=meeting,
        item=item_of(meeting, case),
        case=case,
        kind=ConferenceDecision.Kind.ESCALATE,
        text="Naar de lokale driehoek.",
    )
    press_line_draw_up(
        actor=people.actor(people.lead),
        user=people.lead.user,
        case=case,
        data=PressInput(
            lead=PressLead.MUNICIPALITY,
            core_messages="De gemeente werkt samen met partners.",
            valid_until=timezone.localdate() + timedelta(days=30),
        ),
    )
    catalogue_load()
    propose(people, case, MeasureType.objects.get(code="passport-invalidation"))
    polderveen_lead = MembershipFactory.create(
        organisation=people.gemeente_polderveen, role=Role.LEAD
    )
    for number in range(11):
        subject = Subject.objects.create(
            municipality=people.polderveen, given_names="Sam", surname=f"Groot{number}"
        )
        Case.objects.create(
            subject=subject, municipality=people.polderveen, lead=polderveen_lead.user
        )
    return case


def test_the_dashboards_pass_axe_for_every_role_that_sees_them(
    page: Page, live_server, people: World
):
    url = live_server.url
    case = something_to_act_on(people)

    # The mayor's office: counts and conference dates, no case link.
    act_as(page, url, membership_for(people, Role.MAYOR_OFFICE))
    visit(page, f"{url}/")
    page.locator("nav a[href='/burgemeester/']").click()
    expect(page.locator("h1")).to_contain_text("Testwijkstad")
    expect(page.locator("#escalations tbody tr")).to_have_count(1)
    expect(page.locator("main a[href^='/casussen/']")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("< 10")
    assert_accessible(page)

    # The lead: the same page with the numbers of the cases they direct.
    act_as(page, url, people.lead)
    visit(page, f"{url}/burgemeester/")
    expect(page.locator(f"#escalations a[href='/casussen/{case.pk}/']")).to_have_count(1)
    expect(page.locator("#measure-links tbody tr")).to_have_count(1)
    expect(page.locator("#press-lines li")).to_have_count(1)
    assert_accessible(page)

    # The process director: a column per municipality and one for the region.
    act_as(page, url, people.process_director)
    visit(page, f"{url}/")
    page.locator("nav a[href='/regio/']").click()
    situation = page.locator("#cases_by_situation")
    expect(situation.locator("thead th")).to_have_count(4)
    expect(situation).to_contain_text("11")
    assert_accessible(page)
