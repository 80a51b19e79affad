"""When the processing record cannot be written, the action is refused.

The failure is injected in the real database: a trigger that refuses every INSERT into the
log, so nothing in our own code is mocked.
"""

from __future__ import annotations

from tests.faults import broken_log
from tests.personas import sign_in


def test_api_read_is_refused_when_the_log_fails(client, world):
    sign_in(client, world.lead)
    with broken_log():
        response = client.get("/api/v1/me")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert world.lead.user.email not in response.content.decode()


def test_page_read_is_refused_when_the_log_fails(client, world):
    sign_in(client, world.lead)
    with broken_log():
        response = client.get("/account/")
    assert response.status_code == 503
    assert world.lead.user.email not in response.content.decode()


def test_login_is_refused_when_the_log_fails(client, world):
    with broken_log():
        response = client.post(
            "/inloggen/",
            {"username": world.lead.user.email, "password": "correct horse battery"},
        )
    assert response.status_code == 503
    assert "_auth_user_id" not in client.session
    assert client.get("/inloggen/code/").status_code == 302


def test_the_same_read_works_once_the_log_works(client, world):
    sign_in(client, world.lead)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["email"] == world.lead.user.email
