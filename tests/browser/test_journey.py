"""The journey of acceptance point 15 of issue 3, through the real pages in Chromium.

A school reports a worry about a 15-year-old girl, the intake desk checks "already known?",
and the weighing session includes her; axe-core finds no violation on any page on the way.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Membership, Organisation, Role
from meetings.weighing import CRITERIA, Alternative, Answer, Outcome
from signals.models import Signal, WeighingDecision
from signals.workflow import Status
from tests.browser.support import (
    BROWSER_TEST,
    act_as,
    assert_accessible,
    dutch,
    expect_path,
    membership_for,
    submit_main_form,
    visit,
)
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World

pytestmark = BROWSER_TEST

GIVEN_NAMES = "Yasmina"
SURNAME = "Bouzerda"
SURNAME_VARIANT = "Bouzerdah"  # how the intake desk heard it on the phone
FULL_NAME = f"{GIVEN_NAMES} {SURNAME}"


def born_fifteen_years_ago() -> date:
    # Half a year past her 15th birthday: 15 on any day the test runs (29 February too).
    return timezone.localdate() - timedelta(days=round(15.5 * 365.25))


def school_partner(people: World) -> Membership:
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


def prosecution(people: World) -> Organisation:
    existing = Organisation.objects.filter(
        region=people.region, kind=Organisation.Kind.PROSECUTION
    ).first()
    return existing or Organisation.objects.create(
        name="OM Testland", kind=Organisation.Kind.PROSECUTION, region=people.region
    )


def school_reports(page: Page, url: str, people: World, born: date) -> Signal:
    partner = school_partner(people)
    act_as(page, url, partner)
    visit(page, f"{url}/meldingen/nieuw/")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("#id_municipality").select_option(str(people.wijkstad.pk))
    form.locator("#id_channel").select_option("email")
    form.locator("#id_reporter_type").select_option("professional")
    form.locator("#id_reporting_organisation").select_option(str(partner.organisation_id))
    form.locator("#id_description").fill(
        "Mentor zag dat zij in de klas filmpjes deelt die geweld verheerlijken; "
        "ze trekt zich terug uit haar vriendengroep."
    )
    form.locator("#id_concern_type").select_option("unclear")
    form.locator("#id_urgency").select_option("normal")
    form.locator("#id_police_informed_1").check()  # "No, not yet"
    form.locator("#id_given_names").fill(GIVEN_NAMES)
    form.locator("#id_surname").fill(SURNAME)
    form.locator("#id_birth_year").fill(str(born.year))
    form.locator("#id_birth_month").fill(str(born.month))
    form.locator("#id_birth_day").fill(str(born.day))
    submit_main_form(page)

    expect_path(page, "/meldingen/ontvangen/")
    signal = Signal.objects.get(subject__surname=SURNAME)
    expect(page.locator("main [role=status]")).to_contain_text(str(signal.pk))
    assert_accessible(page)
    assert signal.status == Status.RECEIVED
    assert signal.reporting_organisation_id == partner.organisation_id
    assert signal.subject is not None
    assert signal.subject.is_minor()
    return signal


def intake_checks_already_known(page: Page, url: str, people: World, born: date) -> None:
    act_as(page, url, membership_for(people, Role.INTAKE))
    visit(page, f"{url}/meldingen/al-bekend/")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("#id_given_names").fill(GIVEN_NAMES)
    form.locator("#id_surname").fill(SURNAME_VARIANT)
    form.locator("#id_birth_year").fill(str(born.year))
    form.locator("#id_birth_month").fill(str(born.month))
    form.locator("#id_birth_day").fill(str(born.day))
    submit_main_form(page)

    result = page.locator("section[aria-labelledby=result-heading]")
    expect(result).to_be_visible()
    # The intake desk did not register this signal: it learns there is a hit and whom to
    # contact, never who the person is.
    hit = result.locator(".schakel-card")
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text(people.wijkstad.name)
    expect(hit).to_contain_text(people.lead.user.full_name)
    expect(hit.get_by_role("link", name=people.lead.user.email)).to_be_visible()
    # textContent, so the values typed into the form's inputs do not count.
    expect(page.locator("main")).not_to_contain_text(GIVEN_NAMES)
    expect(page.locator("main")).not_to_contain_text(str(born.year))
    assert_accessible(page)


def lead_verifies(page: Page, url: str, people: World, signal: Signal) -> None:
    act_as(page, url, people.lead)
    visit(page, f"{url}/meldingen/")
    assert_accessible(page)
    row = page.locator("main table tbody tr").filter(has_text=FULL_NAME)
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()

    expect_path(page, f"/meldingen/{signal.pk}/")
    expect(page.locator("main")).to_contain_text(FULL_NAME)
    assert_accessible(page)
    page.locator("#id_transition-to").select_option(Status.AWAITING_WEIGHING.value)
    page.locator("#id_transition-reason").fill(
        "Identiteit bevestigd bij de school; zorgen concreet genoeg voor de weging."
    )
    page.locator("form[action$='/status/'] button[type=submit]").click()

    expect_path(page, f"/meldingen/{signal.pk}/")
    status = page.locator("main dl").first
    expect(status).to_contain_text(dutch(Status.AWAITING_WEIGHING.label))
    assert_accessible(page)
    signal.refresh_from_db()
    assert signal.status == Status.AWAITING_WEIGHING


def lead_plans_the_session(page: Page, url: str, people: World) -> int:
    prosecutor = prosecution(people)
    visit(page, f"{url}/overleggen/nieuw/")
    assert_accessible(page)
    form = page.locator("main form")
    held_at = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    form.locator("#id_held_at").fill(held_at.strftime("%Y-%m-%dT%H:%M"))
    expect(form.locator("#id_chair")).to_have_value(str(people.lead.user_id))
    organisations = form.locator("fieldset").filter(has=page.locator("[name=organisations]"))
    for organisation in (people.gemeente_wijkstad, people.police, prosecutor):
        organisations.get_by_label(organisation.name, exact=True).check()
    submit_main_form(page)

    expect(page.locator("main h1")).to_be_visible()
    meeting_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    expect_path(page, f"/overleggen/{meeting_id}/")
    # Municipality, police and prosecutor together: the core is complete.
    expect(page.locator(".schakel-attendance-warning")).to_have_count(0)
    assert_accessible(page)
    return meeting_id


def session_includes_her(page: Page, url: str, signal: Signal, meeting_id: int) -> None:
    page.locator("form[action$='/agenda/'] button[type=submit]").click()
    expect_path(page, f"/overleggen/{meeting_id}/")
    row = page.locator("main table tbody tr").filter(has_text=FULL_NAME)
    expect(row).to_have_count(1)
    assert_accessible(page)
    row.get_by_role("link").click()

    expect(page.locator("main h1")).to_contain_text(str(signal.pk))
    expect(page.locator("main")).to_contain_text(FULL_NAME)
    assert_accessible(page)
    form = page.locator("main form")
    answers = {
        "behaviour": (Answer.MET, "Deelt in de klas filmpjes die geweld verheerlijken."),
        "change": (Answer.MET, "Trekt zich sinds de zomer terug uit haar vriendengroep."),
        "travel_or_violence": (Answer.UNKNOWN, ""),
        "extremist_contacts": (Answer.NOT_MET, "Politie kent geen contacten met netwerken."),
        "vulnerability": (Answer.MET, "Minderjarig; een jongere zus zit op dezelfde school."),
    }
    assert set(answers) == {code for code, _label in CRITERIA}
    for code, (answer, evidence) in answers.items():
        form.locator(f"input[name={code}_answer][value={answer.value}]").check()
        if evidence:
            form.locator(f"#id_{code}_evidence").fill(evidence)
            form.locator(f"#id_{code}_source").fill(
                "politie" if code == "extremist_contacts" else "school"
            )
    form.locator(f"input[name=alternatives][value={Alternative.IDENTITY.value}]").check()
    form.locator("#id_proportionality").fill(
        "Een vrijwillig traject met school en jeugdhulp past bij de ernst van de signalen."
    )
    form.locator("#id_subsidiarity").fill(
        "Alleen reguliere zorg mist de samenhang tussen school, gezin en politie."
    )
    form.locator("#id_reasoning").fill(
        "Zorgen over gedrag en verandering zijn concreet; identiteitsontwikkeling verklaart "
        "niet alles. Opnemen in de persoonsgerichte aanpak."
    )
    form.locator(f"input[name=outcome][value={Outcome.INCLUDE.value}]").check()
    submit_main_form(page)

    expect_path(page, f"/overleggen/{meeting_id}/")
    row = page.locator("main table tbody tr").filter(has_text=FULL_NAME)
    expect(row).to_contain_text(dutch(Outcome.INCLUDE.label))
    assert_accessible(page)


def test_a_school_reports_a_girl_intake_checks_already_known_and_the_session_includes_her(
    page: Page, live_server, people: World
):
    url = live_server.url
    born = born_fifteen_years_ago()

    signal = school_reports(page, url, people, born)
    intake_checks_already_known(page, url, people, born)
    lead_verifies(page, url, people, signal)
    meeting_id = lead_plans_the_session(page, url, people)
    session_includes_her(page, url, signal, meeting_id)

    signal.refresh_from_db()
    assert signal.status == Status.WEIGHED
    decision = WeighingDecision.objects.get(signal=signal, meeting_id=meeting_id)
    assert decision.outcome == Outcome.INCLUDE
    assert decision.alternatives == [Alternative.IDENTITY.value]
    assert {row["code"] for row in decision.criteria} == {code for code, _label in CRITERIA}
    assert decision.retention_until is None  # an included signal follows its case

    # The decision with its reasons on the agenda item, and the new status on the signal.
    page.locator("main table tbody tr").filter(has_text=FULL_NAME).get_by_role("link").click()
    main = page.locator("main")
    expect(main).to_contain_text(dutch(Outcome.INCLUDE.label))
    expect(main).to_contain_text("Alleen reguliere zorg mist de samenhang")
    expect(main.locator("form")).to_have_count(0)
    assert_accessible(page)

    visit(page, f"{url}/meldingen/{signal.pk}/")
    expect(main.locator("dl").first).to_contain_text(dutch(Status.WEIGHED.label))
    expect(main).to_contain_text(dutch(Outcome.INCLUDE.label))
    assert_accessible(page)
