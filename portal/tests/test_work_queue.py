"""The work queue on each role's start page (issue 13, point 1): counts that are links, each
taken on the actor's own scope. Every test plants objects just outside the scope (another
municipality, another region, a case whose team the partner is not on, a lapsed grant) and
checks that no count includes them. Dates are relative to the test clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone, translation

from access.refusal import refused
from accounts.models import Membership, MembershipStatus, Municipality, Role, User
from audit.models import ProcessingRecord
from cases.models import Action, BreakGlassAccess, Case, ConferenceDecision
from cases.services import team_remove
from cases.tests.test_cases import open_case
from conferences.tests.test_conferences import conference
from measures.models import MeasureType
from meetings.models import Meeting, MeetingKind
from persons.models import Subject
from portal.work_queue import (
    AdminQueue,
    LeadQueue,
    MayorQueue,
    PartnerQueue,
    PrivacyOfficerQueue,
    ProcessDirectorQueue,
    queue_for,
)
from reports.tests.builders import intervention, signal
from reports.tests.test_mayor_dashboard import decide
from signals.models import IntelligenceNotice, Signal
from signals.tests.builders import notice_signal
from tasks.models import Task, TaskSource
from tasks.services import task_assign
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory, totp_device
from tests.personas import World, sign_in


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def today() -> date:
    return timezone.localdate()


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def english(client: Client, membership: Membership) -> Client:
    sign_in(client, membership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def polderveen_lead(world: World) -> Membership:
    user = UserFactory.create(email="lead.polder@test.schakel.example", full_name="Paul Polder")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=world.gemeente_polderveen, role=Role.LEAD
    )
    return membership


def case_in(world: World, municipality: Municipality, *, lead: User, **fields: object) -> Case:
    subject = Subject.objects.create(
        municipality=municipality, given_names="Sam", surname="Buiten", birth_year=2000
    )
    return Case.objects.create(subject=subject, municipality=municipality, lead=lead, **fields)


def task(case: Case | None, owner: User, *, due_on: date, source_id: int) -> Task:
    return task_assign(
        source=TaskSource.REVIEW,
        source_id=source_id,
        case=case,
        owner=owner,
        title="Taak",
        url="/",
        due_on=due_on,
    )


def action(world: World, case: Case, owner: Membership, *, due_on: date) -> Action:
    return Action.objects.create(
        case=case,
        description="Huisbezoek",
        owner_organisation=owner.organisation,
        owner=owner.user,
        due_on=due_on,
        created_by=world.lead.user,
    )


def weighing(municipality: Municipality, chair: User, *, held_at: datetime) -> Meeting:
    return Meeting.objects.create(
        kind=MeetingKind.WEIGHING, municipality=municipality, held_at=held_at, chair=chair
    )


# --- The lead. -----------------------------------------------------------------------------


def test_the_lead_counts_only_their_municipality_and_the_cases_they_lead(world: World):
    other_lead = polderveen_lead(world)
    colleague = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.LEAD)
    day = today()
    # Signals: one overdue, one still within its deadline, one awaiting weighing; the same
    # three in Polderveen must not count.
    for municipality in (world.wijkstad, world.polderveen):
        signal(
            world, received=day - timedelta(days=10), status="received", municipality=municipality
        )
        signal(world, received=day, status="verifying", municipality=municipality)
        signal(world, received=day, status="awaiting_weighing", municipality=municipality)
    # Cases: two of the lead's own; a colleague's case in Wijkstad and one in Polderveen not.
    own = open_case(world)
    departed = case_in(world, world.wijkstad, lead=world.lead.user, situation="departed")
    case_in(world, world.wijkstad, lead=world.lead.user, status="closed", closure_reason="other")
    colleagues = case_in(world, world.wijkstad, lead=colleague.user)
    polder = case_in(world, world.polderveen, lead=other_lead.user)
    # Tasks: the lead's own overdue and due-soon tasks; one in a case they do not see.
    task(own, world.lead.user, due_on=day - timedelta(days=2), source_id=1)
    task(own, world.lead.user, due_on=day + timedelta(days=3), source_id=2)
    task(None, world.lead.user, due_on=day + timedelta(days=30), source_id=3)
    task(colleagues, world.lead.user, due_on=day - timedelta(days=2), source_id=4)
    # Others overdue in the led cases: the partner's, not the partner's in another case.
    task(own, world.partner.user, due_on=day - timedelta(days=1), source_id=5)
    task(colleagues, world.partner.user, due_on=day - timedelta(days=1), source_id=6)
    # Measures: one ends within the warning period; one later; one in a case not theirs.
    intervention(world, own, regime="administrative", start=day, end=day + timedelta(days=10))
    intervention(world, departed, regime="care", start=day, end=day + timedelta(days=120))
    intervention(world, polder, regime="administrative", start=day, end=day + timedelta(days=5))
    # Meetings: Polderveen's are sooner, but not the lead's to see.
    weighing(world.polderveen, other_lead.user, held_at=at(day + timedelta(days=1)))
    mine = weighing(world.wijkstad, world.lead.user, held_at=at(day + timedelta(days=4)))
    weighing(world.wijkstad, world.lead.user, held_at=at(day - timedelta(days=1)))

    queue = queue_for(world.actor(world.lead))

    assert isinstance(queue, LeadQueue)
    assert (queue.signals_to_verify, queue.signals_overdue) == (2, 1)
    assert queue.signals_awaiting_weighing == 1
    assert queue.cases_open == 2
    assert [(row.situation, row.count) for row in queue.cases_by_situation] == [
        ("concern", 1),
        ("departed", 1),
    ]
    assert (queue.tasks.overdue, queue.tasks.due_soon, queue.tasks.open) == (1, 1, 3)
    assert queue.others_overdue_in_led_cases == 1
    assert queue.measures_ending == 1
    assert queue.next_weighing is not None
    assert queue.next_weighing.url == f"/overleggen/{mine.pk}/"
    assert queue.next_conference is None
    # The lead approves no grants unless MEMBERSHIP_APPROVERS says so.
    assert queue.grants_awaiting_approval is None


def test_the_lead_page_shows_the_counts_as_links_with_overdue_in_words(
    client: Client, world: World
):
    day = today()
    signal(world, received=day - timedelta(days=10), status="received")
    signal(
        world, received=day - timedelta(days=10), status="received", municipality=world.polderveen
    )
    english(client, world.lead)
    page = client.get("/").content.decode()
    assert '<a class="utrecht-link" href="/meldingen/">1 signal to verify</a>' in page
    assert '<a class="utrecht-link" href="/meldingen/te-laat/"><strong>1 past its' in page
    assert 'href="/meldingen/?status=awaiting_weighing">0 signals awaiting weighing' in page
    assert "None planned" in page


def test_counts_on_the_start_page_are_not_logged_as_reads(client: Client, world: World):
    open_case(world)
    signal(world, received=today(), status="received")
    before = ProcessingRecord.objects.count()
    english(client, world.lead)
    client.get("/")
    assert not ProcessingRecord.objects.filter(pk__gt=before, operation="read").exists()


@override_settings(MEMBERSHIP_APPROVERS=["lead", "privacy_officer"])
def test_a_lead_who_approves_grants_sees_those_of_their_municipality_only(world: World):
    pending = {"role": Role.PARTNER, "status": MembershipStatus.PENDING, "decided_at": None}
    MembershipFactory.create(organisation=world.gemeente_wijkstad, **pending)
    MembershipFactory.create(organisation=world.gemeente_polderveen, **pending)
    queue = queue_for(world.actor(world.lead))
    assert isinstance(queue, LeadQueue)
    assert queue.grants_awaiting_approval == 1


# --- The partner. --------------------------------------------------------------------------


def test_the_partner_counts_only_cases_their_organisation_is_on(world: World):
    day = today()
    on_team = open_case(world)  # police on the team
    elsewhere = open_case(world, team=[world.wijkteam_polderveen])
    left = open_case(world)
    action(world, on_team, world.partner, due_on=day - timedelta(days=3))
    action(world, on_team, world.partner, due_on=day + timedelta(days=10))
    action(world, elsewhere, world.partner, due_on=day - timedelta(days=3))
    action(world, left, world.partner, due_on=day - timedelta(days=3))
    task(on_team, world.partner.user, due_on=day - timedelta(days=3), source_id=1)
    task(on_team, world.partner.user, due_on=day, source_id=2)
    task(elsewhere, world.partner.user, due_on=day - timedelta(days=3), source_id=3)
    task(left, world.partner.user, due_on=day - timedelta(days=3), source_id=4)
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=left,
        organisation=world.police,
        reason="Rol afgerond.",
        version=left.version,
    )
    # The police attend the later conference; the sooner one is without them.
    conference(world, world.gemeente_wijkstad, days=2)
    attended = conference(world, world.gemeente_wijkstad, world.police, days=9)

    queue = queue_for(world.actor(world.partner))

    assert isinstance(queue, PartnerQueue)
    assert queue.cases_open == 1
    assert (queue.actions.open, queue.actions.overdue) == (2, 1)
    assert (queue.tasks.overdue, queue.tasks.due_soon, queue.tasks.open) == (1, 1, 2)
    assert queue.next_conference is not None
    assert queue.next_conference.url == f"/casusoverleggen/{attended.pk}/"
    assert queue.next_weighing is None


def test_an_outsider_partner_sees_zero_everywhere(client: Client, world: World):
    case = open_case(world)
    action(world, case, world.partner, due_on=today() - timedelta(days=1))
    conference(world, days=3)
    english(client, world.outsider)
    page = client.get("/").content.decode()
    assert "0 open cases your organisation takes part in" in page
    assert "overdue" not in page
    queue = queue_for(world.actor(world.outsider))
    assert isinstance(queue, PartnerQueue)
    assert queue.next_conference is None


def test_the_partner_page_puts_overdue_first(client: Client, world: World):
    case = open_case(world)
    task(case, world.partner.user, due_on=today() - timedelta(days=4), source_id=1)
    english(client, world.partner)
    page = client.get("/").content.decode()
    assert '<a class="utrecht-link" href="/taken/"><strong>1 task overdue</strong></a>' in page
    assert page.index("1 task overdue") < page.index("tasks due in the next 7 days")


# --- The process director. -----------------------------------------------------------------


def test_the_process_director_sees_the_region_agenda_and_overdue_actions_of_their_cases(
    world: World,
):
    day = today()
    directed = open_case(world, process_director=world.process_director.user)
    not_directed = open_case(world)
    action(world, directed, world.partner, due_on=day - timedelta(days=1))
    action(world, directed, world.partner, due_on=day + timedelta(days=1))
    action(world, not_directed, world.partner, due_on=day - timedelta(days=1))
    first = conference(world, days=2)
    conference(world, days=20)
    Meeting.objects.filter(pk=first.pk).update(held_at=at(day + timedelta(days=2)))
    # Another region's conference, sooner, is not on this agenda.
    Meeting.objects.create(
        kind=MeetingKind.CASE_CONFERENCE,
        municipality=MunicipalityFactory.create(),
        held_at=at(day + timedelta(days=1)),
        chair=world.process_director.user,
    )

    queue = queue_for(world.actor(world.process_director))

    assert isinstance(queue, ProcessDirectorQueue)
    assert queue.upcoming_conference_count == 2
    assert queue.upcoming_conferences[0].url == f"/casusoverleggen/{first.pk}/"
    assert queue.upcoming_conferences[0].municipality == world.wijkstad.name
    assert (
        queue.upcoming_conferences[0].agenda_items
        == Meeting.objects.get(pk=first.pk).agenda_items.count()
    )
    assert queue.overdue_actions == 1
    assert queue.cases_open == 1


# --- The mayor's office. -------------------------------------------------------------------


def mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Bea Burgemeester")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )
    return membership


def test_the_mayors_office_counts_what_awaits_the_mayor_in_its_municipality(
    client: Client, world: World
):
    office = mayor(world)
    notice_signal(world)
    verified = notice_signal(world)
    IntelligenceNotice.objects.filter(signal=verified).update(verification_note="Gebeld.")
    polder = notice_signal(world)
    Signal.objects.filter(pk=polder.pk).update(municipality=world.polderveen)
    case = open_case(world, process_director=world.process_director.user)
    meeting = conference(world, days=1)
    decide(world, meeting, case, ConferenceDecision.Kind.ESCALATE)
    proposed = intervention(world, case, regime="administrative", start=None)
    MeasureType.objects.filter(pk=proposed.measure_type_id).update(mayor_decides=True)

    queue = queue_for(world.actor(office))

    assert isinstance(queue, MayorQueue)
    assert queue.notices_to_verify == 1
    assert queue.escalations == 1
    assert queue.measures_ending == 0
    assert queue.measures_awaiting_decision == 1
    page = english(client, office).get("/").content.decode()
    assert 'href="/meldingen/ambtsberichten/"><strong>1 intelligence notice to verify' in page
    assert "1 escalation awaiting the triangle" in page


def test_a_mayors_office_of_another_municipality_counts_none_of_it(world: World):
    notice_signal(world)
    case = open_case(world, process_director=world.process_director.user)
    decide(world, conference(world, days=1), case, ConferenceDecision.Kind.ESCALATE)
    office = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE
    )
    queue = queue_for(world.actor(office))
    assert isinstance(queue, MayorQueue)
    assert (queue.notices_to_verify, queue.escalations, queue.press_lines) == (0, 0, 0)


# --- The privacy officer. ------------------------------------------------------------------


def break_glass(world: World, case: Case, **fields: object) -> BreakGlassAccess:
    return BreakGlassAccess.objects.create(
        case=case,
        user=world.process_director.user,
        organisation=world.safety_house,
        reason="Acute dreiging",
        expires_at=timezone.now() + timedelta(hours=4),
        **fields,
    )


@override_settings(USAGE_REFUSALS_PER_DAY=2)
def test_the_privacy_officer_counts_reviews_and_requests_within_reach(client: Client, world: World):
    other_lead = polderveen_lead(world)
    wijkstad_case = open_case(world)
    break_glass(world, wijkstad_case)
    break_glass(world, wijkstad_case, reviewed_at=timezone.now(), review_finding="justified")
    break_glass(world, case_in(world, world.polderveen, lead=other_lead.user))
    pending = {"role": Role.PARTNER, "status": MembershipStatus.PENDING, "decided_at": None}
    MembershipFactory.create(organisation=world.gemeente_wijkstad, **pending)
    MembershipFactory.create(organisation=world.police, **pending)
    MembershipFactory.create(organisation=world.gemeente_polderveen, **pending)
    MembershipFactory.create(user=world.privacy_officer.user, organisation=world.police, **pending)
    for number in range(2):
        refused(world.actor(world.partner), object_type="case", object_id=number)
        refused(world.actor(world.outsider), object_type="case", object_id=number)

    queue = queue_for(world.actor(world.privacy_officer))

    assert isinstance(queue, PrivacyOfficerQueue)
    assert queue.grants_awaiting_approval == 2
    counts = {item.url: item.count for item in queue.reviews}
    assert counts == {"/privacy/noodtoegang/": 1, "/privacy/gebruik/": 1}
    page = english(client, world.privacy_officer).get("/").content.decode()
    assert "<strong>1 emergency access to review</strong>" in page
    assert "1 account marked on the usage page" in page
    assert "<strong>2 grants awaiting your approval</strong>" in page


# --- The administrator. --------------------------------------------------------------------


def test_the_administrator_sees_accounts_only(client: Client, world: World):
    day = today()
    without_before = queue_for(world.actor(world.admin))
    assert isinstance(without_before, AdminQueue)
    ending = {"organisation": world.police, "role": Role.PARTNER}
    MembershipFactory.create(valid_until=day + timedelta(days=10), **ending)
    MembershipFactory.create(valid_until=day + timedelta(days=40), **ending)
    MembershipFactory.create(
        valid_from=day - timedelta(days=30), valid_until=day - timedelta(days=1), **ending
    )
    MembershipFactory.create(
        valid_until=day + timedelta(days=10),
        status=MembershipStatus.PENDING,
        decided_at=None,
        **ending,
    )
    unconfirmed = UserFactory.create()
    device = totp_device(unconfirmed)
    device.confirmed = False
    device.save()
    totp_device(UserFactory.create())
    UserFactory.create(is_active=False)
    open_case(world)  # case data is no part of the administrator's queue

    queue = queue_for(world.actor(world.admin))

    assert isinstance(queue, AdminQueue)
    assert queue.memberships_ending == 1
    # Of the four new accounts, the one with an unconfirmed device and the four members
    # above (no device at all) lack a second factor; the confirmed and the inactive do not.
    assert queue.accounts_without_second_factor == (
        without_before.accounts_without_second_factor + 1 + 4
    )
    page = english(client, world.admin).get("/").content.decode()
    assert 'href="/beheer/gebruikers/">1 role ending within 30 days' in page


def test_the_intake_desk_has_no_queue(client: Client, world: World):
    intake = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.INTAKE)
    assert queue_for(world.actor(intake)) is None
    assert english(client, intake).get("/").status_code == 200


# --- The cost of a start page. -------------------------------------------------------------


def plant_work(world: World, number: int) -> None:
    """A case with a task, an action, a measure, a signal and meetings: a day's worth."""
    day = today()
    case = open_case(world, process_director=world.process_director.user)
    task(case, world.partner.user, due_on=day - timedelta(days=1), source_id=1000 + number)
    task(case, world.lead.user, due_on=day + timedelta(days=1), source_id=2000 + number)
    action(world, case, world.partner, due_on=day - timedelta(days=1))
    intervention(world, case, regime="administrative", start=day, end=day + timedelta(days=9))
    signal(world, received=day - timedelta(days=9), status="received")
    weighing(world.wijkstad, world.lead.user, held_at=at(day + timedelta(days=number + 1)))
    conference(world, days=number + 1)


def start_page_queries(client: Client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "persona", ["lead", "partner", "process_director", "privacy_officer", "admin"]
)
def test_a_start_page_costs_the_same_however_much_work_waits(world: World, persona: str):
    client = english(Client(), getattr(world, persona))
    plant_work(world, 1)
    start_page_queries(client)  # warm the session and the caches
    few = start_page_queries(client)
    for number in range(2, 6):
        plant_work(world, number)
    many = start_page_queries(client)
    assert many == few
    assert many <= 25


def test_the_mayors_start_page_costs_the_same_however_much_awaits(world: World):
    client = english(Client(), mayor(world))
    notice_signal(world)
    start_page_queries(client)
    few = start_page_queries(client)
    for _number in range(4):
        notice_signal(world)
        plant_work(world, _number)
    assert start_page_queries(client) == few
