from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import ApiToken, Role
from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from tests.factories import MembershipFactory
from tests.personas import sign_in

ROLE_HEADINGS = {
    Role.LEAD: "radicalisation lead",
    Role.PROCESS_DIRECTOR: "process director",
    Role.PARTNER: "chain partner",
    Role.INTAKE: "intake desk",
    Role.MAYOR_OFFICE: "mayor",
    Role.PRIVACY_OFFICER: "privacy officer",
    Role.ADMIN: "functional administrator",
}


@pytest.mark.parametrize("role", list(ROLE_HEADINGS))
def test_each_role_has_its_own_start_page(client: Client, world, role):
    membership = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=role)
    sign_in(client, membership)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert f"portal/start/{role}.html" in [t.name for t in response.templates]


def test_a_user_with_two_roles_can_switch(client: Client, world):
    second = MembershipFactory.create(
        user=world.lead.user, organisation=world.gemeente_wijkstad, role=Role.PRIVACY_OFFICER
    )
    sign_in(client, world.lead)
    assert client.get("/privacy/logboek/").status_code == 404
    response = client.post("/rol/", {"membership": second.pk})
    assert response.status_code == 302
    assert client.get("/privacy/logboek/").status_code == 200


def test_switching_to_someone_elses_membership_is_refused(client: Client, world):
    sign_in(client, world.lead)
    client.post("/rol/", {"membership": world.admin.pk})
    assert client.get("/beheer/").status_code == 404


def test_own_account_page_is_logged_as_a_read_of_the_user(client: Client, world):
    sign_in(client, world.partner)
    response = client.get("/account/")
    assert response.status_code == 200
    assert world.partner.user.email in response.content.decode()
    record = ProcessingRecord.objects.filter(name="portal.account.read").get()
    assert record.operation == Operation.READ
    assert record.subject_pseudonym == pseudonymise(f"user:{world.partner.user_id}")
    assert record.actor_id == world.partner.user_id
    assert record.organisation_id == world.police.pk


def test_token_is_shown_once_and_only_its_hash_is_stored(client: Client, world):
    sign_in(client, world.lead)
    response = client.post("/account/tokens/", {"name": "koppeling", "days": "7"})
    assert response.status_code == 200
    token = ApiToken.objects.get()
    body = response.content.decode()
    plaintext = body.split("schakel_" + token.prefix + "_", 1)[1].split("<", 1)[0]
    assert plaintext not in token.key_hash
    page = client.get("/account/").content.decode()
    assert plaintext not in page


@pytest.mark.parametrize("days", ["0", "91", "zeven", ""])
def test_token_with_bad_lifetime_is_refused_and_nothing_is_created(client, world, days):
    sign_in(client, world.lead)
    response = client.post("/account/tokens/", {"name": "x", "days": days})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_revoking_someone_elses_token_is_not_found(client: Client, world):
    sign_in(client, world.partner)
    client.post("/account/tokens/", {"name": "van politie", "days": "7"})
    token = ApiToken.objects.get()
    other = Client()
    sign_in(other, world.outsider)
    assert other.post(f"/account/tokens/{token.pk}/intrekken/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert client.post(f"/account/tokens/{token.pk}/intrekken/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
