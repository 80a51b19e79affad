"""The bereaved checklist on a reported death (issue 14, point 6): it starts on the report,
its irreversible item (final deregistration) waits for confirmation — no task, no tick — and
gets its task once the death is confirmed; a report that proves wrong leaves the checklist
to be settled."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cases.services import case_change_situation
from cases.workflow import DeathSource, Situation
from checklists.models import ItemState
from checklists.services import (
    checklist_item_mark,
    offered_template,
    superseded_checklists,
    templates_load,
)
from checklists.tests.builders import case_in, item, start
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World


def open_task(checklist_item) -> Task | None:
    return Task.objects.filter(
        source=TaskSource.CHECKLIST, source_id=checklist_item.pk, status=TaskStatus.OPEN
    ).first()


def move(world: World, case, to: str, **extra):
    case.refresh_from_db()
    return case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=to,
        reason="Nieuw bericht.",
        version=case.version,
        **extra,
    )


def test_the_final_deregistration_waits_for_the_confirmation(world: World):
    templates_load()
    case = case_in(world, Situation.DEPARTED, Situation.REPORTED_DECEASED, birth_year=1990)
    assert offered_template(case) is not None
    checklist = start(world, case, "deceased")
    final = item(checklist, "brp-final")
    assert final.irreversible
    assert open_task(final) is None
    assert open_task(item(checklist, "family-informed")) is not None
    with pytest.raises(ValidationError, match="waits until the death is confirmed"):
        checklist_item_mark(
            actor=world.actor(world.lead),
            user=world.lead.user,
            item=final,
            state=ItemState.DONE,
            version=final.version,
        )

    move(world, case, Situation.DECEASED, death_source=DeathSource.BRP)
    task = open_task(final)
    assert task is not None
    assert task.due_on == final.due_on
    # The checklist started on the report goes on: it is not superseded by the confirmation.
    case.refresh_from_db()
    assert superseded_checklists(case) == []
    assert offered_template(case) is None


def test_a_report_that_proves_wrong_leaves_the_bereaved_checklist_to_settle(world: World):
    case = case_in(world, Situation.DEPARTED, Situation.REPORTED_DECEASED, birth_year=1990)
    checklist = start(world, case, "deceased")
    family = item(checklist, "family-informed")
    move(world, case, Situation.DEPARTED)
    case.refresh_from_db()
    assert [c.pk for c in superseded_checklists(case)] == [checklist.pk]
    assert open_task(family) is None
    assert open_task(item(checklist, "brp-final")) is None


def test_a_report_does_not_settle_the_departed_checklist_and_its_withdrawal_keeps_it(
    world: World,
):
    case = case_in(world, Situation.DEPARTED, birth_year=1990)
    departed = start(world, case, "departed")
    brp = item(departed, "brp-deregistration")
    move(world, case, Situation.REPORTED_DECEASED)
    # On a rumour the departed checklist goes on, beside the bereaved one.
    case.refresh_from_db()
    assert superseded_checklists(case) == []
    assert open_task(brp) is not None
    bereaved = start(world, case, "deceased")
    move(world, case, Situation.DEPARTED)
    case.refresh_from_db()
    assert [c.pk for c in superseded_checklists(case)] == [bereaved.pk]
    assert open_task(brp) is not None
    assert offered_template(case) is None  # the departed checklist is still the running one


def test_a_confirmed_death_settles_the_departed_checklist(world: World):
    case = case_in(world, Situation.DEPARTED, birth_year=1990)
    departed = start(world, case, "departed")
    brp = item(departed, "brp-deregistration")
    move(world, case, Situation.REPORTED_DECEASED)
    move(world, case, Situation.DECEASED, death_source=DeathSource.AUTHORITY)
    case.refresh_from_db()
    assert [c.pk for c in superseded_checklists(case)] == [departed.pk]
    assert open_task(brp) is None
