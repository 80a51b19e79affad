"""/api/v1/cases: the same gate, log and rules as the case pages, in problem+json."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.models import Case
from cases.services import team_remove
from cases.tests.test_cases import open_case
from cases.workflow import CaseStatus, Situation
from signals.tests.builders import bearer
from tests.personas import World

LIST = "/api/v1/cases"
PROBLEM = "application/problem+json"


def one(case: Case) -> str:
    return f"/api/v1/cases/{case.pk}"


def post(client: Client, url: str, body: dict, headers: dict[str, str]):
    return client.post(url, body, content_type="application/json", headers=headers)


def test_anonymous_callers_get_401_problem_json(client: Client, world: World):
    case = open_case(world)
    for response in (
        client.get(LIST),
        client.get(one(case)),
        client.post(f"{one(case)}/situation", {}, content_type="application/json"),
        client.post(f"{one(case)}/status", {}, content_type="application/json"),
    ):
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("persona", ["outsider", "admin", "privacy_officer"])
def test_outsiders_get_an_empty_list_and_404_even_by_guessing_ids(
    client: Client, world: World, persona: str
):
    case = open_case(world)
    headers = bearer(getattr(world, persona))
    assert client.get(LIST, headers=headers).json()["results"] == []
    for url in (one(case), f"/api/v1/cases/{case.pk + 1000}"):
        response = client.get(url, headers=headers)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    body = {"to": "departed", "reason": "x", "version": 1}
    assert post(client, f"{one(case)}/situation", body, headers).status_code == 404
    assert Case.objects.get(pk=case.pk).situation == Situation.CONCERN


def test_a_team_partner_reads_the_case_until_the_team_drops_them(client: Client, world: World):
    case = open_case(world)
    headers = bearer(world.partner)
    listing = client.get(LIST, headers=headers).json()["results"]
    assert [row["id"] for row in listing] == [case.pk]
    detail = client.get(one(case), headers=headers).json()
    assert [m["organisation"]["id"] for m in detail["team"]] == [world.police.pk]
    assert detail["events"][0]["kind"] == "opened"
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="klaar",
        version=case.version,
    )
    assert client.get(one(case), headers=headers).status_code == 404
    assert client.get(LIST, headers=headers).json()["results"] == []


def test_reads_are_logged_per_person(client: Client, world: World):
    case = open_case(world)
    headers = bearer(world.lead)
    client.get(LIST, headers=headers)
    client.get(one(case), headers=headers)
    names = set(
        ProcessingRecord.objects.filter(
            subject_pseudonym=pseudonymise(f"subject:{case.subject_id}")
        ).values_list("name", flat=True)
    )
    assert {"cases.api.list", "cases.read"} <= names


def test_the_list_pages_by_keyset(client: Client, world: World):
    cases = [open_case(world) for _ in range(27)]
    headers = bearer(world.lead)
    first = client.get(LIST, headers=headers).json()
    assert len(first["results"]) == 25
    assert first["results"][0]["id"] == cases[-1].pk
    second = client.get(first["next"], headers=headers).json()
    assert [row["id"] for row in second["results"]] == [cases[1].pk, cases[0].pk]
    assert second["next"] is None
    bad = client.get(f"{LIST}?after=nul", headers=headers)
    assert bad.status_code == 400
    assert bad["Content-Type"] == PROBLEM


def test_the_lead_changes_situation_and_a_stale_version_is_409(client: Client, world: World):
    case = open_case(world)
    headers = bearer(world.lead)
    url = f"{one(case)}/situation"
    moved = post(client, url, {"to": "departed", "reason": "vertrokken", "version": 1}, headers)
    assert moved.status_code == 200
    assert (moved.json()["situation"], moved.json()["version"]) == ("departed", 2)
    stale = post(client, url, {"to": "detained", "reason": "x", "version": 1}, headers)
    assert stale.status_code == 409
    assert stale["Content-Type"] == PROBLEM
    case.refresh_from_db()
    assert (case.situation, case.version) == (Situation.DEPARTED, 2)


def test_a_stale_api_edit_to_what_already_happened_is_409_not_400(client: Client, world: World):
    """The version is checked before the transition: asking on version 1 for "departed" when
    the case departed meanwhile is a conflict, not an invalid transition."""
    case = open_case(world)
    headers = bearer(world.lead)
    url = f"{one(case)}/situation"
    body = {"to": "departed", "reason": "vertrokken", "version": 1}
    assert post(client, url, body, headers).status_code == 200
    stale = post(client, url, body, headers)
    assert stale.status_code == 409
    status_url = f"{one(case)}/status"
    pause = {"to": "suspended", "reason": "pauze", "version": 2}
    assert post(client, status_url, pause, headers).status_code == 200
    assert post(client, status_url, pause, headers).status_code == 409
    assert case.events.count() == 3  # opened, departed, suspended


@pytest.mark.parametrize(
    ("path", "body", "fields"),
    [
        ("situation", {"to": "returned", "reason": "x", "version": 1}, {"non_field_errors"}),
        ("situation", {"to": "ergens", "reason": "x", "version": 1}, {"to"}),
        ("situation", {"to": "departed", "reason": "", "version": 1}, {"reason"}),
        ("status", {"to": "suspended", "reason": "x"}, {"version"}),
        ("status", {"to": "closed", "reason": "x", "version": 1}, {"non_field_errors"}),
    ],
)
def test_bad_changes_are_400_and_change_nothing(client: Client, world: World, path, body, fields):
    case = open_case(world)
    response = post(client, f"{one(case)}/{path}", body, bearer(world.lead))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert {p["name"] for p in response.json()["invalid_params"]} == fields
    case.refresh_from_db()
    assert (case.situation, case.status, case.version) == (
        Situation.CONCERN,
        CaseStatus.ACTIVE,
        1,
    )


def test_a_team_partner_cannot_change_the_case(client: Client, world: World):
    case = open_case(world)
    body = {"to": "suspended", "reason": "x", "version": 1}
    response = post(client, f"{one(case)}/status", body, bearer(world.partner))
    assert response.status_code == 404
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACTIVE


def test_the_schema_documents_the_case_endpoints(tmp_path: Path, db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = (tmp_path / "s.yml").read_text()
    for path in ("/api/v1/cases:", "/api/v1/cases/{case_id}:", "/situation:", "/status:"):
        assert path in schema
