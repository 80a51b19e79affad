"""/api/v1/signals: the same gate, log and rules as the pages, in problem+json."""

from __future__ import annotations

import base64
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from persons.models import Subject
from signals.models import Signal
from signals.tests.builders import (
    api_body,
    bearer,
    intake_desk,
    new_signal,
    notice_signal,
    on_weighing_agenda,
    person,
)
from signals.workflow import Status
from tests.personas import World

LIST = "/api/v1/signals"
PROBLEM = "application/problem+json"


def one(signal: Signal) -> str:
    return f"/api/v1/signals/{signal.pk}"


def post(client: Client, url: str, body: dict, headers: dict[str, str]):
    return client.post(url, body, content_type="application/json", headers=headers)


def invalid_names(response) -> set[str]:
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    return {param["name"] for param in response.json()["invalid_params"]}


# --- Who reaches what. ---


def test_anonymous_callers_get_401_problem_json(client: Client, world: World):
    signal = new_signal(world)
    for response in (
        client.get(LIST),
        client.post(LIST, api_body(world), content_type="application/json"),
        client.get(one(signal)),
        client.post(f"{one(signal)}/transitions", {}, content_type="application/json"),
    ):
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM
    assert Signal.objects.count() == 1


@pytest.mark.parametrize("persona", ["outsider", "admin", "privacy_officer"])
def test_outsiders_get_an_empty_list_and_404_for_a_signal(
    client: Client, world: World, persona: str
):
    signal = new_signal(world)
    headers = bearer(getattr(world, persona))
    response = client.get(LIST, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"results": [], "next": None}
    for response in (
        client.get(one(signal), headers=headers),
        post(
            client,
            f"{one(signal)}/transitions",
            {"to": "verifying", "reason": "x", "version": 1},
            headers,
        ),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED
    assert not ProcessingRecord.objects.filter(operation=Operation.READ).exists()


@pytest.mark.parametrize("persona", ["admin", "privacy_officer", "process_director"])
def test_roles_that_do_not_report_cannot_register(client: Client, world: World, persona: str):
    response = post(client, LIST, api_body(world), bearer(getattr(world, persona)))
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert not Signal.objects.exists()


def test_the_intake_desk_sees_only_its_own_and_a_partner_only_via_a_weighing(
    client: Client, world: World
):
    desk = intake_desk(world)
    own = new_signal(world, by=desk)
    weighed = new_signal(world)
    listed = client.get(LIST, headers=bearer(desk)).json()["results"]
    assert [s["id"] for s in listed] == [own.pk]
    assert client.get(one(weighed), headers=bearer(desk)).status_code == 404
    partner = bearer(world.partner)
    assert client.get(one(weighed), headers=partner).status_code == 404
    on_weighing_agenda(world, weighed, world.police)
    assert [s["id"] for s in client.get(LIST, headers=partner).json()["results"]] == [weighed.pk]
    assert client.get(one(weighed), headers=partner).status_code == 200


# --- Listing. ---


def test_the_list_filters_and_pages_with_a_cursor(client: Client, world: World):
    subject = person(world)
    start = timezone.now() - timedelta(days=1)
    signals = [
        new_signal(world, subject=subject, received_at=start + timedelta(minutes=n))
        for n in range(27)
    ]
    new_signal(world, urgency="acute")
    headers = bearer(world.lead)
    first = client.get(LIST, {"urgency": "normal"}, headers=headers).json()
    assert len(first["results"]) == 25
    assert "urgency=normal" in first["next"]
    second = client.get(first["next"], headers=headers).json()
    assert second["next"] is None
    ids = [s["id"] for s in first["results"] + second["results"]]
    assert ids == [s.pk for s in reversed(signals)]
    row = first["results"][0]
    assert row["municipality"] == {"id": world.wijkstad.pk, "name": "Testwijkstad"}
    assert row["subject"]["display_name"] == "Sam Testpersoon"
    assert row["overdue"] is False


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"cursor": "nonsense"}, "cursor"),
        ({"cursor": base64.urlsafe_b64encode(b"2026-01-01|1").decode()}, "cursor"),
        ({"status": "lost"}, "status"),
        ({"received_from": "2026-02-31"}, "received_from"),
        ({"received_from": "2026-03-02", "received_to": "2026-03-01"}, "received_to"),
        ({"municipality": "abc"}, "municipality"),
    ],
)
def test_bad_query_parameters_are_400_problem_json(client: Client, world: World, query, field):
    new_signal(world)
    response = client.get(LIST, query, headers=bearer(world.lead))
    assert invalid_names(response) == {field}
    assert not ProcessingRecord.objects.filter(name="signals.api.list").exists()


def test_list_queries_do_not_grow_with_the_rows(client: Client, world: World):
    headers = bearer(world.lead)
    for n in range(3):
        new_signal(world, received_at=timezone.now() - timedelta(minutes=n + 1))
    client.get(LIST, headers=headers)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(LIST, headers=headers).json()["results"]) == 3
    for n in range(27):
        new_signal(world, received_at=timezone.now() - timedelta(hours=n + 1))
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(LIST, headers=headers).json()["results"]) == 25
    assert len(many) == len(few)


def test_list_and_detail_reads_are_logged_per_person(client: Client, world: World):
    first = new_signal(world)
    second = new_signal(world)
    headers = bearer(world.lead)
    client.get(LIST, headers=headers)
    listed = ProcessingRecord.objects.filter(name="signals.api.list", operation=Operation.READ)
    assert set(listed.values_list("subject_pseudonym", flat=True)) == {
        pseudonymise(f"subject:{first.subject_id}"),
        pseudonymise(f"subject:{second.subject_id}"),
    }
    client.get(one(first), headers=headers)
    read = ProcessingRecord.objects.get(name="signals.read")
    assert read.subject_pseudonym == pseudonymise(f"subject:{first.subject_id}")
    assert read.object_id == str(first.pk)


# --- One signal. ---


def test_the_lead_gets_the_signal_with_history_and_notice(client: Client, world: World):
    signal = notice_signal(world)
    data = client.get(one(signal), headers=bearer(world.lead)).json()
    assert data["reporter_type"] == "intelligence_notice"
    assert data["intelligence_notice"]["reference"] == "AB-2027-0042"
    assert data["version"] == 1
    assert [(e["from_status"], e["to_status"], e["by"]) for e in data["events"]] == [
        ("", "received", "Lea Lead")
    ]


def test_others_see_a_notice_only_as_restricted(client: Client, world: World):
    signal = notice_signal(world)
    on_weighing_agenda(world, signal, world.police)
    response = client.get(one(signal), headers=bearer(world.partner))
    data = response.json()
    assert data["reporter_type"] == "restricted"
    assert data["intelligence_notice"] is None
    assert "AB-2027-0042" not in response.content.decode()


# --- Registering. ---


def test_a_partner_registers_a_signal_and_gets_a_receipt(client: Client, world: World):
    response = post(client, LIST, api_body(world), bearer(world.partner))
    assert response.status_code == 201
    signal = Signal.objects.get()
    assert response.json() == {
        "id": signal.pk,
        "municipality": {"id": world.wijkstad.pk, "name": "Testwijkstad"},
        "status": "received",
        "verification_deadline": signal.verification_deadline.isoformat(),
    }
    assert response["Location"] == f"/api/v1/signals/{signal.pk}"
    assert (signal.concern_type, signal.urgency, signal.channel) == (
        "right_wing",
        "urgent",
        "email",
    )
    assert signal.subject is not None
    assert signal.subject.surname == "Testpersoon"
    assert signal.registered_by == world.partner.user
    assert client.get(one(signal), headers=bearer(world.partner)).status_code == 404


def test_a_signal_about_a_person_not_known_by_name(client: Client, world: World):
    response = post(client, LIST, api_body(world, subject=None), bearer(world.lead))
    assert response.status_code == 201
    assert Signal.objects.get().subject is None


FUTURE = (timezone.now() + timedelta(days=3)).isoformat()
BAD_BODIES = {
    "impossible date": ({"received_at": "2026-02-31T10:00:00+01:00"}, {"received_at"}),
    "future receipt": ({"received_at": FUTURE}, {"received_at"}),
    "invalid BSN": (
        {
            "subject": {
                "given_names": "A",
                "surname": "B",
                "bsn": "123456789",
                "bsn_legal_basis": "x",
            }
        },
        {"subject.bsn"},
    ),
    "BSN without legal basis": (
        {"subject": {"given_names": "A", "surname": "B", "bsn": "111222333"}},
        {"subject.bsn_legal_basis"},
    ),
    "impossible birth date": (
        {
            "subject": {
                "given_names": "A",
                "surname": "B",
                "birth_year": 2011,
                "birth_month": 2,
                "birth_day": 30,
            }
        },
        {"subject.birth_day"},
    ),
    "unknown concern type": ({"concern_type": "religious"}, {"concern_type"}),
    "professional without organisation": (
        {"reporting_organisation": None},
        {"reporting_organisation"},
    ),
    "unknown municipality": ({"municipality": 987654}, {"municipality"}),
    "notice without details": (
        {"reporter_type": "intelligence_notice"},
        {"notice_reference", "notice_dated"},
    ),
    "no description": ({"description": ""}, {"description"}),
}


@pytest.mark.parametrize(("changes", "fields"), BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_bad_bodies_are_400_with_invalid_params_and_save_nothing(
    client: Client, world: World, changes: dict, fields: set[str]
):
    response = post(client, LIST, api_body(world, **changes), bearer(world.lead))
    assert invalid_names(response) == fields
    assert not Signal.objects.exists()
    assert not Subject.objects.exists()


def test_the_intake_desk_cannot_register_an_intelligence_notice(client: Client, world: World):
    body = api_body(
        world, reporter_type="intelligence_notice", notice_reference="A", notice_dated="2026-01-02"
    )
    response = post(client, LIST, body, bearer(intake_desk(world)))
    assert invalid_names(response) == {"reporter_type"}
    assert not Signal.objects.exists()


# --- Transitions. ---


def test_the_lead_moves_a_signal_and_a_stale_version_is_409(client: Client, world: World):
    signal = new_signal(world)
    headers = bearer(world.lead)
    url = f"{one(signal)}/transitions"
    moved = post(client, url, {"to": "verifying", "reason": "navragen", "version": 1}, headers)
    assert moved.status_code == 200
    assert (moved.json()["status"], moved.json()["version"]) == ("verifying", 2)
    stale = post(client, url, {"to": "awaiting_weighing", "reason": "x", "version": 1}, headers)
    assert stale.status_code == 409
    assert stale["Content-Type"] == PROBLEM
    signal.refresh_from_db()
    assert (signal.status, signal.version) == (Status.VERIFYING, 2)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"to": "weighed", "reason": "x", "version": 1}, {"to"}),
        ({"to": "verifying", "reason": "", "version": 1}, {"reason"}),
        ({"to": "verifying", "reason": "x"}, {"version"}),
        ({"to": "merged", "reason": "x", "version": 1}, {"into"}),
    ],
)
def test_bad_transitions_are_400_and_change_nothing(client: Client, world: World, body, fields):
    signal = new_signal(world)
    response = post(client, f"{one(signal)}/transitions", body, bearer(world.lead))
    assert invalid_names(response) == fields
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED


def test_a_forbidden_edge_is_400(client: Client, world: World):
    signal = new_signal(world)
    Signal.objects.filter(pk=signal.pk).update(status=Status.CLOSED)
    body = {"to": "verifying", "reason": "x", "version": 1}
    response = post(client, f"{one(signal)}/transitions", body, bearer(world.lead))
    assert invalid_names(response) == {"non_field_errors"}


def test_the_lead_merges_through_the_api(client: Client, world: World):
    first = new_signal(world)
    second = new_signal(world, subject=first.subject)
    body = {"to": "merged", "reason": "zelfde persoon", "version": 1, "into": first.pk}
    response = post(client, f"{one(second)}/transitions", body, bearer(world.lead))
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["merged_into"]) == ("merged", first.pk)


def test_a_partner_who_sees_the_signal_cannot_move_it(client: Client, world: World):
    signal = new_signal(world)
    on_weighing_agenda(world, signal, world.police)
    body = {"to": "verifying", "reason": "x", "version": 1}
    response = post(client, f"{one(signal)}/transitions", body, bearer(world.partner))
    assert response.status_code == 404
    assert Signal.objects.get(pk=signal.pk).status == Status.RECEIVED


def test_the_schema_generates_without_warnings(tmp_path: Path, db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = (tmp_path / "s.yml").read_text()
    for path in ("/api/v1/signals:", "/api/v1/signals/{signal_id}:", "/transitions:"):
        assert path in schema
