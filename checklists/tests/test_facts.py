"""Issue 14 point 1: an item names the fact that fulfils it (catalogue data); once that fact
is recorded, the item is done by itself — with what, when and by whom — its task closed, the
change logged; the person can still mark it by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from audit.models import ProcessingRecord
from cases.models import PlanVersion
from checklists.facts import FactKind, registered_kinds
from checklists.models import ItemState, TemplateItem
from checklists.services import checklist_facts_record, checklist_item_mark, templates_load
from checklists.tests.builders import case_in, item, start
from measures.models import Intervention, InterventionEvent, MeasureType
from measures.services import catalogue_load
from measures.workflow import InterventionState
from network.models import NetworkPerson, Relation
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World, sign_in

pytestmark = pytest.mark.django_db


def _task(checklist_item) -> Task:
    return Task.objects.get(source=TaskSource.CHECKLIST, source_id=checklist_item.pk)


def _relation(world: World, case) -> Relation:
    people = [
        NetworkPerson.objects.create(
            case=case,
            name=name,
            source_organisation=world.police,
            created_by=world.partner.user,
        )
        for name in ("A", "B")
    ]
    return Relation.objects.create(
        case=case,
        source=people[0],
        target=people[1],
        kind="friend",
        observed_on=timezone.localdate(),
        source_organisation=world.police,
        created_by=world.partner.user,
    )


def test_every_fact_kind_has_a_provider_once_the_apps_are_loaded():
    assert registered_kinds() == set(FactKind.values)


def test_the_catalogue_links_items_as_data_and_marks_the_irreversible_ones(world: World):
    templates_load()
    brp = TemplateItem.objects.get(template__code="departed", code="brp-deregistration")
    assert (brp.fulfilled_by, brp.fact_parameter, brp.irreversible) == (
        FactKind.MEASURE_REQUESTED,
        "brp-deregistration",
        True,
    )
    assert TemplateItem.objects.get(template__code="departed", code="benefits-stopped").irreversible
    returned = set(
        TemplateItem.objects.filter(template__code="returned").values_list("code", flat=True)
    )
    assert {"press-line", "council-informed"} <= returned


def test_a_relation_recorded_ticks_the_network_item_with_who_and_when(
    world: World, django_capture_on_commit_callbacks
):
    case = case_in(world, "intends_to_travel", "departed")
    checklist = start(world, case, "departed")
    network_item = item(checklist, "network-analysis")
    assert _task(network_item).status == TaskStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        relation = _relation(world, case)
    network_item.refresh_from_db()
    assert network_item.state == ItemState.DONE
    assert (network_item.fact_object_type, network_item.fact_object_id) == (
        "network_relation",
        relation.pk,
    )
    assert network_item.done_by == world.partner.user
    assert _task(network_item).status == TaskStatus.DONE
    assert ProcessingRecord.objects.filter(
        name="checklists.item.fulfilled", object_id=str(network_item.pk)
    ).exists()


def test_a_fact_recorded_before_the_start_counts_when_the_checklist_starts(world: World):
    case = case_in(world, "intends_to_travel", "departed")
    _relation(world, case)
    checklist = start(world, case, "departed")
    assert item(checklist, "network-analysis").state == ItemState.DONE


def test_a_measure_of_the_named_type_requested_ticks_its_item_and_another_type_does_not(
    world: World,
):
    catalogue_load()
    case = case_in(world, "intends_to_travel", "departed")
    checklist = start(world, case, "departed")
    other = Intervention.objects.create(
        case=case,
        measure_type=MeasureType.objects.get(code="rehousing"),
        responsible_organisation=world.gemeente_wijkstad,
        state=InterventionState.REQUESTED,
        created_by=world.lead.user,
    )
    checklist_facts_record(case_id=case.pk)
    assert item(checklist, "brp-deregistration").state == ItemState.OPEN
    brp = Intervention.objects.create(
        case=case,
        measure_type=MeasureType.objects.get(code="brp-deregistration"),
        responsible_organisation=world.gemeente_wijkstad,
        state=InterventionState.PROPOSED,
        created_by=world.lead.user,
    )
    checklist_facts_record(case_id=case.pk)
    assert item(checklist, "brp-deregistration").state == ItemState.OPEN  # only proposed
    Intervention.objects.filter(pk=brp.pk).update(state=InterventionState.REQUESTED)
    InterventionEvent.objects.create(
        intervention=brp,
        from_state="proposed",
        to_state="requested",
        reason="Verzocht.",
        actor=world.process_director.user,
        actor_name="Rik Regie",
    )
    assert checklist_facts_record(case_id=case.pk) == 1
    done = item(checklist, "brp-deregistration")
    assert done.state == ItemState.DONE
    assert done.fact_detail == "Ambtshalve uitschrijving uit de BRP"
    assert done.done_by == world.process_director.user
    assert other.pk != done.fact_object_id


def test_a_plan_agreed_before_the_event_date_does_not_count(world: World):
    case = case_in(world, "intends_to_travel", "departed")
    checklist = start(world, case, "departed", event_date=timezone.localdate())
    plan = PlanVersion.objects.create(
        case=case, number=1, summary="Plan.", agreed_by=world.lead.user
    )
    PlanVersion.objects.filter(pk=plan.pk).update(agreed_at=timezone.now() - timedelta(days=3))
    checklist_facts_record(case_id=case.pk)
    assert item(checklist, "return-plan").state == ItemState.OPEN
    PlanVersion.objects.create(case=case, number=2, summary="Plan 2.", agreed_by=world.lead.user)
    checklist_facts_record(case_id=case.pk)
    done = item(checklist, "return-plan")
    assert (done.state, done.fact_detail) == (ItemState.DONE, "v2")


def test_an_item_opened_again_by_hand_is_not_ticked_again_by_the_same_record(world: World):
    case = case_in(world, "intends_to_travel", "departed")
    _relation(world, case)
    checklist = start(world, case, "departed")
    done = item(checklist, "network-analysis")
    checklist_item_mark(
        actor=world.actor(world.lead),
        user=world.lead.user,
        item=done,
        state=ItemState.OPEN,
        version=done.version,
    )
    assert checklist_facts_record(case_id=case.pk) == 0
    assert item(checklist, "network-analysis").state == ItemState.OPEN


def test_the_page_shows_done_by_the_record_with_a_link_for_a_team_partner(
    client: Client, world: World
):
    case = case_in(world, "intends_to_travel", "departed")
    _relation(world, case)
    checklist = start(world, case, "departed")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.partner)
    page = client.get(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/").content.decode()
    assert "Done — network with at least one relation" in page
    assert "Piet Partner" in page
    assert f'href="/casussen/{case.pk}/netwerk/"' in page


def test_the_administrator_links_an_item_to_a_measure_and_bad_input_changes_nothing(
    client: Client, world: World
):
    catalogue_load()
    templates_load()
    target = TemplateItem.objects.get(template__code="departed", code="support-left-behind")
    url = f"/beheer/checklijsten/{target.template_id}/punten/{target.pk}/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sign_in(client, world.admin)
    form = {
        "position": target.position,
        "text": target.text,
        "applies_to": "all",
        "creates_task": "on",
        "task_offset_days": 14,
        "task_owner": "lead",
        "active": "on",
        "version": target.version,
        "fulfilled_by": "measure_requested",
        "fact_parameter": "no-such-measure",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "No measure type has this code" in refused.content.decode()
    target.refresh_from_db()
    assert target.fulfilled_by == ""
    form["fact_parameter"] = "family-support-lse"
    assert client.post(url, form).status_code == 302
    target.refresh_from_db()
    assert (target.fulfilled_by, target.fact_parameter) == (
        "measure_requested",
        "family-support-lse",
    )


def test_an_item_done_by_a_record_can_still_be_ticked_by_hand(world: World):
    case = case_in(world, "intends_to_travel", "departed")
    _relation(world, case)
    checklist = start(world, case, "departed")
    done = item(checklist, "network-analysis")
    checklist_item_mark(
        actor=world.actor(world.lead),
        user=world.lead.user,
        item=done,
        state=ItemState.DONE,
        version=done.version,
    )
    done.refresh_from_db()
    assert (done.state, done.done_by, done.fact_object_type) == (
        ItemState.DONE,
        world.lead.user,
        "",
    )
