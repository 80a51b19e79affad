"""Starting a checklist: the case page offers the one matching the situation, items for
minors only follow the person's age, and items with a period become the lead's tasks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from cases.services import case_change_situation
from cases.workflow import Situation
from checklists.models import Checklist, ChecklistTemplate
from checklists.services import offered_template, templates_load
from checklists.tests.builders import case_in, item, start
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World, sign_in


def start_link(case) -> str:
    return f"/casussen/{case.pk}/checklijsten/starten/?scenario="


def test_changing_the_situation_offers_the_matching_checklist_on_the_case_page(
    client: Client, world: World
):
    templates_load()
    case = case_in(world)
    sign_in(client, world.lead)
    page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert start_link(case) not in page  # concern offers no checklist
    case = case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=Situation.DEPARTED,
        reason="Vertrokken.",
        version=case.version,
    )
    page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert f"{start_link(case)}departed" in page
    assert "Uitgereisd" in page


def test_the_offer_goes_once_started_and_comes_back_with_the_next_situation(world: World):
    case = case_in(world, Situation.DEPARTED)
    start(world, case, "departed")
    assert offered_template(case) is None
    lead = world.actor(world.lead)
    case = case_change_situation(
        actor=lead,
        user=world.lead.user,
        case=case,
        to="returned",
        reason="x",
        version=case.version,
        return_motive="unknown",
    )
    offer = offered_template(case)
    assert offer is not None
    assert offer.code == "returned"


def test_entering_a_situation_again_offers_its_checklist_again(world: World):
    case = case_in(world, Situation.DEPARTED, Situation.RETURNED, Situation.INTENDS_TO_TRAVEL)
    old = start(world, case, "departed", timezone.localdate() - timedelta(days=400))
    Checklist.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=400))
    case = case_change_situation(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        to=Situation.DEPARTED,
        reason="Opnieuw vertrokken.",
        version=case.version,
    )
    offer = offered_template(case)
    assert offer is not None
    assert offer.code == "departed"


def test_a_team_partner_is_not_offered_to_start(client: Client, world: World):
    templates_load()
    case = case_in(world, Situation.DEPARTED)
    sign_in(client, world.partner)
    page = client.get(f"/casussen/{case.pk}/").content.decode()
    assert start_link(case) not in page


def test_the_minors_only_item_is_there_for_a_minor(world: World):
    case = case_in(world, Situation.INTENDS_TO_TRAVEL, birth_year=2011)
    checklist = start(world, case, "intends-to-travel")
    assert item(checklist, "child-protection").text == "Raad voor de Kinderbescherming ingeschakeld"


def test_the_minors_only_item_is_left_out_for_an_adult(world: World):
    case = case_in(world, Situation.INTENDS_TO_TRAVEL, birth_year=1990)
    checklist = start(world, case, "intends-to-travel")
    codes = set(checklist.items.values_list("template_item__code", flat=True))
    assert "child-protection" not in codes
    assert "passport-measure" in codes


def test_starting_gives_the_lead_a_task_per_dated_item(world: World):
    case = case_in(world, Situation.DEPARTED)
    departure = timezone.localdate() - timedelta(days=10)
    checklist = start(world, case, "departed", departure)
    brp = item(checklist, "brp-deregistration")
    task = Task.objects.get(source=TaskSource.CHECKLIST, source_id=brp.pk)
    assert task.due_on == departure + timedelta(days=90) == brp.due_on
    assert task.owner == world.lead.user
    assert task.case == case
    assert task.status == TaskStatus.OPEN
    assert task.url.startswith(f"/casussen/{case.pk}/checklijsten/{checklist.pk}/")
    dated = checklist.items.filter(due_on__isnull=False).count()
    assert Task.objects.filter(source=TaskSource.CHECKLIST, case=case).count() == dated == 8


def test_a_running_checklist_is_not_started_twice(world: World):
    case = case_in(world, Situation.DEPARTED)
    start(world, case, "departed")
    with pytest.raises(ValidationError, match="already running"):
        start(world, case, "departed")


def test_the_lead_starts_a_checklist_with_the_departure_date(client: Client, world: World):
    templates_load()
    case = case_in(world, Situation.DEPARTED)
    sign_in(client, world.lead)
    url = f"/casussen/{case.pk}/checklijsten/starten/"
    page = client.get(url + "?scenario=departed")
    assert page.status_code == 200
    template = ChecklistTemplate.objects.get(code="departed")
    departure = timezone.localdate() - timedelta(days=3)
    response = client.post(url, {"template": template.pk, "event_date": departure.isoformat()})
    checklist = Checklist.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == f"/casussen/{case.pk}/checklijsten/{checklist.pk}/"
    assert checklist.event_date == departure
    assert checklist.started_by == world.lead.user


@pytest.mark.parametrize(
    "event_date",
    ["", "gisteren", (timezone.localdate() + timedelta(days=1)).isoformat()],
    ids=["missing", "not-a-date", "future"],
)
def test_a_bad_event_date_is_refused_with_400_and_starts_nothing(
    client: Client, world: World, event_date: str
):
    templates_load()
    case = case_in(world, Situation.DEPARTED)
    sign_in(client, world.lead)
    template = ChecklistTemplate.objects.get(code="departed")
    response = client.post(
        f"/casussen/{case.pk}/checklijsten/starten/",
        {"template": template.pk, "event_date": event_date},
    )
    assert response.status_code == 400
    assert not Checklist.objects.exists()
    assert not Task.objects.filter(source=TaskSource.CHECKLIST).exists()
