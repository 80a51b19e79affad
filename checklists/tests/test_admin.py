"""The administrator keeps the templates: periods and texts change for checklists started
from then on; bad input is a 400 and a stale edit a 409, changing nothing."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from cases.workflow import Situation
from checklists.models import ChecklistTemplate, TemplateItem
from checklists.services import templates_load
from checklists.tests.builders import case_in, item, start
from tests.personas import World, sign_in


def brp() -> TemplateItem:
    return TemplateItem.objects.get(template__code="departed", code="brp-deregistration")


def item_post(template_item: TemplateItem, **changes) -> dict:
    data = {
        "position": template_item.position,
        "text": template_item.text,
        "help_text": template_item.help_text,
        "applies_to": template_item.applies_to,
        "creates_task": "on" if template_item.creates_task else "",
        "task_offset_days": template_item.task_offset_days or "",
        "task_owner": template_item.task_owner,
        "source_note": template_item.source_note,
        "active": "on" if template_item.active else "",
        "version": template_item.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def item_url(template_item: TemplateItem) -> str:
    return f"/beheer/checklijsten/{template_item.template_id}/punten/{template_item.pk}/"


def test_a_new_period_applies_to_new_checklists_and_started_ones_keep_theirs(
    client: Client, world: World
):
    templates_load()
    case = case_in(world, Situation.DEPARTED)
    before = start(world, case, "departed")
    sign_in(client, world.admin)
    response = client.post(item_url(brp()), item_post(brp(), task_offset_days=240))
    assert response.status_code == 302
    assert brp().task_offset_days == 240
    assert brp().version == 2
    other = case_in(world, Situation.DEPARTED)
    after = start(world, other, "departed", before.event_date)
    assert item(after, "brp-deregistration").due_on == after.event_date + timedelta(days=240)
    assert item(before, "brp-deregistration").due_on == before.event_date + timedelta(days=90)


def test_a_task_without_a_period_is_refused(client: Client, world: World):
    templates_load()
    sign_in(client, world.admin)
    data = item_post(brp())
    del data["task_offset_days"]
    response = client.post(item_url(brp()), data)
    assert response.status_code == 400
    assert "Give the number of days after the event date." in response.content.decode()
    assert brp().task_offset_days == 90


def test_a_stale_template_item_edit_is_a_409_that_keeps_the_typed_text(
    client: Client, world: World
):
    templates_load()
    sign_in(client, world.admin)
    stale = item_post(brp(), text="Mijn tekst", version=1)
    TemplateItem.objects.filter(pk=brp().pk).update(version=2, text="Andermans tekst")
    response = client.post(item_url(brp()), stale)
    assert response.status_code == 409
    assert "Mijn tekst" in response.content.decode()
    assert brp().text == "Andermans tekst"


def test_the_administrator_adds_an_item(client: Client, world: World):
    templates_load()
    template = ChecklistTemplate.objects.get(code="deceased")
    sign_in(client, world.admin)
    response = client.post(
        f"/beheer/checklijsten/{template.pk}/punten/nieuw/",
        {
            "position": 9,
            "text": "Woordvoeringslijn afgesproken",
            "applies_to": "all",
            "creates_task": "on",
            "task_offset_days": 3,
            "task_owner": "lead",
            "active": "on",
        },
    )
    assert response.status_code == 302
    added = template.items.get(text="Woordvoeringslijn afgesproken")
    assert (added.code, added.task_offset_days) == ("woordvoeringslijn-afgesproken", 3)


def test_only_one_active_template_per_scenario(client: Client, world: World):
    templates_load()
    sign_in(client, world.admin)
    response = client.post(
        "/beheer/checklijsten/nieuw/",
        {"code": "vertrokken-2", "name": "Vertrokken", "scenario": "departed", "active": "on"},
    )
    assert response.status_code == 400
    assert not ChecklistTemplate.objects.filter(code="vertrokken-2").exists()
    response = client.post(
        "/beheer/checklijsten/nieuw/",
        {"code": "vertrokken-2", "name": "Vertrokken", "scenario": "departed"},
    )
    assert response.status_code == 302
    assert not ChecklistTemplate.objects.get(code="vertrokken-2").active


def test_the_administrator_renames_a_template_and_a_stale_edit_is_refused(
    client: Client, world: World
):
    templates_load()
    template = ChecklistTemplate.objects.get(code="returned")
    sign_in(client, world.admin)
    data = {"name": "Terugkeer", "scenario": "returned", "active": "on", "version": 1}
    assert client.post(f"/beheer/checklijsten/{template.pk}/", data).status_code == 302
    template.refresh_from_db()
    assert (template.name, template.version, template.code) == ("Terugkeer", 2, "returned")
    response = client.post(f"/beheer/checklijsten/{template.pk}/", {**data, "name": "Oud"})
    assert response.status_code == 409
    template.refresh_from_db()
    assert template.name == "Terugkeer"
