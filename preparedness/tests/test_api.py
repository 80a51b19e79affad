"""/api/v1/preparedness: the same gates and log as the pages, in problem+json."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import Membership
from accounts.services import api_token_create
from audit.models import ProcessingRecord
from audit.services import pseudonymise
from preparedness.tests.builders import key_figure
from tests.personas import World

PROBLEM = "application/problem+json"


def bearer(membership: Membership) -> dict[str, str]:
    _token, plaintext = api_token_create(membership=membership, name="test", days=1)
    return {"Authorization": f"Bearer {plaintext}"}


def base(world: World) -> str:
    return f"/api/v1/preparedness/municipalities/{world.wijkstad.pk}"


def test_anonymous_callers_get_401_problem_json(client: Client, world: World):
    urls = [
        "/api/v1/preparedness/municipalities",
        base(world),
        f"{base(world)}/partner-agreements",
        f"{base(world)}/training",
        f"{base(world)}/key-figures",
        "/api/v1/preparedness/support-organisations",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 401, url
        assert response["Content-Type"] == PROBLEM


def test_the_lead_reads_the_checklist_of_seven_items(client: Client, world: World):
    response = client.get(base(world), headers=bearer(world.lead))
    assert response.status_code == 200
    body = response.json()
    assert [item["topic"] for item in body["items"]] == [
        "lead",
        "policy",
        "local_scan",
        "partners",
        "key_figures",
        "training",
        "consultation",
    ]
    assert body["items"][0]["status"] == "done"
    listing = client.get("/api/v1/preparedness/municipalities", headers=bearer(world.lead))
    assert [row["municipality"]["id"] for row in listing.json()] == [world.wijkstad.pk]


def test_the_process_director_lists_the_regions_municipalities(client: Client, world: World):
    headers = bearer(world.process_director)
    rows = client.get("/api/v1/preparedness/municipalities", headers=headers).json()
    assert {row["municipality"]["id"] for row in rows} == {world.wijkstad.pk, world.polderveen.pk}
    assert client.get(f"{base(world)}/partner-agreements", headers=headers).status_code == 200
    assert client.get(f"{base(world)}/key-figures", headers=headers).status_code == 404


@pytest.mark.parametrize("persona", ["partner", "outsider", "admin", "privacy_officer"])
def test_others_get_404_problem_json_and_an_empty_list(client: Client, world: World, persona: str):
    headers = bearer(getattr(world, persona))
    listing = client.get("/api/v1/preparedness/municipalities", headers=headers)
    assert listing.json() == []
    for url in (base(world), f"{base(world)}/training", f"{base(world)}/key-figures"):
        response = client.get(url, headers=headers)
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM
    unknown = "/api/v1/preparedness/municipalities/987654/key-figures"
    assert client.get(unknown, headers=headers).status_code == 404


def test_key_figures_by_api_are_logged_one_record_each(client: Client, world: World):
    figure = key_figure(world)
    response = client.get(f"{base(world)}/key-figures", headers=bearer(world.lead))
    assert [row["name"] for row in response.json()] == [figure.name]
    record = ProcessingRecord.objects.get(name="preparedness.api.key_figures")
    assert record.subject_pseudonym == pseudonymise(f"key_figure:{figure.pk}")


def test_everyone_logged_in_reads_the_directory(client: Client, world: World):
    response = client.get(
        "/api/v1/preparedness/support-organisations", headers=bearer(world.partner)
    )
    assert response.status_code == 200
    assert len(response.json()) == 8
    assert {"phone", "email"} <= response.json()[0].keys()
