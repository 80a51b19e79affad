"""The approach follows the work (issue 14, point 10), in Chromium on the demo data.

Youssef el Oefenberg has departed; the police are on his case team.

1. The police officer finds "Paspoort gesignaleerd" in their own "Mijn taken" (the catalogue
   gave the item to the police), opens it and marks it done; the lead sees who did it.
2. The lead requests the BRP deregistration: the checklist item ticks itself, naming the
   measure and linking to it.
3. He comes back: the departed checklist's tasks are gone at once, from the lead's and the
   police's task lists; the lead settles the open items in one step, and the irreversible
   BRP check lapses only with her reason.

axe-core finds no violation on any page visited, including the form answered with 400.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import translation
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from access.actor import actor_for_membership
from cases.models import Case
from cases.services import case_change_situation
from cases.workflow import ReturnMotive, Situation
from checklists.models import ChecklistItem, ItemState, Scenario
from demo.seed import seed_demo
from measures.models import MeasureType
from tasks.models import Task, TaskSource, TaskStatus
from tests.browser.support import (
    BROWSER_TEST,
    act_as,
    assert_accessible,
    dutch,
    expect_path,
    visit,
)
from tests.browser.test_scenarios import (
    WIJKSTAD_LEAD,
    checklist_item,
    checklist_path,
    demo_case,
    item_row,
    lead,
    submit_and_follow,
    submit_expecting,
    tick_done_in_row,
)

pytestmark = BROWSER_TEST

POLICE = "politie@schakel.example"


@pytest.fixture
def demo(live_server: LiveServer) -> Iterator[str]:
    with override_settings(DEMO_MODE=True):
        seed_demo()
        yield live_server.url


def open_task_of(item: ChecklistItem) -> Task | None:
    return Task.objects.filter(
        source=TaskSource.CHECKLIST, source_id=item.pk, status=TaskStatus.OPEN
    ).first()


def test_the_police_signal_the_passport_from_their_own_task_list(page: Page, demo: str):
    url = demo
    officer = lead(POLICE)
    youssef = demo_case("Oefenberg")
    passport = checklist_item(youssef, Scenario.DEPARTED, "passport-signalled")
    assert passport.holder_organisation_id == officer.organisation_id
    task = open_task_of(passport)
    assert task is not None
    assert task.owner is None

    act_as(page, url, officer)
    visit(page, f"{url}/taken/")
    row = (
        page.locator("main table")
        .first.locator("tbody tr")
        .filter(has=page.locator(f"a[href='{task.url}']"))
    )
    expect(row).to_contain_text("Paspoort gesignaleerd")
    expect(row).to_contain_text(officer.organisation.name)
    assert_accessible(page)

    row.locator(f"a[href='{task.url}']").click()
    expect(item_row(page, passport)).to_contain_text(officer.organisation.name)
    # The officer marks the police's own item done; the lead's items offer no button.
    brp = checklist_item(youssef, Scenario.DEPARTED, "brp-deregistration")
    expect(item_row(page, brp).locator("form")).to_have_count(0)
    assert_accessible(page)
    tick_done_in_row(page, passport)
    passport.refresh_from_db()
    assert (passport.state, passport.done_by_id) == (ItemState.DONE, officer.user_id)
    expect(item_row(page, passport)).to_contain_text(officer.user.full_name)
    assert_accessible(page)
    visit(page, f"{url}/taken/")
    expect(page.locator(f"main a[href='{task.url}']")).to_have_count(0)

    # The lead sees who holds what, and who did it.
    act_as(page, url, lead(WIJKSTAD_LEAD))
    visit(page, f"{url}{checklist_path(passport)}")
    expect(item_row(page, passport)).to_contain_text(officer.user.full_name)
    expect(item_row(page, passport)).to_contain_text(officer.organisation.name)
    assert_accessible(page)


def request_brp_deregistration(page: Page, url: str, youssef: Case) -> None:
    """The lead proposes the deregistration and records that it was requested."""
    visit(page, f"{url}/casussen/{youssef.pk}/maatregelen/nieuw/")
    assert_accessible(page)
    form = page.locator("main form[method=post]")
    brp = MeasureType.objects.get(code="brp-deregistration")
    form.locator("#id_propose-measure_type").select_option(value=str(brp.pk))
    form.locator("#id_propose-responsible_organisation").select_option(label="Gemeente Wijkstad")
    form.locator("#id_propose-reason").fill("[demo] Vertrek naar het buitenland vastgesteld.")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        form.locator("button[type=submit]").click()
    assert answer.value.status == 302, answer.value.status
    intervention = youssef.interventions.get(measure_type=brp)
    detail = f"/casussen/{youssef.pk}/maatregelen/{intervention.pk}/"
    expect_path(page, detail)
    assert_accessible(page)
    step = page.locator("main section[aria-labelledby=step-requested-heading]")
    step.locator("#id_step-requested-reason").fill("[demo] Verzoek aan Burgerzaken verstuurd.")
    submit_and_follow(page, step.locator("form"), detail)


def test_the_brp_item_ticks_itself_when_the_measure_is_requested(page: Page, demo: str):
    url = demo
    youssef = demo_case("Oefenberg")
    brp = checklist_item(youssef, Scenario.DEPARTED, "brp-deregistration")
    assert brp.state == ItemState.OPEN
    act_as(page, url, lead(WIJKSTAD_LEAD))
    request_brp_deregistration(page, url, youssef)
    visit(page, f"{url}{checklist_path(brp)}")
    with translation.override("nl"):
        what = str(brp.get_fulfilled_by_display())
        done = translation.gettext("Done — %(what)s") % {"what": what}
    row = item_row(page, brp)
    expect(row).to_contain_text(done)
    expect(row.get_by_role("link", name=dutch("open the record"))).to_have_count(1)
    assert_accessible(page)
    brp.refresh_from_db()
    assert brp.state == ItemState.DONE
    assert brp.fact_object_type
    assert open_task_of(brp) is None


def test_the_departed_checklist_settles_when_he_returns(page: Page, demo: str):
    url = demo
    daan = lead(WIJKSTAD_LEAD)
    police = lead(POLICE)
    youssef = demo_case("Oefenberg")
    brp = checklist_item(youssef, Scenario.DEPARTED, "brp-deregistration")
    passport = checklist_item(youssef, Scenario.DEPARTED, "passport-signalled")
    assert open_task_of(brp) is not None
    assert open_task_of(passport) is not None

    # He is back: the departed checklist's tasks go at once, for everyone.
    case_change_situation(
        actor=actor_for_membership(daan),
        user=daan.user,
        case=youssef,
        to=Situation.RETURNED,
        reason="[demo] Teruggekeerd en bij aankomst gehoord.",
        version=youssef.version,
        return_motive=ReturnMotive.DISILLUSIONED,
    )
    assert open_task_of(brp) is None
    assert open_task_of(passport) is None
    act_as(page, url, police)
    visit(page, f"{url}/taken/")
    expect(page.locator("main")).not_to_contain_text("Paspoort gesignaleerd")
    assert_accessible(page)
    act_as(page, url, daan)
    visit(page, f"{url}/taken/")
    expect(page.locator("main")).not_to_contain_text("Uitschrijving uit de BRP gecontroleerd")
    assert_accessible(page)

    # The checklist says it no longer applies and leads to settling it.
    visit(page, f"{url}{checklist_path(brp)}")
    settle = f"{checklist_path(brp)}afsluiten/"
    expect(page.locator(f"main a[href='{settle}']")).to_have_count(1)
    assert_accessible(page)
    page.locator(f"main a[href='{settle}']").click()
    assert_accessible(page)

    # Nothing irreversible lapses without her reason.
    submit_expecting(page, page.locator("main form[method=post]"), 400)
    expect(page.locator("main")).to_contain_text(
        dutch("Give the reason why this irreversible item lapses.")
    )
    assert_accessible(page)
    brp.refresh_from_db()
    assert brp.state == ItemState.OPEN
    page.locator(f"#id_reason_{brp.pk}").fill("Niet uitgevoerd: hij is terug in Wijkstad.")
    submit_and_follow(page, page.locator("main form[method=post]"), checklist_path(brp))
    with translation.override("nl"):
        lapsed = translation.gettext("Lapsed — situation changed to %(situation)s (%(date)s)")
        situation = str(Situation.RETURNED.label)
    for item in (brp, passport):
        item.refresh_from_db()
        assert (item.state, item.lapsed_to) == (ItemState.LAPSED, Situation.RETURNED)
        expect(item_row(page, item)).to_contain_text(lapsed.split("%(")[0].strip())
        expect(item_row(page, item)).to_contain_text(situation)
    assert brp.na_reason == "Niet uitgevoerd: hij is terug in Wijkstad."
    assert not brp.checklist.items.filter(state=ItemState.OPEN).exists()
    assert_accessible(page)
