"""Two-person approval of grants (separation of duties): the administrator grants a role, a
second person approves it before it gives any access. Real database, real gates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts import services as account_services
from accounts.models import Membership, MembershipStatus, Role
from accounts.services import api_token_create
from administration import services
from administration.gates import grant_facts
from audit.services import pseudonymise
from cases.tests.test_cases import open_case
from tests.factories import MembershipFactory, UserFactory
from tests.faults import records
from tests.personas import World, sign_in


def english(client: Client) -> Client:
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def grant(world: World, *, role: str = Role.PARTNER, organisation: Any = None, **kw: Any):
    """The administrator grants a role to a new colleague (through the service)."""
    user = kw.pop("user", None) or UserFactory.create(
        email="nieuw@test.schakel.example", full_name="Nina Nieuw"
    )
    return services.membership_create(
        actor=world.actor(kw.pop("by", world.admin)),
        user=user,
        organisation=organisation or world.police,
        role=role,
        valid_from=timezone.localdate(),
        valid_until=None,
    )


def decide_url(membership: Membership) -> str:
    return reverse("administration:approval_decide", args=[membership.pk])


def approve(client: Client, membership: Membership):
    return client.post(decide_url(membership), {"decision": "approve", "reason": ""})


def refuse(client: Client, membership: Membership, reason: str = "Geen taak in Schakel."):
    return client.post(decide_url(membership), {"decision": "refuse", "reason": reason})


@pytest.fixture
def officer(world: World) -> Client:
    client = english(Client())
    sign_in(client, world.privacy_officer)
    return client


# --- Granting ---


@translation.override("en")
def test_the_service_refuses_a_grant_to_the_administrators_own_account(world: World):
    with pytest.raises(ValidationError, match="You cannot give your own account a role"):
        grant(world, user=world.admin.user)
    with pytest.raises(ValidationError, match="Nobody grants a role to themselves"):
        account_services.membership_create(
            user=world.admin.user,
            organisation=world.police,
            role=Role.PARTNER,
            valid_from=timezone.localdate(),
            granted_by_id=world.admin.user_id,
        )
    assert list(world.admin.user.active_memberships()) == [world.admin]


def test_the_database_refuses_a_self_grant_and_a_self_approval(world: World):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=world.partner.pk).update(granted_by=world.partner.user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(pk=world.partner.pk).update(decided_by=world.partner.user)


def test_a_grant_is_pending_records_its_granter_and_gives_no_access(client: Client, world: World):
    case = open_case(world)
    membership = grant(world)
    assert membership.status == MembershipStatus.PENDING
    assert membership.granted_by_id == world.admin.user_id
    assert membership.granted_at is not None
    assert not Membership.objects.current().filter(pk=membership.pk).exists()
    [record] = records("administration.memberships.create")
    assert record.subject_pseudonym == pseudonymise(f"user:{membership.user_id}")

    sign_in(client, membership)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    _token, plaintext = api_token_create(membership=membership, name="t", days=1)
    api = Client().get(f"/api/v1/cases/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.status_code == 401


def test_approval_makes_the_grant_count(officer: Client, world: World):
    case = open_case(world)
    membership = grant(world)
    page = officer.get(decide_url(membership))
    assert page.status_code == 200
    assert "Nina Nieuw" in page.content.decode()
    assert 'value="approve"' in page.content.decode()
    response = approve(officer, membership)
    assert response.status_code == 302
    assert response["Location"] == reverse("administration:approval_list")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by_id == world.privacy_officer.user_id
    assert membership.decided_at is not None
    [record] = records("administration.memberships.approve")
    assert record.subject_pseudonym == pseudonymise(f"user:{membership.user_id}")
    assert record.object_id == str(membership.pk)

    member = Client()
    sign_in(member, membership)
    assert member.get(reverse("cases:detail", args=[case.pk])).status_code == 200
    _token, plaintext = api_token_create(membership=membership, name="t", days=1)
    api = Client().get(f"/api/v1/cases/{case.pk}", HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.status_code == 200


def test_refusal_keeps_the_grant_inactive_with_its_reason(officer: Client, world: World):
    membership = grant(world)
    response = refuse(officer, membership, "Werkt niet meer bij de politie.")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REFUSED
    assert membership.decision_reason == "Werkt niet meer bij de politie."
    assert membership.decided_by_id == world.privacy_officer.user_id
    assert not membership.user.active_memberships().exists()
    assert len(records("administration.memberships.refuse")) == 1


def test_a_refusal_needs_a_reason(officer: Client, world: World):
    membership = grant(world)
    response = refuse(officer, membership, "  ")
    assert response.status_code == 400
    assert "Give the reason for refusing." in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_a_refused_role_may_be_granted_again(officer: Client, world: World):
    membership = grant(world)
    refuse(officer, membership)
    again = grant(world, user=membership.user)
    assert again.status == MembershipStatus.PENDING


def test_a_decided_grant_is_decided_once(officer: Client, world: World):
    membership = grant(world)
    approve(officer, membership)
    second = refuse(officer, membership)
    assert second.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert len(records("administration.memberships.approve")) == 1
    assert records("administration.memberships.refuse") == []
    assert officer.get(decide_url(membership)).status_code == 200


@translation.override("en")
def test_the_accounts_service_refuses_a_second_decision(world: World):
    membership = grant(world)
    approver = world.privacy_officer.user_id
    account_services.membership_approve(membership=membership, decided_by_id=approver)
    with pytest.raises(ValidationError, match="already been decided"):
        account_services.membership_refuse(
            membership=membership, decided_by_id=approver, reason="Toch niet."
        )


# --- Who may not approve ---


def test_the_granter_cannot_approve_their_own_grant(client: Client, world: World):
    """One person who is both administrator and privacy officer: the grant they made as
    administrator is not theirs to approve as privacy officer."""
    both = MembershipFactory.create(
        user=world.admin.user, organisation=world.gemeente_wijkstad, role=Role.PRIVACY_OFFICER
    )
    membership = grant(world)
    sign_in(english(client), both)
    response = approve(client, membership)
    assert response.status_code == 400
    assert "You granted this role yourself" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING
    assert records("administration.memberships.approve") == []
    with pytest.raises(ValidationError):
        services.membership_approve(
            actor=world.actor(both), membership=membership, grant=grant_facts(membership)
        )


def test_the_member_cannot_approve_their_own_grant(officer: Client, world: World):
    membership = grant(
        world,
        user=world.privacy_officer.user,
        role=Role.INTAKE,
        organisation=world.gemeente_wijkstad,
    )
    response = approve(officer, membership)
    assert response.status_code == 400
    assert "You cannot approve or refuse a grant of your own role." in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


@pytest.mark.parametrize("persona", ["lead", "partner", "admin", "process_director"])
def test_other_roles_cannot_reach_a_grant(client: Client, world: World, persona: str):
    membership = grant(world)
    sign_in(client, getattr(world, persona))
    assert client.get(decide_url(membership)).status_code == 404
    assert approve(client, membership).status_code == 404
    assert client.get(reverse("administration:approval_list")).status_code == 404
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_the_privacy_officer_of_another_municipality_gets_not_found(client: Client, world: World):
    polderveen = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.PRIVACY_OFFICER
    )
    membership = grant(world, role=Role.INTAKE, organisation=world.gemeente_wijkstad)
    sign_in(client, polderveen)
    assert client.get(decide_url(membership)).status_code == 404
    assert approve(client, membership).status_code == 404
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_an_unknown_grant_is_not_found(officer: Client, world: World):
    assert officer.get("/beheer/goedkeuringen/987654/").status_code == 404


# --- The approver's list ---


def test_the_approver_sees_the_pending_grants_within_reach(officer: Client, world: World):
    wijkstad = grant(world, role=Role.INTAKE, organisation=world.gemeente_wijkstad)
    polderveen = grant(
        world,
        role=Role.INTAKE,
        organisation=world.gemeente_polderveen,
        user=UserFactory.create(email="polder@test.schakel.example", full_name="Paul Polder"),
    )
    own = grant(
        world,
        user=world.privacy_officer.user,
        role=Role.INTAKE,
        organisation=world.gemeente_wijkstad,
    )
    page = officer.get(reverse("administration:approval_list"))
    assert page.status_code == 200
    content = page.content.decode()
    assert decide_url(wijkstad) in content
    assert decide_url(polderveen) not in content
    assert decide_url(own) not in content
    [record] = records("administration.approvals.list")
    assert record.subject_pseudonym == pseudonymise(f"user:{wijkstad.user_id}")


def test_the_start_page_and_menu_lead_the_privacy_officer_to_the_approvals(officer: Client):
    page = officer.get("/").content.decode()
    assert reverse("administration:approval_list") in page
    assert reverse("privacy:grants") in page


# --- The admin role and the privacy officer's own are the privacy officer's to approve ---


def test_an_admin_grant_waits_for_the_privacy_officer(officer: Client, world: World):
    membership = grant(world, role=Role.ADMIN, organisation=world.safety_house)
    assert membership.status == MembershipStatus.PENDING
    assert approve(officer, membership).status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED


@pytest.fixture
def lead_approves(settings: Any) -> None:
    settings.MEMBERSHIP_APPROVERS = ("lead",)


def test_where_configured_the_lead_approves_grants_of_the_municipality(
    client: Client, world: World, lead_approves: None
):
    membership = grant(world, role=Role.INTAKE, organisation=world.gemeente_wijkstad)
    sign_in(client, world.lead)
    assert approve(client, membership).status_code == 302
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by_id) == (
        MembershipStatus.APPROVED,
        world.lead.user_id,
    )


def test_where_the_lead_approves_the_privacy_officer_no_longer_does_content_roles(
    officer: Client, world: World, lead_approves: None
):
    membership = grant(world, role=Role.INTAKE, organisation=world.gemeente_wijkstad)
    assert approve(officer, membership).status_code == 404


def test_even_then_the_lead_never_approves_an_admin_or_privacy_officer_grant(
    client: Client, world: World, lead_approves: None
):
    admin = grant(world, role=Role.ADMIN, organisation=world.gemeente_wijkstad)
    sign_in(client, world.lead)
    assert approve(client, admin).status_code == 404
    admin.refresh_from_db()
    assert admin.status == MembershipStatus.PENDING


# --- Ending ---


@translation.override("en")
def test_a_pending_grant_cannot_be_ended(world: World):
    membership = grant(world)
    with pytest.raises(ValidationError, match="never approved"):
        services.membership_end(actor=world.actor(world.admin), membership=membership)


def test_an_approved_grant_ends_as_before(officer: Client, world: World):
    membership = grant(world)
    approve(officer, membership)
    membership.refresh_from_db()
    services.membership_end(actor=world.actor(world.admin), membership=membership)
    membership.refresh_from_db()
    assert membership.valid_until == timezone.localdate()
    assert membership.status == MembershipStatus.APPROVED
    assert not Membership.objects.ended().filter(pk=membership.pk).exists()
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert Membership.objects.ended().filter(pk=membership.pk).exists()
