"""The privacy officer sees every grant of a role within reach: member, organisation, role,
granted by/at, approved or refused by/at and status, with filters; reading it is logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.models import Membership, Role
from administration import services
from administration.gates import grant_facts
from audit.services import pseudonymise
from tests.factories import MembershipFactory, UserFactory
from tests.faults import records
from tests.personas import World, sign_in

URL = "/privacy/toekenningen/"


def grant(world: World, email: str, name: str, organisation, role: str = Role.INTAKE):
    return services.membership_create(
        actor=world.actor(world.admin),
        user=UserFactory.create(email=email, full_name=name),
        organisation=organisation,
        role=role,
        valid_from=timezone.localdate(),
        valid_until=None,
    )


@pytest.fixture
def grants(world: World) -> dict[str, Membership]:
    officer = world.actor(world.privacy_officer)
    pending = grant(world, "wacht@test.schakel.example", "Wim Wacht", world.gemeente_wijkstad)
    approved = grant(world, "goed@test.schakel.example", "Gerda Goed", world.gemeente_wijkstad)
    services.membership_approve(actor=officer, membership=approved, grant=grant_facts(approved))
    refused = grant(world, "nee@test.schakel.example", "Nico Nee", world.gemeente_wijkstad)
    services.membership_refuse(
        actor=officer, membership=refused, grant=grant_facts(refused), reason="Geen taak."
    )
    last_year = timezone.localdate() - timedelta(days=365)
    ended = MembershipFactory.create(
        user=UserFactory.create(email="oud@test.schakel.example", full_name="Otto Oud"),
        organisation=world.police,
        role=Role.PARTNER,
        valid_from=last_year,
        valid_until=last_year + timedelta(days=30),
    )
    elsewhere = grant(world, "ver@test.schakel.example", "Vera Ver", world.gemeente_polderveen)
    return {
        "pending": pending,
        "approved": approved,
        "refused": refused,
        "ended": ended,
        "elsewhere": elsewhere,
    }


@pytest.fixture
def officer(client: Client, world: World) -> Client:
    sign_in(client, world.privacy_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def names(client: Client, query: str = "") -> set[str]:
    response = client.get(URL + query)
    assert response.status_code == 200
    content = response.content.decode()
    candidates = ["Wim Wacht", "Gerda Goed", "Nico Nee", "Otto Oud", "Vera Ver"]
    return {name for name in candidates if name in content}


def test_the_officer_sees_every_grant_within_reach_with_granter_and_approver(
    officer: Client, world: World, grants: dict[str, Membership]
):
    response = officer.get(URL)
    content = response.content.decode()
    assert names(officer) == {"Wim Wacht", "Gerda Goed", "Nico Nee", "Otto Oud"}
    assert world.admin.user.full_name in content  # granted by
    assert world.privacy_officer.user.full_name in content  # approved or refused by
    assert "Geen taak." in content
    assert "awaiting approval" in content
    assert "existed before two-person approval" not in content


@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("pending", {"Wim Wacht"}),
        ("active", {"Gerda Goed"}),
        ("ended", {"Otto Oud"}),
        ("refused", {"Nico Nee"}),
    ],
)
def test_the_filters(officer: Client, grants: dict[str, Membership], show: str, expected):
    assert names(officer, f"?show={show}") == expected


def test_an_unknown_filter_is_refused(officer: Client, grants: dict[str, Membership]):
    response = officer.get(URL + "?show=everything")
    assert response.status_code == 400
    assert "Choose one of the filters offered." in response.content.decode()


def test_reading_the_list_is_logged_with_everyone_it_names(
    officer: Client, world: World, grants: dict[str, Membership]
):
    officer.get(URL + "?show=refused")
    shown = {record.subject_pseudonym for record in records("privacy.grants.list")}
    expected = {
        grants["refused"].user_id,
        world.admin.user_id,
        world.privacy_officer.user_id,
    }
    assert shown == {pseudonymise(f"user:{user_id}") for user_id in expected}


@pytest.mark.parametrize("persona", ["lead", "partner", "admin", "process_director"])
def test_other_roles_get_not_found(client: Client, world: World, persona: str):
    sign_in(client, getattr(world, persona))
    assert client.get(URL).status_code == 404


def test_the_officer_of_another_municipality_does_not_see_wijkstads_grants(
    client: Client, world: World, grants: dict[str, Membership]
):
    polderveen = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.PRIVACY_OFFICER
    )
    sign_in(client, polderveen)
    assert names(client) == {"Vera Ver", "Otto Oud"}
