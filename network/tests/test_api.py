"""/api/v1/cases/{id}/network: the gate, filters, log and rules of the network page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from audit.models import ProcessingRecord
from audit.services import pseudonymise
from cases.services import team_remove
from network.gates import person_ref
from network.models import NetworkPerson, Relation
from network.tests.builders import SmallNetwork, add_person, small_network, tie
from signals.tests.builders import bearer
from tests.personas import World

PROBLEM = "application/problem+json"


def network_url(net: SmallNetwork, case_id: int | None = None) -> str:
    return f"/api/v1/cases/{case_id or net.case.pk}/network"


def post(client: Client, url: str, body: dict, headers: dict[str, str]):
    return client.post(url, body, content_type="application/json", headers=headers)


def patch(client: Client, url: str, body: dict, headers: dict[str, str]):
    return client.patch(url, body, content_type="application/json", headers=headers)


def relation_body(net: SmallNetwork, **values: object) -> dict[str, object]:
    body: dict[str, object] = {
        "source": net.sister.pk,
        "target": net.recruiter.pk,
        "kind": "online",
        "nature": "risk",
        "reliability": "probable",
        "observed_on": "2024-04-02",
    }
    body.update(values)
    return body


def _every_endpoint(net: SmallNetwork) -> list[tuple[str, str]]:
    base = network_url(net)
    return [
        ("get", base),
        ("post", f"{base}/people"),
        ("get", f"{base}/people/{net.sister.pk}"),
        ("patch", f"{base}/people/{net.sister.pk}"),
        ("post", f"{base}/relations"),
        ("get", f"{base}/relations/{net.sibling_tie.pk}"),
        ("patch", f"{base}/relations/{net.sibling_tie.pk}"),
    ]


# --- The gate. ---


def test_anonymous_callers_get_401_problem_json_everywhere(client: Client, world: World):
    net = small_network(world)
    for method, url in _every_endpoint(net):
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert response.status_code == 401, url
        assert response["Content-Type"] == PROBLEM, url


@pytest.mark.parametrize("persona", ["outsider", "privacy_officer", "admin"])
def test_outsiders_get_404_everywhere_even_by_guessing_ids(
    client: Client, world: World, persona: str
):
    net = small_network(world)
    headers = bearer(getattr(world, persona))
    endpoints = [*_every_endpoint(net), ("get", network_url(net, net.case.pk + 1000))]
    for method, url in endpoints:
        body = {"name": "X", "version": 1} if method != "get" else None
        if method == "get":
            response = client.get(url, headers=headers)
        else:
            response = getattr(client, method)(
                url, body, content_type="application/json", headers=headers
            )
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM, url
    assert NetworkPerson.objects.count() == 3
    assert NetworkPerson.objects.get(pk=net.sister.pk).name == "Samira"


def test_a_partner_removed_from_the_team_loses_the_network(client: Client, world: World):
    net = small_network(world)
    headers = bearer(world.partner)
    assert client.get(network_url(net), headers=headers).status_code == 200
    net.case.refresh_from_db()
    team_remove(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=net.case,
        organisation=world.police,
        reason="Klaar",
        version=net.case.version,
    )
    assert client.get(network_url(net), headers=headers).status_code == 404
    response = post(client, f"{network_url(net)}/people", {"name": "Nieuw"}, headers)
    assert response.status_code == 404
    assert NetworkPerson.objects.count() == 3


def test_a_node_of_another_case_is_404_by_a_guessed_id(client: Client, world: World):
    net = small_network(world)
    other = small_network(world)
    headers = bearer(world.lead)
    url = f"{network_url(net)}/people/{other.sister.pk}"
    assert client.get(url, headers=headers).status_code == 404
    assert patch(client, url, {"name": "X", "version": 1}, headers).status_code == 404
    url = f"{network_url(net)}/relations/{other.sibling_tie.pk}"
    assert client.get(url, headers=headers).status_code == 404
    assert patch(client, url, {"note": "X", "version": 1}, headers).status_code == 404


# --- Reading. ---


def test_a_team_partner_reads_the_whole_network(client: Client, world: World):
    net = small_network(world)
    response = client.get(network_url(net), headers=bearer(world.partner))
    assert response.status_code == 200
    body = response.json()
    assert body["case"] == net.case.pk
    assert {n["id"] for n in body["nodes"]} == {net.centre.pk, net.sister.pk, net.recruiter.pk}
    sister = next(n for n in body["nodes"] if n["id"] == net.sister.pk)
    assert sister["minor"] is True
    assert sister["linked_to_known_subject"] is False
    assert {r["kind"] for r in body["relations"]} == {"sibling", "recruiter"}
    # Nothing computed about a person.
    for node in body["nodes"]:
        assert not {"degree", "betweenness", "score", "rank"} & set(node)


def test_filters_work_like_the_page(client: Client, world: World):
    net = small_network(world)
    headers = bearer(world.lead)
    body = client.get(f"{network_url(net)}?kind=sibling", headers=headers).json()
    assert [r["kind"] for r in body["relations"]] == ["sibling"]
    assert {n["id"] for n in body["nodes"]} == {net.centre.pk, net.sister.pk}
    body = client.get(f"{network_url(net)}?nature=risk&nature=ambivalent", headers=headers).json()
    assert [r["kind"] for r in body["relations"]] == ["recruiter"]


def test_around_a_person_the_depth_decides_how_far(client: Client, world: World):
    net = small_network(world)
    friend = add_person(world, net.case, "Vriendin")
    tie(world, net.case, net.sister, friend, "friend")
    headers = bearer(world.lead)
    near = client.get(f"{network_url(net)}?around={friend.pk}&depth=1", headers=headers).json()
    assert {n["id"] for n in near["nodes"]} == {friend.pk, net.sister.pk}
    far = client.get(f"{network_url(net)}?around={friend.pk}&depth=3", headers=headers).json()
    assert {n["id"] for n in far["nodes"]} == {
        friend.pk,
        net.sister.pk,
        net.centre.pk,
        net.recruiter.pk,
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [("kind=cousin", "kind"), ("depth=4&around=1", "depth"), ("around=999999", "around")],
)
def test_bad_filters_are_400_problem_json(client: Client, world: World, query: str, field: str):
    net = small_network(world)
    response = client.get(f"{network_url(net)}?{query}", headers=bearer(world.lead))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert field in {p["name"] for p in response.json()["invalid_params"]}


def test_a_read_is_logged_for_every_network_person_shown(client: Client, world: World):
    net = small_network(world)
    client.get(f"{network_url(net)}?kind=sibling", headers=bearer(world.partner))
    records = ProcessingRecord.objects.filter(
        name="cases.network.api.read", actor_id=world.partner.user_id
    )
    logged = set(records.values_list("subject_pseudonym", flat=True))
    assert pseudonymise(person_ref(net.sister.pk)) in logged
    assert pseudonymise(person_ref(net.centre.pk)) in logged
    assert pseudonymise(f"subject:{net.case.subject_id}") in logged
    # Filtered out, so not shown and not logged.
    assert pseudonymise(person_ref(net.recruiter.pk)) not in logged


# --- Writing. ---


def test_a_team_partner_adds_a_person_and_a_relation(client: Client, world: World):
    net = small_network(world)
    headers = bearer(world.partner)
    response = post(
        client, f"{network_url(net)}/people", {"name": "Broer", "birth_year": 2001}, headers
    )
    assert response.status_code == 201
    node = response.json()
    assert node["source_organisation"]["id"] == world.police.pk
    assert node["kind"] == "person"
    body = relation_body(net, source=net.centre.pk, target=node["id"], kind="sibling")
    response = post(client, f"{network_url(net)}/relations", body, headers)
    assert response.status_code == 201
    assert response.json()["kind"] == "sibling"
    assert Relation.objects.filter(case=net.case).count() == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "kind": "animal"}, "kind"),
        ({"name": ""}, "name"),
        ({"name": "School", "kind": "place", "birth_year": 2001}, "birth_year"),
        ({"name": "X", "source_organisation": 999999}, "source_organisation"),
    ],
)
def test_a_bad_person_is_400_and_nothing_is_saved(
    client: Client, world: World, body: dict, field: str
):
    net = small_network(world)
    response = post(client, f"{network_url(net)}/people", body, bearer(world.partner))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert field in {p["name"] for p in response.json()["invalid_params"]}
    assert NetworkPerson.objects.count() == 3


def test_bad_relations_are_400_with_a_clear_message_and_nothing_is_saved(
    client: Client, world: World
):
    net = small_network(world)
    other = small_network(world)
    headers = bearer(world.lead)
    url = f"{network_url(net)}/relations"
    next_month = (timezone.localdate() + timedelta(days=30)).isoformat()
    cases = [
        (relation_body(net, target=net.sister.pk), "target", "oneself"),
        (relation_body(net, kind="cousin"), "kind", "kind of relation"),
        (relation_body(net, target=other.sister.pk), "target", "not in the network"),
        (relation_body(net, source=987654), "source", "not in the network"),
        (relation_body(net, observed_on=next_month), "observed_on", "future"),
        # Past the range every date field has (lib.dates.DateRange): refused by the field.
        (relation_body(net, observed_on="2999-01-01"), "observed_on", "Enter a date from"),
    ]
    before = Relation.objects.count()
    for body, field, words in cases:
        response = post(client, url, body, headers)
        assert response.status_code == 400, body
        assert response["Content-Type"] == PROBLEM
        reasons = {p["name"]: p["reason"] for p in response.json()["invalid_params"]}
        assert words in reasons[field], reasons
    assert Relation.objects.count() == before


def test_a_stale_update_is_409_and_changes_nothing(client: Client, world: World):
    net = small_network(world)
    headers = bearer(world.lead)
    url = f"{network_url(net)}/people/{net.sister.pk}"
    assert client.get(url, headers=headers).json()["version"] == 1
    first = patch(client, url, {"note": "Zit op het Lyceum", "version": 1}, headers)
    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert first.json()["name"] == "Samira"
    stale = patch(client, url, {"note": "Anders", "version": 1}, headers)
    assert stale.status_code == 409
    assert stale["Content-Type"] == PROBLEM
    assert stale.json()["current_version"] == 2
    assert NetworkPerson.objects.get(pk=net.sister.pk).note == "Zit op het Lyceum"
    url = f"{network_url(net)}/relations/{net.sibling_tie.pk}"
    assert patch(client, url, {"nature": "protective", "version": 1}, headers).status_code == 200
    stale = patch(client, url, {"nature": "risk", "version": 1}, headers)
    assert stale.status_code == 409
    assert Relation.objects.get(pk=net.sibling_tie.pk).nature == "protective"


def test_an_update_without_version_is_400(client: Client, world: World):
    net = small_network(world)
    url = f"{network_url(net)}/people/{net.sister.pk}"
    response = patch(client, url, {"note": "X"}, bearer(world.lead))
    assert response.status_code == 400
    assert "version" in {p["name"] for p in response.json()["invalid_params"]}


def test_the_schema_documents_the_network_endpoints(tmp_path: Path, db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = (tmp_path / "s.yml").read_text()
    for path in (
        "/api/v1/cases/{case_id}/network:",
        "/api/v1/cases/{case_id}/network/people:",
        "/api/v1/cases/{case_id}/network/people/{person_id}:",
        "/api/v1/cases/{case_id}/network/relations:",
        "/api/v1/cases/{case_id}/network/relations/{relation_id}:",
    ):
        assert path in schema, path
    for enum in ("NetworkNodeKindEnum:", "RelationKindEnum:"):
        assert enum in schema
