from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.services import api_token_create, api_token_revoke
from audit.models import ProcessingRecord
from tests.personas import sign_in


def test_me_returns_the_account_and_its_roles(client: Client, world):
    sign_in(client, world.lead)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    data = response.json()
    assert data["email"] == world.lead.user.email
    assert data["active_membership"] == world.lead.pk
    assert [m["role"] for m in data["memberships"]] == ["lead"]
    assert response["API-Version"] == "1.0.0"
    assert ProcessingRecord.objects.filter(name="portal.api.me.read").count() == 1


def test_me_with_a_bearer_token(client: Client, world):
    _token, plaintext = api_token_create(membership=world.partner, name="t", days=1)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 200
    assert response.json()["active_membership"] == world.partner.pk


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer ", "Bearer " + "x" * 300])
def test_bad_tokens_get_problem_json_401(client: Client, world, header: str):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_revoked_and_expired_tokens_stop_working(client: Client, world):
    token, plaintext = api_token_create(membership=world.partner, name="t", days=1)
    header = f"Bearer {plaintext}"
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert client.get("/api/v1/me", HTTP_AUTHORIZATION=header).status_code == 401
    api_token_revoke(token=token)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=header).status_code == 401


def test_token_of_an_ended_membership_stops_working(client: Client, world):
    _token, plaintext = api_token_create(membership=world.partner, name="t", days=1)
    world.partner.valid_from = timezone.localdate() - timedelta(days=10)
    world.partner.valid_until = timezone.localdate() - timedelta(days=1)
    world.partner.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}").status_code == 401


def test_unknown_api_path_is_problem_json(client: Client, db):
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"]
    assert response["API-Version"] == "1.0.0"


def test_wrong_method_is_problem_json(client: Client, world):
    sign_in(client, world.lead)
    response = client.post("/api/v1/me", data="{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"


def test_schema_is_openapi_3_and_needs_login(client: Client, world):
    assert client.get("/api/v1/schema").status_code == 401
    sign_in(client, world.lead)
    response = client.get("/api/v1/schema?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me" in schema["paths"]


def test_docs_page_lists_the_endpoints(client: Client, world):
    sign_in(client, world.lead)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "/api/v1/me" in response.content.decode()
