"""/api/v1/cases/{id}/family-contacts, /press-lines, /assessments, /reintegration-plan: the
same gates, rules and log as the pages, in problem+json; the schema documents them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.services import team_remove
from cases.workflow import Situation
from signals.tests.builders import bearer
from support.models import (
    AssessmentReference,
    FamilySupportContact,
    PressLine,
    ReintegrationPlan,
)
from support.tests.builders import contact, relative, support_case
from tests.personas import World

PROBLEM = "application/problem+json"
ENDPOINTS = ["family-contacts", "press-lines", "assessments", "reintegration-plan"]


def url(case_id: int, endpoint: str) -> str:
    return f"/api/v1/cases/{case_id}/{endpoint}"


def post(client: Client, path: str, body: dict, headers: dict[str, str]):
    return client.post(path, body, content_type="application/json", headers=headers)


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("persona", ["lead", "process_director", "partner"])
def test_the_case_team_reads_every_endpoint(client, world: World, persona, endpoint):
    case = support_case(world)
    response = client.get(url(case.pk, endpoint), headers=bearer(getattr(world, persona)))
    assert response.status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("persona", ["outsider", "privacy_officer", "admin"])
def test_everyone_else_gets_404_also_for_guessed_ids(client, world: World, persona, endpoint):
    case = support_case(world)
    headers = bearer(getattr(world, persona))
    for case_id in (case.pk, 987654):
        assert client.get(url(case_id, endpoint), headers=headers).status_code == 404
        response = post(client, url(case_id, endpoint), {}, headers)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_callers_get_401(client, world: World, endpoint):
    case = support_case(world)
    assert client.get(url(case.pk, endpoint)).status_code == 401


def test_a_removed_partner_gets_404(client, world: World):
    case = support_case(world)
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        organisation=world.police,
        reason="Klaar.",
        version=case.version,
    )
    for endpoint in ENDPOINTS:
        assert client.get(url(case.pk, endpoint), headers=bearer(world.partner)).status_code == 404


def test_a_partner_records_a_family_contact_and_the_list_logs_each_relative(client, world: World):
    case = support_case(world)
    mother = relative(world, case)
    headers = bearer(world.partner)
    body = {
        "relative": mother.pk,
        "contact_on": _day(-1),
        "question_kinds": ["practical"],
        "summary": "Vraag over toeslagen.",
        "referred": True,
        "referred_on": _day(0),
    }
    response = post(client, url(case.pk, "family-contacts"), body, headers)
    assert response.status_code == 201
    assert response.json()["question_kinds"] == ["practical"]
    listing = client.get(url(case.pk, "family-contacts"), headers=headers).json()
    assert [c["relative_name"] for c in listing["results"]] == ["Moeder"]
    reads = ProcessingRecord.objects.filter(name="support.api.family.read")
    assert pseudonymise(f"network_person:{mother.pk}") in set(
        reads.values_list("subject_pseudonym", flat=True)
    )


def test_a_relative_of_another_case_is_a_clear_400(client, world: World):
    case = support_case(world)
    stranger = relative(world, support_case(world), "Iemand anders")
    body = {
        "relative": stranger.pk,
        "contact_on": _day(-1),
        "question_kinds": ["care"],
        "summary": "x",
    }
    response = post(client, url(case.pk, "family-contacts"), body, bearer(world.lead))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert "Choose a relative from the network of this case." in response.content.decode()
    assert not FamilySupportContact.objects.exists()


def test_press_lines_over_the_api(client, world: World):
    case = support_case(world)
    body = {
        "lead": "municipality",
        "core_messages": "Geen uitspraken over personen.",
        "questions_and_answers": [{"question": "Hoeveel?", "answer": "Geen aantallen."}],
        "agreed_by": "Driehoek",
        "agreed_on": _day(0),
        "valid_until": _day(-1),
    }
    refused = post(client, url(case.pk, "press-lines"), body, bearer(world.lead))
    assert refused.status_code == 400
    assert "before the day it was agreed" in refused.content.decode()
    assert not PressLine.objects.exists()
    # Team partners read the line, but do not draw it up.
    partner = post(client, url(case.pk, "press-lines"), body, bearer(world.partner))
    assert partner.status_code == 404
    created = post(
        client, url(case.pk, "press-lines"), {**body, "valid_until": _day(30)}, bearer(world.lead)
    )
    assert created.status_code == 201
    assert created.json()["status"] == "agreed"
    listing = client.get(url(case.pk, "press-lines"), headers=bearer(world.partner)).json()
    assert "names or numbers" in listing["reminder"]
    assert listing["results"][0]["history"][0]["version"] == 1


def test_assessments_over_the_api(client, world: World):
    case = support_case(world)
    body = {
        "instrument": "ir-46-score",
        "assessor": "Psycholoog",
        "assessed_on": _day(-2),
        "narrative": "Stabiel.",
    }
    refused = post(client, url(case.pk, "assessments"), body, bearer(world.partner))
    assert refused.status_code == 400
    assert "Choose the instrument from the list" in refused.content.decode()
    assert not AssessmentReference.objects.exists()
    created = post(
        client,
        url(case.pk, "assessments"),
        {**body, "instrument": "ir_46", "next_on": _day(60)},
        bearer(world.partner),
    )
    assert created.status_code == 201
    assert "score" not in created.json()
    listing = client.get(url(case.pk, "assessments"), headers=bearer(world.lead)).json()
    assert listing["results"][0]["narrative"] == "Stabiel."


def test_the_reintegration_plan_over_the_api(client, world: World):
    case = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    headers = bearer(world.lead)
    empty = client.get(url(case.pk, "reintegration-plan"), headers=headers).json()
    assert empty == {"plan": None}
    body = {"parts": [{"part": "coaching", "text": "Exitbegeleiding.", "owner": None}]}
    created = post(client, url(case.pk, "reintegration-plan"), body, headers)
    assert created.status_code == 200
    plan = created.json()["plan"]
    assert plan["version"] == 1
    assert [p["part"] for p in plan["parts"]][:2] == ["housing", "work_education"]
    # Drawn up already: without its version it is a conflict, and so is an old version.
    assert post(client, url(case.pk, "reintegration-plan"), body, headers).status_code == 409
    changed = post(client, url(case.pk, "reintegration-plan"), {**body, "version": 1}, headers)
    assert changed.status_code == 200
    stale = post(client, url(case.pk, "reintegration-plan"), {**body, "version": 1}, headers)
    assert stale.status_code == 409
    assert stale["Content-Type"] == PROBLEM
    assert ReintegrationPlan.objects.get(case=case).version == 2
    bad = post(
        client,
        url(case.pk, "reintegration-plan"),
        {"version": 2, "parts": [{"part": "astrology", "text": "x"}]},
        headers,
    )
    assert bad.status_code == 400


def test_the_schema_documents_the_support_endpoints_without_warnings(tmp_path, db):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = (tmp_path / "s.yml").read_text()
    for endpoint in ENDPOINTS:
        assert f"/api/v1/cases/{{case_id}}/{endpoint}:" in schema


def test_family_contacts_listed_for_the_lead_too(client, world: World):
    case = support_case(world)
    contact(world, case, relative(world, case))
    listing = client.get(url(case.pk, "family-contacts"), headers=bearer(world.lead)).json()
    assert len(listing["results"]) == 1
