"""Probing is recorded: a refused object access is a 404 to the requester and a security event
in the log; a missing object is a 404 and no event (nothing was refused)."""

from __future__ import annotations

import re

from django.test import Client

from access.refusal import OBJECT_REFUSED, ROLE_DENIED
from audit.models import Operation, ProcessingRecord, Result
from audit.services import pseudonymise
from cases.tests.test_cases import open_case
from signals.tests.builders import bearer
from tests.personas import World, sign_in


def without_tokens(page: bytes) -> bytes:
    return re.sub(rb'(value|nonce)="[^"]*"', b"", page)


def refusals(user_id: int) -> list[ProcessingRecord]:
    return list(
        ProcessingRecord.objects.filter(actor_id=user_id, name__in=[OBJECT_REFUSED, ROLE_DENIED])
    )


def test_a_page_of_a_case_outside_the_team_is_a_404_and_a_security_event(
    client: Client, world: World
):
    case = open_case(world)
    user = sign_in(client, world.outsider)

    refused = client.get(f"/casussen/{case.pk}/")
    missing = client.get(f"/casussen/{case.pk + 1000}/")

    assert refused.status_code == missing.status_code == 404
    # The requester cannot tell the two apart (but for the per-request tokens); the log can.
    assert without_tokens(refused.content) == without_tokens(missing.content)
    [event] = refusals(user.pk)
    assert event.name == OBJECT_REFUSED
    assert event.operation == Operation.DENIED
    assert event.result == Result.REFUSED
    assert (event.object_type, event.object_id) == ("case", str(case.pk))
    # About the account's use of Schakel: the subject is the user, not the case's person.
    assert event.subject_pseudonym == pseudonymise(f"user:{user.pk}")
    assert event.subject_pseudonym != pseudonymise(f"subject:{case.subject_id}")


def test_the_api_records_a_refused_case_but_not_a_missing_one(client: Client, world: World):
    case = open_case(world)
    headers = bearer(world.outsider)

    assert client.get(f"/api/v1/cases/{case.pk}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk + 1000}", headers=headers).status_code == 404

    [event] = refusals(world.outsider.user_id)
    assert (event.object_type, event.object_id) == ("case", str(case.pk))


def test_a_team_member_reading_the_case_leaves_no_refusal(client: Client, world: World):
    case = open_case(world)
    sign_in(client, world.lead)
    assert client.get(f"/casussen/{case.pk}/").status_code == 200
    assert refusals(world.lead.user_id) == []


def test_a_wrong_role_api_call_is_recorded(client: Client, world: World):
    headers = bearer(world.partner)
    response = client.get("/api/v1/reports/council", headers=headers)
    assert response.status_code == 404
    [event] = refusals(world.partner.user_id)
    assert event.name == ROLE_DENIED
    assert event.object_id == "api-reports-council"


def test_a_wrong_role_page_is_recorded(client: Client, world: World):
    sign_in(client, world.partner)
    assert client.get("/privacy/logboek/").status_code == 404
    [event] = refusals(world.partner.user_id)
    assert event.name == ROLE_DENIED
