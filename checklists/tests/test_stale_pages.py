"""A change sent from an outdated checklist page: 409, nothing saved, the page keeps what the
user typed on the current version, and sending that form again saves it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cases.workflow import Situation
from checklists import views
from checklists.models import ChecklistItem, ItemState, TemplateItem
from checklists.services import checklist_item_mark, templates_load
from checklists.tests.builders import case_in, item, start
from checklists.tests.test_admin import brp, item_post, item_url
from tests.personas import World, sign_in


def page_url(checklist_item: ChecklistItem) -> str:
    checklist = checklist_item.checklist
    return f"/casussen/{checklist.case_id}/checklijsten/{checklist.pk}/punten/{checklist_item.pk}/"


def network_item(world: World) -> ChecklistItem:
    checklist = start(world, case_in(world, Situation.DEPARTED), "departed")
    return item(checklist, "network-analysis")


def mark_done_by_the_process_director(world: World, checklist_item: ChecklistItem) -> None:
    checklist_item_mark(
        actor=world.actor(world.process_director),
        user=world.process_director.user,
        item=ChecklistItem.objects.get(pk=checklist_item.pk),
        state="done",
        version=ChecklistItem.objects.get(pk=checklist_item.pk).version,
    )


def test_an_item_marked_on_an_outdated_page_keeps_the_reason_and_sent_again_it_is_saved(
    client: Client, world: World
):
    network = network_item(world)
    seen = network.version
    mark_done_by_the_process_director(world, network)
    sign_in(client, world.lead)
    stale = {"state": "not_applicable", "reason": "Geen netwerk bekend.", "version": seen}

    response = client.post(page_url(network), stale)

    assert response.status_code == 409
    assert "Geen netwerk bekend." in response.content.decode()
    assert response.context["form"]["version"].value() == seen + 1

    again = client.post(page_url(network), {**stale, "version": seen + 1})

    assert again.status_code == 302
    network.refresh_from_db()
    assert (network.state, network.na_reason) == (ItemState.NOT_APPLICABLE, "Geen netwerk bekend.")


def test_a_change_the_service_finds_outdated_is_the_same_conflict_on_the_item_as_it_is_now(
    client: Client, world: World, monkeypatch: pytest.MonkeyPatch
):
    network = network_item(world)
    real_mark = views.checklist_item_mark

    def after_someone_else(**kwargs: Any) -> ChecklistItem:
        # The process director saves between the page's version check and this save.
        mark_done_by_the_process_director(world, network)
        return real_mark(**kwargs)

    monkeypatch.setattr(views, "checklist_item_mark", after_someone_else)
    sign_in(client, world.lead)
    response = client.post(
        page_url(network),
        {"state": "not_applicable", "reason": "Geen netwerk bekend.", "version": network.version},
    )

    assert response.status_code == 409
    assert "Geen netwerk bekend." in response.content.decode()
    form = response.context["form"]
    assert form["version"].value() == network.version + 1
    # The choices follow the item as it is now: done is no longer offered.
    assert [value for value, _label in form.fields["state"].choices] == [
        ItemState.NOT_APPLICABLE,
        ItemState.OPEN,
    ]
    network.refresh_from_db()
    assert (network.state, network.done_by) == (ItemState.DONE, world.process_director.user)


def test_a_template_item_edited_on_an_outdated_page_sent_again_on_the_new_version_is_saved(
    client: Client, world: World
):
    templates_load()
    sign_in(client, world.admin)
    stale = item_post(brp(), text="Mijn tekst")
    TemplateItem.objects.filter(pk=brp().pk).update(version=2, source_note="Andermans bron")

    response = client.post(item_url(brp()), stale)

    assert response.status_code == 409
    assert "Mijn tekst" in response.content.decode()
    assert response.context["form"]["version"].value() == 2

    assert client.post(item_url(brp()), {**stale, "version": 2}).status_code == 302
    assert (brp().text, brp().version) == ("Mijn tekst", 3)
