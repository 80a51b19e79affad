"""The four scenarios of the factsheet on the demo data (point 10 of issue 5), in Chromium.

Each test loads the demo world into the test database (demo mode on, so the demo accounts
may act) and follows the lead through the real pages:

1. Lina Voorbeeld, 15, about to travel: the passport measure in force with its objection
   term, the Child Protection Board item of the intended-travel checklist ticked, and a
   contact with her mother referred to the Familiesteunpunt.
2. Youssef el Oefenberg, departed 100 days ago: the daily sweep tells the lead once that the
   BRP deregistration check is overdue; the lead reads it, finds the task overdue in words
   on "Mijn taken", ticks the item and the task is gone.
3. Sara Proefhuis, returned: the prosecution decision ends the criminal investigation, the
   prosecution item of the return checklist is ticked, and a reintegration plan is drawn up.
4. Noah van Denkbeeld, killed: the case page explains the civil procedure for a declaration
   of death and points at the checklist, where the lead ticks the support for the bereaved.
   A death is reported first (unconfirmed), which offers the checklist for the bereaved;
   it is confirmed only with its source (issue 14, point 6).

axe-core finds no violation on any page visited, including the forms answered with 400.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from accounts.models import Membership
from cases.models import Case
from cases.workflow import DeathSource, Situation
from checklists.models import ChecklistItem, ItemState, Scenario
from demo.seed import seed_demo
from measures.models import Intervention, LegalRemedy
from measures.workflow import InterventionState
from network.models import NetworkPerson
from support.models import Domain, FamilySupportContact, ReintegrationPlan
from tasks.models import Notification, Task, TaskSource, TaskStatus
from tasks.services import tasks_send_due
from tests.browser.support import (
    BROWSER_TEST,
    act_as,
    assert_accessible,
    dutch,
    expect_path,
    posted,
    visit,
)

pytestmark = BROWSER_TEST

WIJKSTAD_LEAD = "dossierhouder@schakel.example"
POLDERVEEN_LEAD = "dossierhouder.polderveen@schakel.example"
EXIT = "Exitbegeleiding Lage Landen"


@pytest.fixture
def demo(live_server: LiveServer) -> Iterator[str]:
    """The demo world in the live server's database; yields the server's URL.

    Demo mode stays on for the whole test: outside it the demo accounts cannot log in, and
    the session of one would be refused on the next request.
    """
    with override_settings(DEMO_MODE=True):
        seed_demo()
        yield live_server.url


# --- Helpers. ---


def lead(email: str) -> Membership:
    return Membership.objects.select_related("user").get(user__email=email)


def demo_case(surname: str) -> Case:
    return Case.objects.select_related("subject").get(subject__surname=surname)


def nl(msgid: str, **values: object) -> str:
    """A formatted interface sentence as the Dutch interface shows it."""
    with translation.override("nl"):
        return translation.gettext(msgid) % values


def contacts_with_relatives(count: int) -> str:
    """The case page's count of family support contacts, in Dutch."""
    with translation.override("nl"):
        return translation.ngettext(
            "%(counter)s contact with relatives", "%(counter)s contacts with relatives", count
        ) % {"counter": count}


def nl_date(day: date) -> str:
    """A date as the pages write it in Dutch for reading ("j F Y")."""
    with translation.override("nl"):
        return dateformat.format(day, "j F Y")


def table_date(day: date) -> str:
    """A date as a table writes it ("dd-mm-jjjj")."""
    return dateformat.format(day, "d-m-Y")


def main(page: Page) -> Locator:
    return page.locator("main")


def submit_expecting(page: Page, form: Locator, status: int) -> None:
    """Submits a form that answers directly (no redirect) with ``status``; returns once the
    answering page has loaded."""
    with page.expect_navigation(), page.expect_response(posted) as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == status, f"{answer.value.url} answered {answer.value.status}"
    expect(page.locator("main#inhoud")).to_be_visible()


def submit_and_follow(page: Page, form: Locator, path: str) -> None:
    """Submits a form whose answer redirects (POST-redirect-GET) to ``path``."""
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == 302, f"{answer.value.url} answered {answer.value.status}"
    expect_path(page, path)
    expect(page.locator("main#inhoud")).to_be_visible()


def checklist_item(case: Case, scenario: str, code: str) -> ChecklistItem:
    return ChecklistItem.objects.select_related("checklist").get(
        checklist__case=case, checklist__template__scenario=scenario, template_item__code=code
    )


def checklist_path(item: ChecklistItem) -> str:
    return f"/casussen/{item.checklist.case_id}/checklijsten/{item.checklist_id}/"


def item_row(page: Page, item: ChecklistItem) -> Locator:
    return page.locator(f"main tr#item-{item.pk}")


def tick_done_in_row(page: Page, item: ChecklistItem) -> None:
    """The row's own "done" button on the checklist page; back on the checklist after."""
    path = checklist_path(item)
    form = item_row(page, item).locator("form")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == 302, f"{answer.value.url} answered {answer.value.status}"
    expect(page).to_have_url(re.compile(rf"{re.escape(path)}#item-{item.pk}$"))


def tick_done_on_item_page(page: Page, item: ChecklistItem) -> None:
    """The item's own page: choose "done" and save; back on the checklist after."""
    form = page.locator("main section[aria-labelledby=mark-heading] form")
    form.get_by_label(dutch("done"), exact=True).check()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == 302, f"{answer.value.url} answered {answer.value.status}"
    expect(page).to_have_url(re.compile(rf"{re.escape(checklist_path(item))}#item-{item.pk}$"))


def expect_ticked_by(page: Page, item: ChecklistItem, membership: Membership) -> None:
    """The row says done, by whom and when; the database agrees."""
    item.refresh_from_db()
    assert item.state == ItemState.DONE
    assert item.done_by_id == membership.user_id
    assert item.done_at is not None
    row = item_row(page, item)
    expect(row).to_contain_text(dutch(ItemState.DONE.label))
    expect(row).to_contain_text(membership.user.full_name)
    with translation.override("nl"):
        # A table writes dates as dd-mm-jjjj (schakel/formats).
        when = dateformat.format(timezone.localtime(item.done_at), "d-m-Y H:i")
    expect(row).to_contain_text(when)


# --- 1. Lina Voorbeeld, 15, about to travel. ---


def test_the_girl_about_to_travel_gets_a_passport_measure_the_rvdk_and_family_support(
    page: Page, demo: str
):
    url = demo
    daan = lead(WIJKSTAD_LEAD)
    lina = demo_case("Voorbeeld")
    passport = Intervention.objects.get(case=lina, measure_type__code="passport-invalidation")
    assert passport.state == InterventionState.ACTIVE
    objection = passport.remedies.get(kind=LegalRemedy.Kind.OBJECTION)
    act_as(page, url, daan)

    # The case page: her measures and her checklist in view.
    visit(page, f"{url}/casussen/{lina.pk}/")
    expect(page.locator("main h1")).to_contain_text("Lina")
    measures = page.locator("main section[aria-labelledby=measures-heading]")
    expect(measures).to_contain_text(passport.measure_type.name)
    expect(measures).to_contain_text(dutch(InterventionState.ACTIVE.label))
    assert_accessible(page)

    # The measures page: the passport measure in force, with its objection term.
    measures.locator(f"a[href='/casussen/{lina.pk}/maatregelen/']").click()
    expect_path(page, f"/casussen/{lina.pk}/maatregelen/")
    card = page.locator(f"main article[aria-labelledby=intervention-{passport.pk}]")
    expect(card).to_contain_text(dutch(InterventionState.ACTIVE.label))
    expect(card).to_contain_text(dutch(LegalRemedy.Kind.OBJECTION.label))
    expect(card).to_contain_text(nl_date(objection.deadline))
    assert_accessible(page)

    # The intervention page: the objection with its deadline; a step without a reason is
    # refused with a sentence and changes nothing.
    card.get_by_role("link", name=passport.measure_type.name).click()
    detail = f"/casussen/{lina.pk}/maatregelen/{passport.pk}/"
    expect_path(page, detail)
    remedies = page.locator("main section[aria-labelledby=remedies-heading] table")
    expect(remedies).to_contain_text(dutch(LegalRemedy.Kind.OBJECTION.label))
    expect(remedies).to_contain_text(table_date(objection.deadline))
    assert_accessible(page)
    extend = page.locator("main section[aria-labelledby=step-extended-heading] form")
    submit_expecting(page, extend, 400)
    expect(page.locator("main section[aria-labelledby=step-extended-heading]")).to_contain_text(
        dutch("Give the reason for this step.")
    )
    assert_accessible(page)
    passport.refresh_from_db()
    assert passport.state == InterventionState.ACTIVE

    # Interim relief needs a pending objection or appeal; the objection term only runs yet.
    visit(page, f"{url}{detail}voorlopige-voorziening/")
    assert_accessible(page)
    page.locator("#id_lodged_on").fill(timezone.localdate().isoformat())
    submit_expecting(page, page.locator("main form[method=post]"), 400)
    expect(page.locator("main")).to_contain_text(
        dutch("Interim relief can be asked only while an objection or appeal is pending.")
    )
    assert_accessible(page)

    # The intended-travel checklist: the Child Protection Board, because she is a minor.
    rvdk = checklist_item(lina, Scenario.INTENDS_TO_TRAVEL, "child-protection")
    visit(page, f"{url}/casussen/{lina.pk}/checklijsten/")
    assert_accessible(page)
    page.locator(f"main a[href='{checklist_path(rvdk)}']").first.click()
    expect_path(page, checklist_path(rvdk))
    expect(item_row(page, rvdk)).to_contain_text("Raad voor de Kinderbescherming")
    assert_accessible(page)

    # On the item's own page: "not applicable" without a reason is refused (400).
    item_row(page, rvdk).get_by_role("link", name=dutch("Not applicable or hand over…")).click()
    item_path = f"{checklist_path(rvdk)}punten/{rvdk.pk}/"
    expect_path(page, item_path)
    assert_accessible(page)
    form = page.locator("main section[aria-labelledby=mark-heading] form")
    form.get_by_label(dutch("not applicable"), exact=True).check()
    submit_expecting(page, form, 400)
    expect(main(page)).to_contain_text(dutch("Give the reason why this item does not apply."))
    assert_accessible(page)
    rvdk.refresh_from_db()
    assert rvdk.state == ItemState.OPEN

    # The lead ticks it done.
    tick_done_on_item_page(page, rvdk)
    expect_ticked_by(page, rvdk, daan)
    assert_accessible(page)
    assert not Task.objects.filter(
        source=TaskSource.CHECKLIST, source_id=rvdk.pk, status=TaskStatus.OPEN
    ).exists()

    lina_family_support(page, url, lina, daan)


def lina_family_support(page: Page, url: str, lina: Case, daan: Membership) -> None:
    """The lead records a contact with her mother (a network person) with a referral to the
    Familiesteunpunt; the case page counts it."""
    mother = NetworkPerson.objects.get(case=lina, name="Moeder van Lina")
    contacts = FamilySupportContact.objects.filter(case=lina)
    before = contacts.count()
    family = f"/casussen/{lina.pk}/ondersteuning/familie/"

    visit(page, f"{url}/casussen/{lina.pk}/")
    support = page.locator("main section[aria-labelledby=support-heading]")
    expect(support).to_contain_text(contacts_with_relatives(before))
    support.locator(f"a[href='{family}']").click()
    expect_path(page, family)
    assert_accessible(page)
    page.locator(f"main a[href='{family}nieuw/']").click()
    expect_path(page, f"{family}nieuw/")
    assert_accessible(page)

    today = timezone.localdate()
    form = page.locator("main form[method=post]")
    form.locator("#id_relative").select_option(str(mother.pk))
    form.locator("#id_contact_on").fill(today.isoformat())
    form.locator("#id_summary").fill("Moeder is bang dat Lina toch vertrekt en zoekt steun.")
    form.locator("#id_agreements").fill(
        "Moeder meldt zich bij het Familiesteunpunt; de wijkagent komt volgende week langs."
    )
    form.get_by_label(dutch("Referred to the Familiesteunpunt of the LSE")).check()
    form.locator("#id_referred_on").fill(today.isoformat())
    # Without the kind of question the contact is refused, and what was typed stays.
    submit_expecting(page, form, 400)
    expect(main(page)).to_contain_text(
        dutch("Choose what the question was about: practical, emotional or care.")
    )
    expect(page.locator("#id_summary")).to_have_value(
        "Moeder is bang dat Lina toch vertrekt en zoekt steun."
    )
    assert_accessible(page)
    assert contacts.count() == before

    form = page.locator("main form[method=post]")
    form.get_by_label(dutch("practical"), exact=True).check()
    form.get_by_label(dutch("emotional"), exact=True).check()
    submit_and_follow(page, form, family)
    contact = contacts.get(summary__startswith="Moeder is bang")
    assert contact.relative_id == mother.pk
    assert contact.recorded_by_id == daan.user_id
    assert (contact.practical, contact.emotional, contact.care) == (True, True, False)
    assert contact.referred
    assert contact.referred_on == today
    row = page.locator("main table tbody tr").filter(has_text="Moeder is bang")
    expect(row).to_contain_text(mother.name)
    expect(row).to_contain_text(daan.user.full_name)
    expect(row).to_contain_text(nl("referred on %(date)s", date=table_date(today)))
    assert_accessible(page)

    visit(page, f"{url}/casussen/{lina.pk}/")
    expect(page.locator("main section[aria-labelledby=support-heading]")).to_contain_text(
        contacts_with_relatives(before + 1)
    )
    assert_accessible(page)


# --- 2. Youssef el Oefenberg, departed. ---


def test_the_man_who_departed_gets_the_brp_check_due_three_months_after_departure(
    page: Page, demo: str
):
    url = demo
    daan = lead(WIJKSTAD_LEAD)
    youssef = demo_case("Oefenberg")
    brp = checklist_item(youssef, Scenario.DEPARTED, "brp-deregistration")
    today = timezone.localdate()
    # The demo put the departure 100 days back: the check fell due after three months.
    assert brp.checklist.event_date == today - timedelta(days=100)
    assert brp.due_on == brp.checklist.event_date + timedelta(days=90)
    assert brp.due_on < today
    task = Task.objects.get(source=TaskSource.CHECKLIST, source_id=brp.pk, status=TaskStatus.OPEN)
    assert task.owner_id == daan.user_id

    # The daily sweep: on the due date itself nothing is overdue yet; once the date has
    # passed it tells the owner once, however often it runs.
    told = Notification.objects.filter(recipient=daan.user, url=task.url)
    before = told.count()
    tasks_send_due(today=brp.due_on)
    assert told.count() == before
    tasks_send_due(today=today)
    tasks_send_due(today=today)
    assert told.count() == before + 1
    overdue_title = nl("A task is overdue")
    assert told.filter(title=overdue_title).count() == 1

    # The message names the task and the case, and opens through the link that marks it read.
    message = told.get(title=overdue_title)
    opening = reverse("tasks:open", args=[message.pk])
    act_as(page, url, daan)
    visit(page, f"{url}/berichten/")
    heading = nl("Overdue task in case %(number)s: %(title)s", number=youssef.pk, title="")
    expect(page.locator(f"main a[href='{opening}']")).to_contain_text(heading.strip())
    assert_accessible(page)

    # "Mijn taken": the BRP check, overdue in words.
    visit(page, f"{url}/taken/")
    own = page.locator("main table").first
    row = own.locator("tbody tr").filter(has=page.locator(f"a[href='{task.url}']"))
    expect(row).to_have_count(1)
    expect(row.locator(".utrecht-data-badge")).to_have_text(nl("Overdue"))
    expect(row).to_contain_text(nl("was due %(date)s", date=table_date(brp.due_on)))
    expect(row).to_contain_text("Uitschrijving uit de BRP gecontroleerd")
    assert_accessible(page)

    # The task leads to the checklist, where the item says overdue too and is ticked.
    row.locator(f"a[href='{task.url}']").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(task.url)}$"))
    expect(item_row(page, brp)).to_contain_text(
        nl("Overdue — was due %(date)s", date=table_date(brp.due_on))
    )
    assert_accessible(page)
    tick_done_in_row(page, brp)
    expect_ticked_by(page, brp, daan)
    assert_accessible(page)

    # The task is gone from "Mijn taken".
    visit(page, f"{url}/taken/")
    expect(page.locator(f"main a[href='{task.url}']")).to_have_count(0)
    assert_accessible(page)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


# --- 3. Sara Proefhuis, returned. ---


def test_the_returnee_gets_a_prosecution_decision_and_a_reintegration_plan(page: Page, demo: str):
    url = demo
    daan = lead(WIJKSTAD_LEAD)
    sara = demo_case("Proefhuis")
    investigation = Intervention.objects.get(case=sara, measure_type__code="criminal-investigation")
    assert investigation.state == InterventionState.ACTIVE
    act_as(page, url, daan)

    visit(page, f"{url}/casussen/{sara.pk}/")
    expect(page.locator("main h1")).to_contain_text("Sara")
    assert_accessible(page)
    visit(page, f"{url}/casussen/{sara.pk}/maatregelen/")
    assert_accessible(page)
    page.locator(f"main a[href='/casussen/{sara.pk}/maatregelen/{investigation.pk}/']").click()
    detail = f"/casussen/{sara.pk}/maatregelen/{investigation.pk}/"
    expect_path(page, detail)
    assert_accessible(page)

    # The prosecution decision ends the investigation. An end before the start is refused.
    step = page.locator("main section[aria-labelledby=step-ended-heading]")
    decision = (
        "Het OM heeft besloten tot vervolging; de zaak komt voor de meervoudige kamer. "
        "Het opsporingsonderzoek is afgerond."
    )
    assert investigation.start_on is not None
    step.locator("#id_step-ended-end_on").fill(
        (investigation.start_on - timedelta(days=1)).isoformat()
    )
    step.locator("#id_step-ended-reason").fill(decision)
    submit_expecting(page, step.locator("form"), 400)
    expect(page.locator("main section[aria-labelledby=step-ended-heading]")).to_contain_text(
        dutch("The end date cannot lie before the start date.")
    )
    expect(page.locator("#id_step-ended-reason")).to_have_value(decision)
    assert_accessible(page)
    investigation.refresh_from_db()
    assert investigation.state == InterventionState.ACTIVE

    step = page.locator("main section[aria-labelledby=step-ended-heading]")
    step.locator("#id_step-ended-end_on").fill("")
    submit_and_follow(page, step.locator("form"), detail)
    history = page.locator("main section[aria-labelledby=history-heading]")
    expect(history).to_contain_text("besloten tot vervolging")
    expect(history).to_contain_text(dutch(InterventionState.ENDED.label))
    assert_accessible(page)
    investigation.refresh_from_db()
    assert investigation.state == InterventionState.ENDED

    # The prosecution item of the return checklist.
    prosecution = checklist_item(sara, Scenario.RETURNED, "prosecution")
    visit(page, f"{url}{checklist_path(prosecution)}")
    expect(item_row(page, prosecution)).to_contain_text("strafrechtelijke vervolging")
    assert_accessible(page)
    tick_done_in_row(page, prosecution)
    expect_ticked_by(page, prosecution, daan)
    assert_accessible(page)

    sara_reintegration_plan(page, url, sara, daan)


PLAN = {
    Domain.HOUSING: ("Kamer in een begeleid-wonenproject van de gemeente.", "Gemeente Wijkstad"),
    Domain.WORK_EDUCATION: ("Traject naar werk via het Werkplein.", "Gemeente Wijkstad"),
    Domain.COACHING: ("Wekelijkse gesprekken met een exitbegeleider.", EXIT),
    Domain.PSYCHOLOGICAL_CARE: ("Traumabehandeling bij de GGZ.", "GGZ De Lage Landen"),
    Domain.FAMILY: ("Gesprekken met haar ouders, met haar instemming.", EXIT),
    Domain.RELIGIOUS_GUIDANCE: ("Gesprekken met een geestelijk verzorger.", EXIT),
    Domain.CONTACT_BANS: (
        "Bijzondere voorwaarde: geen contact met medereizigers.",
        "Reclasseringsteam Lage Landen",
    ),
}


def sara_reintegration_plan(page: Page, url: str, sara: Case, daan: Membership) -> None:
    """The lead draws up (or completes) the reintegration plan, all seven parts."""
    aftercare = f"/casussen/{sara.pk}/ondersteuning/nazorg/"
    visit(page, f"{url}/casussen/{sara.pk}/")
    page.locator(f"main section[aria-labelledby=support-heading] a[href='{aftercare}']").click()
    expect_path(page, aftercare)
    assert_accessible(page)
    page.locator(f"main a[href='{aftercare}plan/']").first.click()
    expect_path(page, f"{aftercare}plan/")
    assert_accessible(page)

    review = timezone.localdate() + timedelta(weeks=6)
    form = page.locator("main form[method=post]")
    for domain, (text, owner) in PLAN.items():
        form.locator(f"#id_{domain.value}_text").fill(text)
        form.locator(f"#id_{domain.value}_owner").select_option(label=owner)
        form.locator(f"#id_{domain.value}_review_on").fill(review.isoformat())
    # An owner without an arrangement is refused; everything typed stays.
    form.locator(f"#id_{Domain.HOUSING.value}_text").fill("")
    submit_expecting(page, form, 400)
    expect(main(page)).to_contain_text(
        dutch("Describe the arrangement before naming an owner or a review date.")
    )
    expect(page.locator(f"#id_{Domain.COACHING.value}_text")).to_have_value(
        PLAN[Domain.COACHING][0]
    )
    assert_accessible(page)

    form = page.locator("main form[method=post]")
    form.locator(f"#id_{Domain.HOUSING.value}_text").fill(PLAN[Domain.HOUSING][0])
    submit_and_follow(page, form, aftercare)
    table = page.locator("main section[aria-labelledby=plan-heading] table")
    for domain, (text, owner) in PLAN.items():
        row = table.locator("tbody tr").filter(has_text=text)
        expect(row).to_contain_text(dutch(domain.label))
        expect(row).to_contain_text(owner)
        expect(row).to_contain_text(table_date(review))
    assert_accessible(page)
    plan = ReintegrationPlan.objects.get(case=sara)
    assert plan.updated_by_id == daan.user_id
    assert {p.domain: p.text for p in plan.parts.all()} == {
        d.value: text for d, (text, _owner) in PLAN.items()
    }

    visit(page, f"{url}/casussen/{sara.pk}/")
    with translation.override("nl"):
        filled = translation.ngettext(
            "%(counter)s part filled in", "%(counter)s parts filled in", len(PLAN)
        ) % {"counter": len(PLAN)}
    expect(page.locator("main section[aria-labelledby=support-heading]")).to_contain_text(filled)
    assert_accessible(page)


# --- 4. Noah van Denkbeeld, killed. ---


def test_the_young_man_killed_gets_support_for_the_bereaved(page: Page, demo: str):
    url = demo
    petra = lead(POLDERVEEN_LEAD)
    noah = demo_case("Denkbeeld")
    bereaved = checklist_item(noah, Scenario.DECEASED, "bereaved-support")
    death = checklist_item(noah, Scenario.DECEASED, "declaration-of-death")
    aftercare = f"/casussen/{noah.pk}/ondersteuning/nazorg/"
    act_as(page, url, petra)

    # The case page: the bereaved section lists the steps and points at the aftercare page.
    visit(page, f"{url}/casussen/{noah.pk}/")
    expect(page.locator("main h1")).to_contain_text("Noah")
    section = page.locator("main section[aria-labelledby=support-heading]")
    expect(section).to_contain_text(dutch("Support for the bereaved"))
    expect(section).to_contain_text(bereaved.text)
    expect(section).to_contain_text(death.text)
    assert_accessible(page)
    section.locator(f"a[href='{aftercare}']").last.click()
    expect_path(page, aftercare)

    # The aftercare page explains the civil procedure and links to the checklist items.
    explained = page.locator("main section[aria-labelledby=bereaved-heading]")
    expect(explained).to_contain_text(dutch("Declaration of death"))
    expect(explained).to_contain_text(
        dutch(
            "When the person cannot be identified, no death certificate can be drawn up. The "
            "relatives need one, for example to close a bank account or to carry out a will. "
            "The municipality can advise the family and help them in practice to start a civil "
            "procedure in which the court declares the person dead (Civil Code book 1, title "
            "18)."
        )
    )
    assert_accessible(page)
    item_path = f"{checklist_path(bereaved)}punten/{bereaved.pk}/"
    explained.locator(f"a[href='{item_path}']").click()
    expect_path(page, item_path)
    assert_accessible(page)

    # The lead ticks "support for the bereaved agreed"; who and when show on the checklist.
    tick_done_on_item_page(page, bereaved)
    expect_ticked_by(page, bereaved, petra)
    assert_accessible(page)

    # Back on the aftercare page the item is done and its task closed.
    visit(page, f"{url}{aftercare}")
    row = page.locator("main section[aria-labelledby=bereaved-heading] tbody tr").filter(
        has_text=bereaved.text
    )
    expect(row).to_contain_text(dutch(ItemState.DONE.label))
    expect(row).to_contain_text(dutch(TaskStatus.DONE.label))
    assert_accessible(page)
    assert not Task.objects.filter(
        source=TaskSource.CHECKLIST, source_id=bereaved.pk, status=TaskStatus.OPEN
    ).exists()


def test_a_death_reported_by_phone_is_confirmed_later_with_its_source(page: Page, demo: str):
    """Youssef el Oefenberg (departed): a relative phones that he was killed. The lead records
    the unconfirmed report, which offers the checklist for the bereaved; confirming without a
    source is refused; with the police's confirmation the death is recorded, source and all."""
    url = demo
    daan = lead(WIJKSTAD_LEAD)
    youssef = demo_case("Oefenberg")
    edit = f"/casussen/{youssef.pk}/wijzigen/"
    detail = f"/casussen/{youssef.pk}/"
    act_as(page, url, daan)

    # The report: only "reported deceased, not confirmed"; no source is asked for it yet.
    visit(page, f"{url}{edit}")
    form = page.locator("main form[action$='/situatie/']")
    form.get_by_label(dutch("New situation")).select_option(Situation.REPORTED_DECEASED.value)
    form.get_by_label(dutch("Reason")).fill("Familie belde: bericht op sociale media.")
    submit_and_follow(page, form, detail)
    youssef.refresh_from_db()
    assert youssef.situation == Situation.REPORTED_DECEASED
    expect(main(page)).to_contain_text(dutch(Situation.REPORTED_DECEASED.label))
    # The checklist for the bereaved is offered on the report.
    expect(main(page).locator("a[href$='?scenario=deceased']")).to_be_visible()
    assert_accessible(page)

    # Confirming without a source is refused and changes nothing.
    visit(page, f"{url}{edit}")
    form = page.locator("main form[action$='/situatie/']")
    choices = form.get_by_label(dutch("New situation")).locator("option")
    expect(choices).to_have_count(2)  # the confirmation and the way back to departed
    form.get_by_label(dutch("New situation")).select_option(Situation.DECEASED.value)
    form.get_by_label(dutch("Reason")).fill("Bevestigd.")
    submit_expecting(page, form, 400)
    expect(main(page)).to_contain_text(
        dutch(
            "Choose what confirms the death. Without confirmation, choose "
            "'reported deceased, not confirmed'."
        )
    )
    assert_accessible(page)
    youssef.refresh_from_db()
    assert youssef.situation == Situation.REPORTED_DECEASED

    # With the police's confirmation the death is recorded, and the timeline names it.
    form = page.locator("main form[action$='/situatie/']")
    form.get_by_label(dutch("New situation")).select_option(Situation.DECEASED.value)
    form.get_by_label(dutch("What confirms the death?")).select_option(DeathSource.AUTHORITY.value)
    form.get_by_label(dutch("About the source")).fill("Politie, bericht van het NCTV.")
    form.get_by_label(dutch("Reason")).fill("Bevestigd door de politie.")
    submit_and_follow(page, form, detail)
    youssef.refresh_from_db()
    assert youssef.situation == Situation.DECEASED
    expect(main(page)).to_contain_text("Politie, bericht van het NCTV.")
    expect(main(page)).to_contain_text(dutch(DeathSource.AUTHORITY.label))
    assert_accessible(page)
