"""When the processing record cannot be written, the action is refused.

The failure is injected in the real database: a trigger that refuses every INSERT into the
log, so nothing in our own code is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from tests.personas import sign_in

_SQLITE = [
    "CREATE TRIGGER test_refuse_insert BEFORE INSERT ON audit_processingrecord "
    "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
]
_SQLITE_DROP = ["DROP TRIGGER test_refuse_insert"]
_PG = [
    "CREATE FUNCTION test_refuse_insert() RETURNS trigger AS $$ BEGIN "
    "RAISE EXCEPTION 'injected failure'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER test_refuse_insert BEFORE INSERT ON audit_processingrecord "
    "FOR EACH ROW EXECUTE FUNCTION test_refuse_insert()",
]
_PG_DROP = [
    "DROP TRIGGER test_refuse_insert ON audit_processingrecord",
    "DROP FUNCTION test_refuse_insert()",
]


@contextmanager
def broken_log() -> Iterator[None]:
    create, drop = (_PG, _PG_DROP) if connection.vendor == "postgresql" else (_SQLITE, _SQLITE_DROP)
    with connection.cursor() as cursor:
        for statement in create:
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in drop:
                cursor.execute(statement)


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
