"""The mayor's dashboard (issue 7, point 8): what awaits the mayor, without names.

The mayor's office sees counts, conference dates, measure types and due dates; the lead also
sees the numbers of the cases they may open, and each number shown is logged as a read of
its subject. Everyone else gets 404, anonymous visitors the login page.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Case, ConferenceDecision
from cases.tests.test_cases import open_case
from cases.workflow import CaseStatus
from conferences import services as conference_services
from conferences.tests.test_conferences import conference, item_of
from measures.models import Intervention, MeasureType
from measures.services import catalogue_load
from measures.tests.helpers import propose
from meetings.models import Meeting
from persons.models import Subject
from reports.aggregates import council_aggregates
from reports.suppression import SHOWN, SMALL, min_cell_threshold, suppress_aggregates
from reports.views_mayor import LOG_NAME, running_quarter
from support.models import PressLead, PressLine
from support.press import PressInput, press_line_draw_up
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World, sign_in

URL = "/burgemeester/"


@pytest.fixture
def mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Bea Burgemeester")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )
    return membership


def english(client: Client, membership: Membership) -> Client:
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def directed_case(world: World) -> Case:
    return open_case(world, process_director=world.process_director.user)


def decide(world: World, meeting: Meeting, case: Case, kind: str) -> ConferenceDecision:
    return conference_services.decision_record(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        meeting=meeting,
        item=item_of(meeting, case),
        case=case,
        kind=kind,
        text="Besproken.",
    )


def escalate(world: World, case: Case, *, days: int = 7) -> Meeting:
    meeting = conference(world, days=days)
    decide(world, meeting, case, ConferenceDecision.Kind.ESCALATE)
    return meeting


def draft_press_line(world: World, case: Case) -> PressLine:
    return press_line_draw_up(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        data=PressInput(
            lead=PressLead.MUNICIPALITY,
            core_messages="De gemeente is alert en werkt samen met partners.",
            valid_until=timezone.localdate() + timedelta(days=30),
        ),
    )


def passport_measure() -> MeasureType:
    catalogue_load()
    measure = MeasureType.objects.get(code="passport-invalidation")
    assert measure.mayor_decides
    return measure


def something_to_act_on(world: World) -> Case:
    """One case with an escalation, a draft press line and a measure awaiting the mayor."""
    case = directed_case(world)
    escalate(world, case)
    draft_press_line(world, case)
    propose(world, case, passport_measure())
    return case


def dashboard_records() -> list[ProcessingRecord]:
    return list(ProcessingRecord.objects.filter(name__startswith=LOG_NAME))


def case_numbers_in(html: str) -> set[str]:
    return set(re.findall(r"Case (\d+)", html))


# --- Who gets in. --------------------------------------------------------------------------


def test_the_mayors_office_and_the_lead_open_the_dashboard(
    client: Client, world: World, mayor: Membership
):
    for membership in (mayor, world.lead):
        response = english(client, membership).get(URL)
        assert response.status_code == 200
        assert "Mayor's dashboard: Testwijkstad" in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["partner", "outsider", "process_director", "privacy_officer", "admin"]
)
def test_other_roles_get_404(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(URL).status_code == 404


def test_the_intake_desk_gets_404(client: Client, world: World):
    intake = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.INTAKE)
    sign_in(client, intake)
    assert client.get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client: Client, world: World):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_the_navigation_links_the_dashboard_for_the_mayors_office_only(
    client: Client, world: World, mayor: Membership
):
    assert f'href="{URL}"' in english(client, mayor).get("/").content.decode()
    client.logout()
    assert f'href="{URL}"' not in english(client, world.lead).get("/").content.decode()


def test_the_mayors_office_of_another_municipality_sees_its_own_dashboard(
    client: Client, world: World
):
    something_to_act_on(world)
    polderveen = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE
    )
    html = english(client, polderveen).get(URL).content.decode()
    assert "Testpolderveen" in html
    assert "0 cases await the local triangle." in html
    assert "0 press lines await agreement" in html
    assert "0 measures ask for a decision of the mayor." in html


# --- What the mayor's office sees: counts and dates, never a name or a case number. -----------


def test_the_mayors_office_sees_counts_and_conference_dates_but_no_case_or_name(
    client: Client, world: World, mayor: Membership
):
    case = something_to_act_on(world)
    meeting = Meeting.objects.get()
    subject = case.subject
    english(client, mayor)
    before = ProcessingRecord.objects.order_by("-pk").values_list("pk", flat=True).first()

    response = client.get(URL)

    html = response.content.decode()
    assert "1 case awaits the local triangle." in html
    held_on = timezone.localdate(meeting.held_at)
    assert f"{held_on:%d-%m-%Y}" in html  # dd-mm-jjjj, as every table shows a date
    assert "1 press line awaits agreement in the local triangle." in html
    assert "1 measure asks for a decision of the mayor." in html
    dashboard = response.context["dashboard"]
    passport = MeasureType.objects.get(code="passport-invalidation")
    assert [(row.name, row.awaiting, row.ending) for row in dashboard.measure_types] == [
        (passport.name, 1, 0)
    ]
    assert case_numbers_in(html) == set()
    assert "/casussen/" not in html
    assert subject.surname not in html
    assert subject.given_names not in html
    assert not dashboard.shown_cases
    # Counts only: nothing personal was read, so nothing was logged about a subject.
    assert dashboard_records() == []
    assert not ProcessingRecord.objects.filter(pk__gt=before).exclude(subject_pseudonym="")


def test_the_lead_sees_the_case_numbers_and_each_is_logged_as_a_read_of_its_subject(
    client: Client, world: World
):
    case = something_to_act_on(world)
    intervention = Intervention.objects.get()
    line = PressLine.objects.get()

    html = english(client, world.lead).get(URL).content.decode()

    assert case_numbers_in(html) == {str(case.pk)}
    assert f'href="{reverse("cases:detail", args=[case.pk])}"' in html
    measure_url = reverse("measures:detail", args=[case.pk, intervention.pk])
    assert f'href="{measure_url}"' in html
    press_url = reverse("support:press_detail", kwargs={"case_id": case.pk, "line_id": line.pk})
    assert f'href="{press_url}"' in html
    assert case.subject.surname not in html
    records = dashboard_records()
    assert [r.subject_pseudonym for r in records] == [pseudonymise(f"subject:{case.subject_id}")]
    assert records[0].name == LOG_NAME
    assert records[0].actor_id == world.lead.user_id


def test_a_lead_sees_no_number_of_a_case_someone_else_directs(client: Client, world: World):
    something_to_act_on(world)
    colleague = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.LEAD)

    html = english(client, colleague).get(URL).content.decode()

    assert "1 case awaits the local triangle." in html
    assert "1 measure asks for a decision of the mayor." in html
    assert case_numbers_in(html) == set()
    assert dashboard_records() == []


# --- Which escalations await the triangle. ---------------------------------------------------


def test_an_escalation_answered_at_a_later_conference_no_longer_awaits(
    client: Client, world: World, mayor: Membership
):
    answered = directed_case(world)
    waiting = directed_case(world)
    first = conference(world, days=7)
    decide(world, first, answered, ConferenceDecision.Kind.ESCALATE)
    decide(world, first, waiting, ConferenceDecision.Kind.ESCALATE)
    # A second decision at the same conference does not answer the escalation.
    decide(world, first, waiting, ConferenceDecision.Kind.REVIEW)
    Case.objects.filter(pk=answered.pk).update(review_on=timezone.localdate())
    later = conference(world, days=14)
    decide(world, later, answered, ConferenceDecision.Kind.CONTINUE)

    dashboard = english(client, mayor).get(URL).context["dashboard"]

    assert dashboard.escalation_count == 1
    assert [(g.held_on, g.count) for g in dashboard.escalations] == [
        (timezone.localdate(first.held_at), 1)
    ]


def test_an_escalation_of_a_closed_case_no_longer_awaits(
    client: Client, world: World, mayor: Membership
):
    case = directed_case(world)
    escalate(world, case)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")

    dashboard = english(client, mayor).get(URL).context["dashboard"]

    assert dashboard.escalation_count == 0
    assert dashboard.escalations == []


def test_escalations_are_grouped_per_conference_with_its_date(
    client: Client, world: World, mayor: Membership
):
    first, second, third = directed_case(world), directed_case(world), directed_case(world)
    meeting = conference(world, days=7)
    for case in (first, second, third):
        decide(world, meeting, case, ConferenceDecision.Kind.ESCALATE)

    response = english(client, mayor).get(URL)

    dashboard = response.context["dashboard"]
    assert dashboard.escalation_count == 3
    assert [(g.count, g.cases) for g in dashboard.escalations] == [(3, [])]
    assert "3 cases await the local triangle." in response.content.decode()


# --- The figures. ----------------------------------------------------------------------------


def test_the_figures_are_the_council_reports_suppressed_figures_of_the_running_quarter(
    client: Client, world: World, mayor: Membership
):
    for number in range(3):
        subject = Subject.objects.create(
            municipality=world.wijkstad, given_names="Sam", surname=f"Klein{number}"
        )
        Case.objects.create(subject=subject, municipality=world.wijkstad, lead=world.lead.user)

    response = english(client, mayor).get(URL)

    published = response.context["published"]
    quarter = running_quarter(timezone.localdate())
    expected = suppress_aggregates(
        council_aggregates([world.wijkstad.pk], quarter.start, quarter.end),
        min_cell_threshold(),
    )
    assert published.to_json() == expected.to_json()
    assert (published.current.start, published.current.end) == (quarter.start, quarter.end)
    # The three cases are a small number: shown as "< 10", never as 3.
    situation = published.current.table("cases_by_situation")
    concern = next(cell for cell in situation.cells if cell.key == "concern")
    assert concern.state == SMALL
    assert concern.value is None
    assert situation.total.state != SHOWN
    html = response.content.decode()
    assert "&lt; 10" in html
    assert not re.search(r"<td[^>]*>\s*3\s*</td>", html)
