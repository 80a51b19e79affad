"""The journey of acceptance point 13 of issue 4, through the real pages in Chromium.

A weighing session includes a boy; the include hook opens his case. The lead adds the
school to the team; at the first case conference the process director, as chair, records
minutes, a decision and actions and agrees the plan of approach; the police partner reports
its action done. The lead sets the review date, so the case is back at the second
conference, where a second plan version is agreed and the school leaves the team. From that
moment the school's mentor is refused everything of the case. axe-core finds no violation on
any page on the way.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from access.actor import actor_for_membership
from accounts.models import Membership, Organisation, Role
from cases.models import (
    Action,
    ActionStatus,
    Case,
    CaseEntry,
    CaseEvent,
    ConferenceDecision,
    Goal,
    InformationCategory,
    PlanVersion,
)
from conferences.agenda import REASON_NEW, REASON_REVIEW
from meetings.models import Meeting, MeetingKind
from meetings.services import agenda_build, meeting_create
from meetings.weighing import CRITERIA, Alternative, Answer, CriterionAnswer, Outcome, WeighingInput
from persons.models import Subject
from signals.models import Signal
from signals.services import signal_register, signal_transition
from signals.weighing import weighing_decide
from signals.workflow import Status
from tasks.models import Task, TaskSource, TaskStatus
from tests.browser.support import (
    BROWSER_TEST,
    CspWatch,
    act_as,
    assert_accessible,
    dutch,
    expect_path,
    posted,
    sign_in_browser,
    visit,
)
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World

pytestmark = BROWSER_TEST

GIVEN_NAMES = "Ilias"
SURNAME = "Verbrugge"
FULL_NAME = f"{GIVEN_NAMES} {SURNAME}"


# --- Helpers. ---


def submit(page: Page, form_action: str) -> None:
    """Submits the page's form that posts to a URL ending in ``form_action``."""
    page.locator(f"main form[action$='{form_action}'] button[type=submit]").click()


def submit_main(page: Page) -> None:
    page.locator("main form[method=post] button[type=submit]").click()


def submit_expecting(page: Page, form_action: str, status: int) -> None:
    """Submits a form and checks the status of the page it answers with (no redirect)."""
    # Wait for the answering page itself, not only its response: what is checked next must
    # be the new page (under load, the old one is still in place for a moment).
    with page.expect_navigation(), page.expect_response(posted) as answer:
        submit(page, form_action)
    assert answer.value.status == status, f"{answer.value.url} answered {answer.value.status}"
    expect(page.locator("main#inhoud")).to_be_visible()


def at_ten(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def as_input(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- The people and the start: a weighing decision "include". ---


def prosecution(people: World) -> Organisation:
    return Organisation.objects.get_or_create(
        name="OM Testland", kind=Organisation.Kind.PROSECUTION, region=people.region
    )[0]


def school_mentor(people: World) -> Membership:
    school = Organisation.objects.create(
        name="Testcollege Wijkstad",
        kind=Organisation.Kind.SCHOOL,
        region=people.region,
        municipality=people.wijkstad,
    )
    user = UserFactory.create(email="mentor@test.schakel.example", full_name="Mira Mentor")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=school, role=Role.PARTNER
    )
    return membership


def second_lead(people: World) -> Membership:
    user = UserFactory.create(email="lead2@test.schakel.example", full_name="Lars Lead")
    membership: Membership = MembershipFactory.create(
        user=user, organisation=people.gemeente_wijkstad, role=Role.LEAD
    )
    return membership


def session_includes_him(people: World) -> Signal:
    """Signal and weighing session through the services (the journey of issue 3 drives
    their pages); the decision "include" opens the case through cases/opening.py."""
    actor = actor_for_membership(people.lead)
    lead = people.lead.user
    born = timezone.localdate() - timedelta(days=round(16.5 * 365.25))
    subject = Subject.objects.create(
        municipality=people.wijkstad,
        given_names=GIVEN_NAMES,
        surname=SURNAME,
        birth_year=born.year,
        birth_month=born.month,
        birth_day=born.day,
        created_by=lead,
    )
    signal = signal_register(
        actor=actor,
        user=lead,
        municipality=people.wijkstad,
        received_at=timezone.now() - timedelta(days=3),
        channel="email",
        reporter_type="professional",
        description="De mentor ziet dat hij in de klas geweld verheerlijkt en zich terugtrekt.",
        concern_type="unclear",
        subject=subject,
    )
    signal = signal_transition(
        actor=actor,
        user=lead,
        signal=signal,
        to=Status.AWAITING_WEIGHING,
        reason="Identiteit bevestigd bij de school.",
        version=signal.version,
    )
    session = meeting_create(
        actor=actor,
        municipality=people.wijkstad,
        held_at=timezone.now().replace(second=0, microsecond=0),
        chair=lead,
        organisations=[people.gemeente_wijkstad, people.police, prosecution(people)],
    )
    agenda_build(session, actor=actor)
    answers = {"extremist_contacts": Answer.NOT_MET, "travel_or_violence": Answer.UNKNOWN}
    weighing_decide(
        actor=actor,
        user=lead,
        meeting=session,
        signal=signal,
        data=WeighingInput(
            criteria=tuple(
                CriterionAnswer(
                    code=code,
                    answer=answers.get(code, Answer.MET),
                    evidence="" if code == "travel_or_violence" else "Gezien door de mentor.",
                    source="" if code == "travel_or_violence" else "school",
                )
                for code, _label in CRITERIA
            ),
            alternatives=(Alternative.IDENTITY.value,),
            proportionality="Een vrijwillig traject past bij de ernst van de signalen.",
            subsidiarity="Reguliere zorg alleen mist de samenhang.",
            reasoning="Zorgen over gedrag en verandering zijn concreet. Opnemen.",
            outcome=Outcome.INCLUDE.value,
        ),
        version=signal.version,
    )
    return signal


# --- The lead takes the new case. ---


def lead_finds_the_new_case(page: Page, url: str, people: World, school: Organisation) -> Case:
    act_as(page, url, people.lead)
    visit(page, f"{url}/casussen/")
    assert_accessible(page)
    row = page.locator("main table tbody tr").filter(has_text=FULL_NAME)
    expect(row).to_have_count(1)
    case = Case.objects.get(subject__surname=SURNAME)
    row.get_by_role("link").click()

    expect_path(page, f"/casussen/{case.pk}/")
    main = page.locator("main")
    expect(main.locator("h1")).to_contain_text(FULL_NAME)
    team = main.locator("section[aria-labelledby=team-heading]")
    # The organisations of the weighing session, not the municipality itself.
    expect(team).to_contain_text(people.police.name)
    expect(team).to_contain_text(prosecution(people).name)
    expect(team).not_to_contain_text(people.gemeente_wijkstad.name)
    assert_accessible(page)

    page.locator(f"main a[href='/casussen/{case.pk}/wijzigen/']").click()
    expect_path(page, f"/casussen/{case.pk}/wijzigen/")
    assert_accessible(page)
    page.locator("#id_team_add-organisation").select_option(str(school.pk))
    page.locator("#id_team_add-reason").fill(
        "De school ziet hem dagelijks en begeleidt hem bij zijn opleiding."
    )
    submit(page, "/team/toevoegen/")
    expect_path(page, f"/casussen/{case.pk}/")
    expect(team).to_contain_text(school.name)
    assert_accessible(page)
    return case


# --- Case conference 1, chaired by the process director. ---


def director_plans_conference(
    page: Page, url: str, people: World, school: Organisation, held_at: datetime
) -> int:
    act_as(page, url, people.process_director)
    visit(page, f"{url}/casusoverleggen/")
    assert_accessible(page)
    page.locator("main a[href='/casusoverleggen/nieuw/']").click()
    expect_path(page, "/casusoverleggen/nieuw/")
    assert_accessible(page)
    form = page.locator("main form")
    # The director plans for the whole region: the municipality is chosen.
    form.locator("#id_municipality").select_option(str(people.wijkstad.pk))
    form.locator("#id_held_at").fill(as_input(held_at))
    expect(form.locator("#id_chair")).to_have_value(str(people.process_director.user_id))
    organisations = form.locator("fieldset").filter(has=page.locator("[name=organisations]"))
    for organisation in (people.gemeente_wijkstad, school):
        organisations.get_by_label(organisation.name, exact=True).check()
    persons = form.locator("fieldset").filter(has=page.locator("[name=people]"))
    persons.get_by_label(
        f"{people.partner.user.full_name} — {people.police.name}", exact=True
    ).check()
    submit_main(page)

    expect(page.locator("main h1")).to_be_visible()
    meeting_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect_path(page, f"/casusoverleggen/{meeting_id}/")
    assert_accessible(page)
    return meeting_id


def open_agenda_item(page: Page, meeting_id: int, reason: str) -> int:
    """From the conference page to the case's agenda item; returns the item's id."""
    row = page.locator("main table tbody tr").filter(has_text=FULL_NAME)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(dutch(reason))
    row.get_by_role("link").click()
    expect(page.locator("main h1")).to_contain_text(FULL_NAME)
    item_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect_path(page, f"/casusoverleggen/{meeting_id}/punten/{item_id}/")
    return item_id


def conference_one(
    page: Page,
    url: str,
    people: World,
    case: Case,
    meeting_id: int,
    school: Organisation,
    mentor: Membership,
) -> int:
    """The chair records the police's contribution, a decision, the plan and two actions."""
    item_id = open_agenda_item(page, meeting_id, REASON_NEW)
    item_url = f"/casusoverleggen/{meeting_id}/punten/{item_id}/"
    assert_accessible(page)
    main = page.locator("main")

    page.locator("#id_minutes-source_organisation").select_option(str(people.police.pk))
    page.locator("#id_minutes-category").select_option(InformationCategory.GENERAL.value)
    page.locator("#id_minutes-text").fill(
        "Politie: geen bekende contacten met netwerken; de wijkagent kent het gezin."
    )
    submit(page, f"{item_url}verslag/")
    expect_path(page, item_url)
    expect(main.locator("section[aria-labelledby=minutes-heading]")).to_contain_text(
        "de wijkagent kent het gezin"
    )
    assert_accessible(page)

    page.locator("#id_decision-kind").select_option(ConferenceDecision.Kind.CONTINUE.value)
    page.locator("#id_decision-text").fill(
        "Vrijwillig traject met school en politie; over zes weken opnieuw bespreken."
    )
    submit(page, f"{item_url}besluit/")
    expect_path(page, item_url)
    decisions = main.locator("section[aria-labelledby=decisions-heading]")
    expect(decisions).to_contain_text("Vrijwillig traject met school en politie")
    assert_accessible(page)

    # The plan of approach, agreed at this conference.
    page.locator(f"main a[href='/casussen/{case.pk}/plan/nieuw/?overleg={meeting_id}']").click()
    expect(page.locator("#id_summary")).to_be_visible()
    assert_accessible(page)
    review = (timezone.localdate() + timedelta(weeks=6)).isoformat()
    page.locator("#id_summary").fill(
        "Vrijwillig traject: de school houdt hem in de klas, de politie houdt zicht op contacten."
    )
    goals = [
        ("Zicht op contacten buiten school", Goal.Domain.CRIMINAL, people.police),
        ("Weer elke dag naar school en meedoen in de klas", Goal.Domain.CARE, school),
    ]
    for index, (text, domain, owner) in enumerate(goals):
        page.locator(f"#id_goals-{index}-text").fill(text)
        page.locator(f"#id_goals-{index}-domain").select_option(domain.value)
        page.locator(f"#id_goals-{index}-owner_organisation").select_option(str(owner.pk))
        page.locator(f"#id_goals-{index}-review_on").fill(review)
    submit_main(page)
    expect_path(page, item_url)
    expect(decisions).to_contain_text(dutch(ConferenceDecision.Kind.PLAN_AGREED.label))

    # Two actions: one for the police partner, one for the school's mentor.
    for description, person, goal, days in (
        ("Huisbezoek door de wijkagent", people.partner, 1, 7),
        ("Gesprek met de ouders over schoolverzuim", mentor, 2, 10),
    ):
        page.locator("#id_action-description").fill(description)
        page.locator("#id_action-owner").select_option(str(person.pk))
        page.locator("#id_action-due_on").fill((timezone.localdate() + timedelta(days)).isoformat())
        page.locator("#id_action-goal_position").fill(str(goal))
        submit(page, f"{item_url}actie/")
        expect_path(page, item_url)
        expect(main.locator("section[aria-labelledby=actions-heading]")).to_contain_text(
            description
        )
    assert_accessible(page)
    return item_id


def police_confirms_and_reports(
    page: Page, url: str, people: World, case: Case, meeting_id: int, item_id: int
) -> None:
    act_as(page, url, people.partner)
    visit(page, f"{url}/casusoverleggen/{meeting_id}/punten/{item_id}/")
    minutes = page.locator("main section[aria-labelledby=minutes-heading]")
    card = minutes.locator(".schakel-card").filter(has_text="de wijkagent kent het gezin")
    card.locator("form[action$='/bevestigen/'] button[type=submit]").click()
    expect(card.locator("form[action$='/bevestigen/']")).to_have_count(0)
    expect(card).to_contain_text(people.partner.user.full_name)
    assert_accessible(page)

    action = Action.objects.get(case=case, owner=people.partner.user)
    action_path = f"/casussen/{case.pk}/acties/{action.pk}/"
    visit(page, f"{url}/taken/")
    assert_accessible(page)
    task_link = page.locator(f"main table a[href='{action_path}']")
    expect(task_link).to_have_count(1)
    task_link.click()

    expect_path(page, action_path)
    expect(page.locator("main")).to_contain_text("Huisbezoek door de wijkagent")
    assert_accessible(page)
    page.locator("#id_status").select_option(ActionStatus.DONE.value)
    page.locator("#id_feedback").fill("Huisbezoek afgelegd; ouders werken mee en zijn bezorgd.")
    submit_main(page)

    expect_path(page, action_path)
    history = page.locator("main section[aria-labelledby=history-heading]")
    expect(history).to_contain_text("ouders werken mee")
    expect(history).to_contain_text(dutch(ActionStatus.DONE.label))
    assert_accessible(page)

    visit(page, f"{url}/taken/")
    expect(page.locator(f"main a[href='{action_path}']")).to_have_count(0)


def school_takes_part(page: Page, url: str, case: Case, mentor: Membership) -> int:
    """The mentor sees the case and their task, and records a note; returns its id."""
    act_as(page, url, mentor)
    visit(page, f"{url}/taken/")
    expect(page.locator(f"main table a[href='/casussen/{case.pk}/']")).to_have_count(1)
    assert_accessible(page)
    visit(page, f"{url}/casussen/")
    expect(page.locator("main table tbody tr").filter(has_text=FULL_NAME)).to_have_count(1)
    visit(page, f"{url}/casussen/{case.pk}/")
    assert_accessible(page)

    page.locator(f"main a[href='/casussen/{case.pk}/notities/nieuw/']").click()
    expect_path(page, f"/casussen/{case.pk}/notities/nieuw/")
    assert_accessible(page)
    page.locator(f"input[name=kind][value={CaseEntry.Kind.FACT.value}]").check()
    page.locator("#id_category").select_option(InformationCategory.GENERAL.value)
    page.locator("#id_text").fill("Sinds de herfstvakantie drie keer ongeoorloofd afwezig.")
    submit_main(page)

    entry = CaseEntry.objects.get(case=case, source_organisation_id=mentor.organisation_id)
    expect_path(page, f"/casussen/{case.pk}/notities/{entry.pk}/")
    expect(page.locator("main")).to_contain_text("drie keer ongeoorloofd afwezig")
    assert_accessible(page)
    return entry.pk


def chair_closes_the_minutes(page: Page, url: str, people: World, meeting_id: int) -> None:
    act_as(page, url, people.process_director)
    visit(page, f"{url}/casusoverleggen/{meeting_id}/")
    submit(page, f"/casusoverleggen/{meeting_id}/sluiten/")
    expect_path(page, f"/casusoverleggen/{meeting_id}/")
    expect(page.locator(f"main form[action$='/{meeting_id}/sluiten/']")).to_have_count(0)
    assert_accessible(page)
    page.locator(f"main a[href='/casusoverleggen/{meeting_id}/afdrukken/']").click()
    expect_path(page, f"/casusoverleggen/{meeting_id}/afdrukken/")
    expect(page.locator("main")).to_contain_text("de wijkagent kent het gezin")
    assert_accessible(page)


# --- Case conference 2: the review date, a new plan, the school leaves. ---


def lead_sets_the_review_date(page: Page, url: str, people: World, case: Case, day: date) -> None:
    act_as(page, url, people.lead)
    visit(page, f"{url}/casussen/{case.pk}/wijzigen/")
    page.locator("#id_review-review_on").fill(day.isoformat())
    page.locator("#id_review-reason").fill("Schoolverzuim loopt op; eerder bespreken.")
    submit(page, "/herbeoordeling/")
    expect_path(page, f"/casussen/{case.pk}/")
    case.refresh_from_db()
    assert case.review_on == day


def lead_plans_conference_two(
    page: Page, url: str, people: World, school: Organisation, held_at: datetime
) -> int:
    visit(page, f"{url}/casusoverleggen/nieuw/")
    form = page.locator("main form")
    expect(form.locator("#id_municipality")).to_have_value(str(people.wijkstad.pk))
    form.locator("#id_held_at").fill(as_input(held_at))
    form.locator("#id_chair").select_option(str(people.process_director.user_id))
    organisations = form.locator("fieldset").filter(has=page.locator("[name=organisations]"))
    for organisation in (people.police, school):
        organisations.get_by_label(organisation.name, exact=True).check()
    submit_main(page)
    expect(page.locator("main h1")).to_be_visible()
    meeting_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect_path(page, f"/casusoverleggen/{meeting_id}/")
    assert_accessible(page)
    return meeting_id


def lead_agrees_plan_two(page: Page, url: str, people: World, case: Case, meeting_id: int) -> None:
    item_id = open_agenda_item(page, meeting_id, REASON_REVIEW)
    assert_accessible(page)
    page.locator(f"main a[href='/casussen/{case.pk}/plan/nieuw/?overleg={meeting_id}']").click()
    # The current goals are filled in; goal 2 moves to the municipality.
    expect(page.locator("#id_goals-1-text")).to_have_value(
        "Weer elke dag naar school en meedoen in de klas"
    )
    page.locator("#id_change_note").fill(
        "De school doet niet meer mee; leerplicht neemt doel 2 over."
    )
    page.locator("#id_goals-1-text").fill("Leerplicht begeleidt hem naar een passende opleiding")
    page.locator("#id_goals-1-owner_organisation").select_option(str(people.gemeente_wijkstad.pk))
    submit_main(page)
    expect_path(page, f"/casusoverleggen/{meeting_id}/punten/{item_id}/")

    visit(page, f"{url}/casussen/{case.pk}/plan/")
    current = page.locator("main section[aria-labelledby=current-heading]")
    expect(current).to_contain_text("Leerplicht begeleidt hem")
    earlier = page.locator("main section[aria-labelledby=earlier-heading]")
    expect(earlier).to_contain_text("Weer elke dag naar school")
    expect(page.locator("main table")).to_contain_text(dutch(ActionStatus.DONE.label))
    assert_accessible(page)


def lead_removes_the_school_while_the_director_edits(
    page: Page, director_page: Page, url: str, people: World, case: Case, school: Organisation
) -> None:
    """The director opened the edit page before the lead removed the school: the director's
    change is refused with the conflict page, which shows the lead's change."""
    sign_in_browser(director_page, url, people.process_director)
    visit(director_page, f"{url}/casussen/{case.pk}/wijzigen/")

    visit(page, f"{url}/casussen/{case.pk}/wijzigen/")
    page.locator("#id_team_remove-organisation").select_option(str(school.pk))
    page.locator("#id_team_remove-reason").fill(
        "De school ziet hem niet meer: hij is uitgeschreven."
    )
    submit(page, "/team/verwijderen/")
    expect_path(page, f"/casussen/{case.pk}/")
    expect(page.locator("main section[aria-labelledby=team-heading]")).not_to_contain_text(
        school.name
    )
    assert_accessible(page)

    reason = "Gesprek met leerplicht afwachten."
    director_page.locator("#id_review-review_on").fill(
        (timezone.localdate() + timedelta(weeks=8)).isoformat()
    )
    director_page.locator("#id_review-reason").fill(reason)
    submit_expecting(director_page, "/herbeoordeling/", 409)
    alert = director_page.locator("main [role=alert]")
    expect(alert).to_contain_text(people.lead.user.full_name)
    expect(alert).to_contain_text(dutch(CaseEvent.Kind.TEAM_REMOVED.label))
    expect(alert).to_contain_text("hij is uitgeschreven")
    expect(director_page.locator("#id_review-reason")).to_have_value(reason)
    assert_accessible(director_page)


# --- The school is refused. ---


def school_is_refused(
    page: Page,
    url: str,
    case: Case,
    mentor: Membership,
    entry_id: int,
    meeting_ids: tuple[int, int],
) -> None:
    act_as(page, url, mentor)
    visit(page, f"{url}/casussen/")
    expect(page.locator("main")).not_to_contain_text(FULL_NAME)
    expect(page.locator(f"main a[href='/casussen/{case.pk}/']")).to_have_count(0)

    refused = [
        f"/casussen/{case.pk}/",
        f"/casussen/{case.pk}/notities/{entry_id}/",
        f"/casussen/{case.pk}/notities/nieuw/",
        f"/casussen/{case.pk}/plan/",
        f"/casussen/{case.pk}/afdrukken/",
        *(f"/casussen/{case.pk}/acties/{a.pk}/" for a in Action.objects.filter(case=case)),
        *(
            f"/casusoverleggen/{item.meeting_id}/punten/{item.pk}/"
            for m in meeting_ids
            for item in Meeting.objects.get(pk=m).agenda_items.all()
        ),
    ]
    for path in refused:
        visit(page, f"{url}{path}", status=404)
    assert_accessible(page)

    visit(page, f"{url}/taken/")
    expect(page.locator(f"main a[href*='/casussen/{case.pk}/']")).to_have_count(0)

    # The mentor attends conference 2: the case is a closed item there, without a link.
    visit(page, f"{url}/casusoverleggen/{meeting_ids[1]}/")
    agenda = page.locator("main table tbody")
    expect(agenda.locator("tr")).to_have_count(1)
    expect(agenda).to_contain_text(dutch("closed item"))
    expect(agenda.get_by_role("link")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(FULL_NAME)
    assert_accessible(page)
    visit(page, f"{url}/casusoverleggen/{meeting_ids[1]}/afdrukken/")
    expect(page.locator("main")).not_to_contain_text(FULL_NAME)
    assert_accessible(page)


def another_lead_breaks_the_glass(page: Page, url: str, case: Case, lead: Membership) -> None:
    act_as(page, url, lead)
    visit(page, f"{url}/casussen/{case.pk}/", status=404)
    visit(page, f"{url}/casussen/")
    page.locator("#id_number").fill(str(case.pk))
    page.locator("main form[action$='/casussen/noodtoegang/'] button[type=submit]").click()
    expect_path(page, f"/casussen/{case.pk}/noodtoegang/")
    assert_accessible(page)
    page.locator("#id_reason").fill("Politie belt buiten kantoortijd; de dossierhouder is ziek.")
    submit_main(page)
    expect_path(page, f"/casussen/{case.pk}/")
    expect(page.locator("main [role=status]").first).to_be_visible()
    expect(page.locator("main h1")).to_contain_text(FULL_NAME)
    assert_accessible(page)


# --- The journey. ---


@pytest.fixture
def director_page(browser: Browser, csp_watch: CspWatch) -> Iterator[Page]:
    """A second browser, for the process director working at the same time as the lead."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    context.on("console", csp_watch)
    yield context.new_page()
    context.close()


def test_a_case_goes_from_include_through_two_conferences_and_a_partner_is_refused(
    page: Page, director_page: Page, live_server, people: World
):
    url = live_server.url
    mentor = school_mentor(people)
    school = mentor.organisation
    today = timezone.localdate()
    signal = session_includes_him(people)

    case = lead_finds_the_new_case(page, url, people, school)
    assert case.signal_id == signal.pk
    assert case.lead_id == people.lead.user_id
    assert case.process_director_id == people.process_director.user_id

    first_id = director_plans_conference(
        page, url, people, school, timezone.now().replace(second=0, microsecond=0)
    )
    item_id = conference_one(page, url, people, case, first_id, school, mentor)
    police_confirms_and_reports(page, url, people, case, first_id, item_id)
    entry_id = school_takes_part(page, url, case, mentor)
    chair_closes_the_minutes(page, url, people, first_id)

    second_day = today + timedelta(weeks=2)
    lead_sets_the_review_date(page, url, people, case, second_day)
    second_id = lead_plans_conference_two(page, url, people, school, at_ten(second_day))
    lead_agrees_plan_two(page, url, people, case, second_id)
    lead_removes_the_school_while_the_director_edits(page, director_page, url, people, case, school)
    school_is_refused(page, url, case, mentor, entry_id, (first_id, second_id))
    another_lead_breaks_the_glass(page, url, case, second_lead(people))

    # What the pages did, as the database holds it.
    first = Meeting.objects.get(pk=first_id)
    assert first.kind == MeetingKind.CASE_CONFERENCE
    assert first.chair_id == people.process_director.user_id
    assert first.minutes_closed_by_id == people.process_director.user_id
    plans = list(PlanVersion.objects.filter(case=case).order_by("number"))
    assert [(p.number, p.meeting_id) for p in plans] == [(1, first_id), (2, second_id)]
    assert [p.agreed_by_id for p in plans] == [
        people.process_director.user_id,
        people.lead.user_id,
    ]
    police_action = Action.objects.get(case=case, owner=people.partner.user)
    assert police_action.status == ActionStatus.DONE
    assert police_action.agenda_item is not None
    assert police_action.agenda_item.meeting_id == first_id
    assert not Task.objects.filter(
        source=TaskSource.ACTION, source_id=police_action.pk, status=TaskStatus.OPEN
    ).exists()
    school_action = Action.objects.get(case=case, owner=mentor.user)
    assert not Task.objects.filter(
        source=TaskSource.ACTION, source_id=school_action.pk, status=TaskStatus.OPEN
    ).exists()
    minutes = CaseEntry.objects.get(case=case, kind=CaseEntry.Kind.MINUTES)
    assert minutes.confirmed_by_id == people.partner.user_id
    assert case.team.get(organisation=school).removed_at is not None
    kinds = list(case.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds[0] == CaseEvent.Kind.OPENED
    for kind in (
        CaseEvent.Kind.TEAM_ADDED,
        CaseEvent.Kind.PLAN,
        CaseEvent.Kind.REVIEW,
        CaseEvent.Kind.TEAM_REMOVED,
        CaseEvent.Kind.BREAK_GLASS,
    ):
        assert kind in kinds
    # Plan version 2's goals come later than the review the lead planned, so the lead's
    # date stands; the director's refused change (eight weeks) left it alone.
    case.refresh_from_db()
    assert case.review_on == second_day
