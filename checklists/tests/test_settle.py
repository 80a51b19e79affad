"""Issue 14 point 2: when the situation moves on, the tasks of the old checklist's open items
are withdrawn at once; the lead closes those items in one step ("lapsed — situation changed
to ..."), giving a reason for each irreversible one; others cannot."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client

from audit.models import ProcessingRecord
from cases.services import case_change_situation
from checklists.models import ItemState
from checklists.services import checklist_settle, superseded_checklists
from checklists.tests.builders import case_in, item, start
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World, sign_in

pytestmark = pytest.mark.django_db


def _returned(world: World):
    case = case_in(world, "intends_to_travel", "departed")
    checklist = start(world, case, "departed")
    case = case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to="returned",
        reason="Teruggekeerd.",
        version=case.version,
        return_motive="unknown",
    )
    checklist.refresh_from_db()
    checklist.case = case
    return case, checklist


def _open_tasks(checklist) -> int:
    ids = list(checklist.items.values_list("pk", flat=True))
    return Task.objects.filter(
        source=TaskSource.CHECKLIST, source_id__in=ids, status=TaskStatus.OPEN
    ).count()


def test_moving_on_withdraws_the_old_checklists_tasks_at_once(world: World):
    case = case_in(world, "intends_to_travel", "departed")
    checklist = start(world, case, "departed")
    assert _open_tasks(checklist) == 8
    case, checklist = _returned(world)
    assert _open_tasks(checklist) == 0
    assert superseded_checklists(case) == [checklist]
    assert checklist.items.filter(state=ItemState.OPEN).count() == 8  # listed, not closed


def test_the_current_situations_checklist_keeps_its_tasks(world: World):
    case = case_in(world, "intends_to_travel", "departed")
    checklist = start(world, case, "departed")
    assert superseded_checklists(case) == []
    assert _open_tasks(checklist) == 8


def test_an_irreversible_item_does_not_lapse_without_the_leads_reason(world: World):
    _case, checklist = _returned(world)
    with pytest.raises(ValidationError) as refused:
        checklist_settle(
            actor=world.actor(world.lead),
            user=world.lead.user,
            checklist=checklist,
            reasons={},
            version=checklist.version,
        )
    brp = item(checklist, "brp-deregistration")
    assert f"reason_{brp.pk}" in refused.value.message_dict
    assert checklist.items.filter(state=ItemState.OPEN).count() == 8


def test_the_lead_settles_the_open_items_in_one_step(world: World):
    case, checklist = _returned(world)
    brp = item(checklist, "brp-deregistration")
    benefits = item(checklist, "benefits-stopped")
    settled = checklist_settle(
        actor=world.actor(world.lead),
        user=world.lead.user,
        checklist=checklist,
        reasons={brp.pk: "Niet uitgeschreven; zij woont weer hier.", benefits.pk: "Niet gestopt."},
        version=checklist.version,
    )
    assert settled == 8
    brp.refresh_from_db()
    assert (brp.state, brp.lapsed_to, brp.done_by) == ("lapsed", "returned", world.lead.user)
    assert brp.na_reason == "Niet uitgeschreven; zij woont weer hier."
    assert superseded_checklists(case) == []
    assert ProcessingRecord.objects.filter(
        name="checklists.settle", object_id=str(checklist.pk)
    ).exists()


@pytest.mark.parametrize("who", ["process_director", "partner"])
def test_only_the_lead_settles(world: World, who: str):
    _case, checklist = _returned(world)
    with pytest.raises(ValidationError):
        checklist_settle(
            actor=world.actor(getattr(world, who)),
            user=getattr(world, who).user,
            checklist=checklist,
            reasons={},
            version=checklist.version,
        )


def test_the_settle_page_lapses_the_items_and_shows_it(client: Client, world: World):
    case, checklist = _returned(world)
    url = f"/casussen/{case.pk}/checklijsten/{checklist.pk}/afsluiten/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.lead)
    detail = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
    assert "no longer applies" in detail
    assert url in detail
    form = client.get(url)
    assert form.status_code == 200
    brp = item(checklist, "brp-deregistration")
    benefits = item(checklist, "benefits-stopped")
    missing = client.post(url, {"version": checklist.version})
    assert missing.status_code == 400
    assert "Give the reason why this irreversible item lapses." in missing.content.decode()
    assert checklist.items.filter(state=ItemState.OPEN).count() == 8
    done = client.post(
        url,
        {
            "version": checklist.version,
            f"reason_{brp.pk}": "Niet uitgevoerd.",
            f"reason_{benefits.pk}": "Niet uitgevoerd.",
        },
    )
    assert done.status_code == 302
    page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
    assert "Lapsed — situation changed to returned" in page


def test_a_stale_settle_page_is_a_conflict_and_changes_nothing(client: Client, world: World):
    case, checklist = _returned(world)
    url = f"/casussen/{case.pk}/checklijsten/{checklist.pk}/afsluiten/"
    sign_in(client, world.lead)
    answer = client.post(url, {"version": checklist.version - 1})
    assert answer.status_code == 409
    assert checklist.items.filter(state=ItemState.OPEN).count() == 8


@pytest.mark.parametrize("who", ["process_director", "partner", "outsider", "admin"])
def test_no_one_but_the_lead_reaches_the_settle_page(client: Client, world: World, who: str):
    case, checklist = _returned(world)
    url = f"/casussen/{case.pk}/checklijsten/{checklist.pk}/afsluiten/"
    sign_in(client, getattr(world, who))
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": checklist.version}).status_code == 404
    assert checklist.items.filter(state=ItemState.OPEN).count() == 8
