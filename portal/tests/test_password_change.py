from __future__ import annotations

from django.test import Client

from audit.models import ProcessingRecord
from tests.personas import sign_in

NEW = "een-nieuw-lang-wachtwoord-42"


def _change(client: Client, old: str, new1: str, new2: str):
    return client.post(
        "/account/wachtwoord/",
        {"old_password": old, "new_password1": new1, "new_password2": new2},
    )


def test_user_changes_own_password_and_it_is_logged(client: Client, world):
    user = sign_in(client, world.lead)
    response = _change(client, "correct horse battery", NEW, NEW)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get("/account/").status_code == 200  # this session stays
    record = ProcessingRecord.objects.get(name="portal.password.change")
    assert record.actor_id == user.pk


def test_other_sessions_end_when_the_password_changes(client: Client, world):
    other = Client()
    sign_in(other, world.lead)
    sign_in(client, world.lead)
    _change(client, "correct horse battery", NEW, NEW)
    assert other.get("/account/").status_code == 302


def test_wrong_current_password_changes_nothing(client: Client, world):
    user = sign_in(client, world.lead)
    response = _change(client, "wrong", NEW, NEW)
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.check_password("correct horse battery")
    assert not ProcessingRecord.objects.filter(name="portal.password.change").exists()


def test_weak_or_mismatched_password_is_refused(client: Client, world):
    user = sign_in(client, world.lead)
    assert _change(client, "correct horse battery", "kort", "kort").status_code == 400
    assert _change(client, "correct horse battery", NEW, NEW + "x").status_code == 400
    user.refresh_from_db()
    assert user.check_password("correct horse battery")
