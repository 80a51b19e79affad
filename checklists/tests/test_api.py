"""/api/v1/cases/{id}/checklists: the same gate, rules and log as the pages, in
problem+json; starting (201), marking items, 400 for bad input, 409 for a stale version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cases.models import Case
from cases.workflow import CaseStatus, Situation
from checklists.models import Checklist, ItemState
from checklists.services import templates_load
from checklists.tests.builders import case_in, item, start
from signals.tests.builders import bearer
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World

PROBLEM = "application/problem+json"


def collection(case: Case) -> str:
    return f"/api/v1/cases/{case.pk}/checklists"


def item_path(case: Case, checklist: Checklist, item_id: int) -> str:
    return f"/api/v1/cases/{case.pk}/checklists/{checklist.pk}/items/{item_id}"


def post(client: Client, url: str, body: dict, headers: dict[str, str]):
    return client.post(url, body, content_type="application/json", headers=headers)


def test_the_list_offers_the_checklist_of_the_situation(client: Client, world: World):
    templates_load()
    case = case_in(world, Situation.DEPARTED)
    body = client.get(collection(case), headers=bearer(world.lead)).json()
    assert body == {
        "results": [],
        "offered": {"template": "departed", "name": "Uitgereisd", "scenario": "departed"},
    }
    partner_body = client.get(collection(case), headers=bearer(world.partner)).json()
    assert partner_body["offered"] is None


def test_the_lead_starts_a_checklist_and_ticks_an_item(client: Client, world: World):
    templates_load()
    case = case_in(world, Situation.DEPARTED)
    headers = bearer(world.lead)
    departure = timezone.localdate() - timedelta(days=5)
    response = post(
        client,
        collection(case),
        {"template": "departed", "event_date": departure.isoformat()},
        headers,
    )
    assert response.status_code == 201
    data = response.json()
    brp = next(i for i in data["items"] if i["text"].startswith("Uitschrijving uit de BRP"))
    assert brp["due_on"] == (departure + timedelta(days=90)).isoformat()
    assert "acht van de twaalf maanden" in brp["explanation"]
    checklist = Checklist.objects.get(pk=data["id"])
    response = post(
        client,
        item_path(case, checklist, brp["id"]),
        {"state": "done", "version": brp["version"]},
        headers,
    )
    assert response.status_code == 200
    assert response.json()["state"] == "done"
    assert response.json()["done_by"] == "Lea Lead"
    task = Task.objects.get(source=TaskSource.CHECKLIST, source_id=brp["id"])
    assert task.status == TaskStatus.DONE
    listed = client.get(collection(case), headers=headers).json()
    assert listed["results"][0]["id"] == checklist.pk
    assert listed["offered"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"template": "departed"},
        {"template": "bestaat-niet", "event_date": "2026-01-01"},
        {"template": "departed", "event_date": "2999-01-01"},
    ],
    ids=["no-date", "unknown-template", "future"],
)
def test_bad_start_input_is_a_400_that_starts_nothing(client: Client, world: World, body):
    templates_load()
    case = case_in(world, Situation.DEPARTED)
    response = post(client, collection(case), body, bearer(world.lead))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert not Checklist.objects.exists()


def test_not_applicable_without_a_reason_is_a_400(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    benefits = item(checklist, "benefits-stopped")
    response = post(
        client,
        item_path(case, checklist, benefits.pk),
        {"state": "not_applicable", "reason": "", "version": benefits.version},
        bearer(world.lead),
    )
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "reason"
    benefits.refresh_from_db()
    assert benefits.state == ItemState.OPEN


def test_a_stale_version_is_a_409_with_the_item_as_it_is(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    press = item(checklist, "press-line")
    url = item_path(case, checklist, press.pk)
    assert post(client, url, {"state": "done", "version": 1}, bearer(world.lead)).status_code == 200
    response = post(
        client,
        url,
        {"state": "not_applicable", "reason": "OM woordvoering.", "version": 1},
        bearer(world.process_director),
    )
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert response.json()["current"]["state"] == "done"
    assert response.json()["current"]["done_by"] == "Lea Lead"


def test_a_closed_case_refuses_marking_with_a_400(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    response = post(
        client,
        item_path(case, checklist, missing.pk),
        {"state": "done", "version": missing.version},
        bearer(world.lead),
    )
    assert response.status_code == 400
    assert "The case is closed" in str(response.json())


def test_a_team_partner_reads_but_cannot_start_or_mark_the_leads_items(
    client: Client, world: World
):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    support = item(checklist, "support-left-behind")
    assert support.holder_organisation_id is None
    headers = bearer(world.partner)
    assert client.get(collection(case), headers=headers).status_code == 200
    body = {"template": "departed", "event_date": "2026-01-01"}
    assert post(client, collection(case), body, headers).status_code == 404
    mark = {"state": "done", "version": support.version}
    assert post(client, item_path(case, checklist, support.pk), mark, headers).status_code == 404


def test_the_police_mark_their_own_item_done_but_do_not_judge_it(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    assert missing.holder_organisation_id == world.partner.organisation_id
    headers = bearer(world.partner)
    path = item_path(case, checklist, missing.pk)
    not_applicable = {"state": "not_applicable", "reason": "geen", "version": missing.version}
    response = post(client, path, not_applicable, headers)
    assert response.status_code == 400
    missing.refresh_from_db()
    assert missing.state == "open"
    response = post(client, path, {"state": "done", "version": missing.version}, headers)
    assert response.status_code == 200
    assert response.json()["held_by_organisation"] == world.partner.organisation.name
    missing.refresh_from_db()
    assert (missing.state, missing.done_by) == ("done", world.partner.user)


@pytest.mark.parametrize("persona", ["outsider", "admin", "privacy_officer"])
def test_outsiders_get_404_also_by_guessing_ids(client: Client, world: World, persona: str):
    case = case_in(world, Situation.DEPARTED)
    checklist = start(world, case, "departed")
    missing = item(checklist, "missing-person-report")
    headers = bearer(getattr(world, persona))
    for url in (collection(case), f"/api/v1/cases/{case.pk + 1000}/checklists"):
        response = client.get(url, headers=headers)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    mark = {"state": "done", "version": 1}
    assert post(client, item_path(case, checklist, missing.pk), mark, headers).status_code == 404
    other = case_in(world, Situation.DEPARTED)
    lead = bearer(world.lead)
    assert post(client, item_path(other, checklist, missing.pk), mark, lead).status_code == 404


def test_anonymous_callers_get_401(client: Client, world: World):
    case = case_in(world, Situation.DEPARTED)
    for response in (
        client.get(collection(case)),
        client.post(collection(case), {}, content_type="application/json"),
        client.post(f"{collection(case)}/1/items/1", {}, content_type="application/json"),
    ):
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM


def test_the_schema_documents_the_checklist_endpoints_without_warnings(tmp_path, db):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = (tmp_path / "s.yml").read_text()
    assert "/api/v1/cases/{case_id}/checklists:" in schema
    assert "/api/v1/cases/{case_id}/checklists/{checklist_id}/items/{item_id}:" in schema
