"""Ticking items: done with who and when, not applicable with a required reason, stale
versions refused with 409, a closed case refused with a clear message; the item's task
follows (closed when done, withdrawn when not applicable)."""

from __future__ import annotations

from datetime import date

from django.test import Client

from cases.models import Case
from cases.workflow import CaseStatus, Situation
from checklists.models import ChecklistItem, ItemState
from checklists.services import checklist_item_mark, withdraw_tasks_of_closed_cases
from checklists.tests.builders import case_in, item, start
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World, sign_in


def item_url(case, checklist, checklist_item) -> str:
    return f"/casussen/{case.pk}/checklijsten/{checklist.pk}/punten/{checklist_item.pk}/"


def task_of(checklist_item: ChecklistItem) -> Task:
    return Task.objects.get(source=TaskSource.CHECKLIST, source_id=checklist_item.pk)


def departed(world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    return case, checklist


def test_the_lead_ticks_an_item_done_and_its_task_is_closed(client: Client, world: World):
    case, checklist = departed(world)
    passport = item(checklist, "passport-signalled")
    sign_in(client, world.lead)
    response = client.post(
        item_url(case, checklist, passport), {"state": "done", "version": passport.version}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/checklijsten/{checklist.pk}/#item-{passport.pk}")
    passport.refresh_from_db()
    assert passport.state == ItemState.DONE
    assert passport.done_by == world.lead.user
    assert passport.done_at is not None
    assert task_of(passport).status == TaskStatus.DONE
    page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
    assert "Lea Lead" in page


def test_the_process_director_ticks_too(client: Client, world: World):
    case, checklist = departed(world)
    press = item(checklist, "press-line")
    sign_in(client, world.process_director)
    response = client.post(
        item_url(case, checklist, press), {"state": "done", "version": press.version}
    )
    assert response.status_code == 302
    press.refresh_from_db()
    assert press.done_by == world.process_director.user


def test_not_applicable_needs_a_reason_and_changes_nothing_without_one(
    client: Client, world: World
):
    case, checklist = departed(world)
    benefits = item(checklist, "benefits-stopped")
    sign_in(client, world.lead)
    response = client.post(
        item_url(case, checklist, benefits),
        {"state": "not_applicable", "reason": "  ", "version": benefits.version},
    )
    assert response.status_code == 400
    assert "Give the reason why this item does not apply." in response.content.decode()
    benefits.refresh_from_db()
    assert benefits.state == ItemState.OPEN
    assert task_of(benefits).status == TaskStatus.OPEN


def test_not_applicable_with_a_reason_withdraws_the_task(client: Client, world: World):
    case, checklist = departed(world)
    benefits = item(checklist, "benefits-stopped")
    sign_in(client, world.lead)
    client.post(
        item_url(case, checklist, benefits),
        {"state": "not_applicable", "reason": "Had geen uitkering.", "version": benefits.version},
    )
    benefits.refresh_from_db()
    assert benefits.state == ItemState.NOT_APPLICABLE
    assert benefits.na_reason == "Had geen uitkering."
    assert benefits.done_by == world.lead.user
    assert task_of(benefits).status == TaskStatus.WITHDRAWN


def test_opening_an_item_again_gives_the_task_back(world: World):
    _case, checklist = departed(world)
    brp = item(checklist, "brp-deregistration")
    lead = world.actor(world.lead)
    brp = checklist_item_mark(
        actor=lead, user=world.lead.user, item=brp, state="done", version=brp.version
    )
    checklist_item_mark(actor=lead, user=world.lead.user, item=brp, state="open", version=2)
    brp.refresh_from_db()
    assert (brp.state, brp.done_by) == (ItemState.OPEN, None)
    task = Task.objects.get(source=TaskSource.CHECKLIST, source_id=brp.pk, status="open")
    assert task.due_on == brp.due_on


def test_a_stale_version_gets_409_and_keeps_the_typed_reason(client: Client, world: World):
    case, checklist = departed(world)
    network = item(checklist, "network-analysis")
    old_version = network.version
    checklist_item_mark(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        item=network,
        state="done",
        version=old_version,
    )
    sign_in(client, world.lead)
    response = client.post(
        item_url(case, checklist, network),
        {"state": "not_applicable", "reason": "Geen netwerk bekend.", "version": old_version},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Geen netwerk bekend." in page
    assert "Rik Regie" in page  # who changed it in the meantime
    network.refresh_from_db()
    assert network.state == ItemState.DONE
    assert network.done_by == world.process_director.user


def test_a_closed_case_refuses_ticking_with_a_clear_message(client: Client, world: World):
    case, checklist = departed(world)
    missing = item(checklist, "missing-person-report")
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    sign_in(client, world.lead)
    response = client.post(
        item_url(case, checklist, missing), {"state": "done", "version": missing.version}
    )
    assert response.status_code == 400
    assert "The case is closed" in response.content.decode()
    missing.refresh_from_db()
    assert missing.state == ItemState.OPEN


def test_a_closed_case_shows_no_tick_forms_and_refuses_a_new_checklist(
    client: Client, world: World
):
    case, checklist = departed(world)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    sign_in(client, world.lead)
    page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
    assert 'name="state"' not in page
    response = client.post(
        f"/casussen/{case.pk}/checklijsten/starten/",
        {"template": checklist.template_id, "event_date": date.today().isoformat()},
    )
    assert response.status_code == 400
    assert "The case is closed" in response.content.decode()


def test_the_daily_sweep_withdraws_checklist_tasks_of_a_closed_case(world: World):
    case, _checklist = departed(world)
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    assert withdraw_tasks_of_closed_cases(date.today()) == 8
    assert not Task.objects.filter(source=TaskSource.CHECKLIST, status=TaskStatus.OPEN).exists()


def test_a_team_partner_reads_the_checklist_but_ticks_only_what_it_holds(
    client: Client, world: World
):
    case, checklist = departed(world)
    support = item(checklist, "support-left-behind")
    sign_in(client, world.partner)
    page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/")
    assert page.status_code == 200
    assert "Aangifte van vermissing gedaan" in page.content.decode()
    # The police hold the missing-person report and the passport signalling: two buttons.
    assert page.content.decode().count('name="state"') == 2
    response = client.post(
        item_url(case, checklist, support), {"state": "done", "version": support.version}
    )
    assert response.status_code == 404
    support.refresh_from_db()
    assert support.state == ItemState.OPEN


def test_ticking_an_item_someone_else_ticked_meanwhile_is_a_409(client: Client, world: World):
    case, checklist = departed(world)
    missing = item(checklist, "missing-person-report")
    checklist_item_mark(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        item=missing,
        state="done",
        version=missing.version,
    )
    sign_in(client, world.lead)
    response = client.post(item_url(case, checklist, missing), {"state": "done", "version": 1})
    assert response.status_code == 409
    missing.refresh_from_db()
    assert (missing.done_by, missing.version) == (world.process_director.user, 2)
