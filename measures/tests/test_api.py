"""/api/v1/cases/{id}/interventions and /api/v1/measure-types: the same gate, log and rules
as the measures pages, in problem+json."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from audit.models import ProcessingRecord
from cases.models import Case
from measures.models import Intervention, MeasureType
from measures.tests.helpers import close, measures_case, propose, step
from signals.tests.builders import bearer
from tests.personas import World

PROBLEM = "application/problem+json"
TODAY = date(2026, 11, 30)
Catalogue = dict[str, MeasureType]


def collection(case: Case) -> str:
    return f"/api/v1/cases/{case.pk}/interventions"


def one(intervention: Intervention) -> str:
    return f"{collection(intervention.case)}/{intervention.pk}"


def post(client: Client, url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, body, content_type="application/json", headers=headers)


def proposal(world: World, catalogue: Catalogue, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "measure_type": catalogue["youth-care"].pk,
        "responsible_organisation": world.gemeente_wijkstad.pk,
        "reason": "Afgesproken in het casusoverleg.",
    }
    body.update(changes)
    return body


def test_anonymous_callers_get_401_problem_json(world: World, catalogue: Catalogue):
    client = Client()
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    for response in (
        client.get(collection(intervention.case)),
        client.post(collection(intervention.case), {}, content_type="application/json"),
        client.get(one(intervention)),
        client.post(one(intervention) + "/transitions", {}, content_type="application/json"),
        client.get("/api/v1/measure-types"),
    ):
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("persona", ["outsider", "admin", "privacy_officer"])
def test_outsiders_get_404_on_every_endpoint_and_change_nothing(
    client: Client, world: World, catalogue: Catalogue, persona: str
):
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    headers = bearer(getattr(world, persona))
    for response in (
        client.get(collection(intervention.case), headers=headers),
        post(client, collection(intervention.case), proposal(world, catalogue), headers),
        client.get(one(intervention), headers=headers),
        client.get(f"{collection(intervention.case)}/987654", headers=headers),
        post(
            client,
            one(intervention) + "/transitions",
            {"to": "requested", "reason": "x", "version": 1},
            headers,
        ),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    assert Intervention.objects.count() == 1
    assert Intervention.objects.get().state == "proposed"


@pytest.mark.clock(TODAY)
@pytest.mark.parametrize("persona", ["lead", "process_director", "partner"])
def test_those_on_the_case_list_every_regime_and_read_history_and_remedies(
    client: Client, world: World, catalogue: Catalogue, persona: str
):
    case = measures_case(world)
    passport = propose(world, case, catalogue["passport-invalidation"])
    step(world, passport, "decided", decided_on=TODAY)
    propose(world, case, catalogue["criminal-investigation"])
    headers = bearer(getattr(world, persona))
    listed = client.get(collection(case), headers=headers)
    assert listed.status_code == 200
    results = listed.json()["results"]
    assert {r["regime"] for r in results} == {"administrative", "criminal"}
    detail = client.get(one(passport), headers=headers).json()
    assert [(h["from_state"], h["to_state"]) for h in detail["history"]] == [
        ("", "proposed"),
        ("proposed", "decided"),
    ]
    assert detail["remedies"][0]["kind"] == "objection"
    assert detail["remedies"][0]["deadline"] == "2027-01-11"
    assert detail["open_remedies"] == detail["remedies"]
    assert detail["allowed_steps"] == ["active", "withdrawn", "annulled"]
    assert ProcessingRecord.objects.filter(name="cases.measures.read").count() == 2


def test_the_lead_proposes_and_a_partner_gets_404(
    client: Client, world: World, catalogue: Catalogue
):
    case = measures_case(world)
    refused = post(client, collection(case), proposal(world, catalogue), bearer(world.partner))
    assert refused.status_code == 404
    assert not Intervention.objects.exists()
    response = post(client, collection(case), proposal(world, catalogue), bearer(world.lead))
    assert response.status_code == 201
    body = response.json()
    assert (body["state"], body["legal_basis"]) == ("proposed", "Jeugdwet")
    assert body["history"][0]["reason"] == "Afgesproken in het casusoverleg."


def test_a_measure_on_a_closed_case_is_a_400_problem_and_saves_nothing(
    client: Client, world: World, catalogue: Catalogue
):
    case = close(measures_case(world))
    response = post(client, collection(case), proposal(world, catalogue), bearer(world.lead))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["invalid_params"] == [
        {"name": "non_field_errors", "reason": "The case is closed."}
    ]
    assert not Intervention.objects.exists()


def test_an_unknown_measure_type_is_a_400_with_its_field(
    client: Client, world: World, catalogue: Catalogue
):
    case = measures_case(world)
    body = proposal(world, catalogue, measure_type=987654)
    response = post(client, collection(case), body, bearer(world.lead))
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "measure_type"
    assert not Intervention.objects.exists()


@pytest.mark.clock(TODAY)
def test_a_transition_moves_the_measure_with_its_dates(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = step(
        world, propose(world, measures_case(world), catalogue["twbmt-exit-ban"]), "decided"
    )
    response = post(
        client,
        one(intervention) + "/transitions",
        {"to": "active", "reason": "Besluit.", "version": 2, "start_on": "2026-12-01"},
        bearer(world.lead),
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["state"], body["start_on"], body["end_on"]) == (
        "active",
        "2026-12-01",
        "2027-05-31",
    )
    assert "01-03-2027" in body["law_expiry_warning"]


@pytest.mark.clock(TODAY)
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"to": "active", "start_on": "2026-12-01"}, "cannot become"),
        ({"to": "withdrawn", "reason": ""}, "Give the reason for this step."),
        ({"to": "flying"}, "Choose the next step from the list."),
    ],
)
def test_a_step_not_in_the_table_or_without_reason_is_a_400_and_changes_nothing(
    client: Client, world: World, catalogue: Catalogue, body: dict[str, Any], reason: str
):
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    payload = {"reason": "Stap.", "version": 1, **body}
    response = post(client, one(intervention) + "/transitions", payload, bearer(world.lead))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert reason in str(response.json()["invalid_params"])
    fresh = Intervention.objects.get(pk=intervention.pk)
    assert (fresh.state, fresh.version) == ("proposed", 1)


@pytest.mark.clock(TODAY)
def test_an_end_before_the_start_and_a_renewal_beyond_the_maximum_are_400(
    client: Client, world: World, catalogue: Catalogue
):
    headers = bearer(world.lead)
    ots = step(world, propose(world, measures_case(world), catalogue["ots-provisional"]), "decided")
    response = post(
        client,
        one(ots) + "/transitions",
        {
            "to": "active",
            "reason": "Besluit.",
            "version": 2,
            "start_on": "2026-12-01",
            "end_on": "2026-11-01",
        },
        headers,
    )
    assert response.status_code == 400
    assert response.json()["invalid_params"] == [
        {"name": "end_on", "reason": "The end date cannot lie before the start date."}
    ]
    beyond = post(
        client,
        one(ots) + "/transitions",
        {
            "to": "active",
            "reason": "Besluit.",
            "version": 2,
            "start_on": "2026-12-01",
            "end_on": "2027-06-01",
        },
        headers,
    )
    assert beyond.status_code == 400
    assert "at most 3 months" in beyond.json()["invalid_params"][0]["reason"]
    fresh = Intervention.objects.get(pk=ots.pk)
    assert (fresh.state, fresh.start_on, fresh.version) == ("decided", None, 2)


def test_a_stale_version_is_a_409_with_the_current_version(
    client: Client, world: World, catalogue: Catalogue
):
    intervention = propose(world, measures_case(world), catalogue["youth-care"])
    step(world, intervention, "requested")
    response = post(
        client,
        one(intervention) + "/transitions",
        {"to": "withdrawn", "reason": "Niet meer nodig.", "version": 1},
        bearer(world.lead),
    )
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert response.json()["current_version"] == 2
    assert Intervention.objects.get(pk=intervention.pk).state == "requested"


@pytest.mark.parametrize("persona", ["lead", "partner", "outsider", "admin"])
def test_any_logged_in_professional_reads_the_catalogue(
    client: Client, world: World, catalogue: Catalogue, persona: str
):
    response = client.get("/api/v1/measure-types", headers=bearer(getattr(world, persona)))
    assert response.status_code == 200
    by_code = {m["code"]: m for m in response.json()}
    assert set(by_code) == set(catalogue)
    assert by_code["twbmt-area-ban"]["law_expires_on"] == "2027-03-01"
    assert by_code["ots-provisional"]["maximum_total_months"] == 3
