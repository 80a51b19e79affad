"""The rules about grants of roles (access.grants), branch by branch. Pure facts: no
database."""

from __future__ import annotations

from typing import Any

import pytest

from access.facts import Actor, GrantFacts
from access.grants import (
    approval_scope,
    grant_scope,
    is_party_to_grant,
    is_within_reach,
    may_approve_grants,
    may_approve_membership,
    may_handle_grant,
    may_view_grant,
    may_view_grants,
)
from access.roles import grant_approvers
from accounts.models import Role

REGION, OTHER_REGION = 1, 2
WIJKSTAD, POLDERVEEN = 10, 11


def actor(role: str = Role.PRIVACY_OFFICER, **overrides: Any) -> Actor:
    values: dict[str, Any] = {
        "user_id": 100,
        "membership_id": 1000,
        "role": role,
        "organisation_id": 50,
        "organisation_kind": "municipality",
        "municipality_id": WIJKSTAD,
        "region_id": REGION,
    }
    values.update(overrides)
    return Actor(**values)


def grant(**overrides: Any) -> GrantFacts:
    values: dict[str, Any] = {
        "member_user_id": 200,
        "granted_by_user_id": 300,
        "role": Role.PARTNER,
        "municipality_id": WIJKSTAD,
        "region_id": REGION,
    }
    values.update(overrides)
    return GrantFacts(**values)


@pytest.fixture
def lead_approves(settings: Any) -> None:
    settings.MEMBERSHIP_APPROVERS = ("lead",)


# --- Reach ---


def test_a_grant_in_another_region_is_out_of_reach():
    assert not is_within_reach(actor(), grant(region_id=OTHER_REGION, municipality_id=None))


def test_a_grant_at_a_regional_organisation_of_the_region_is_within_reach():
    assert is_within_reach(actor(), grant(municipality_id=None))


def test_a_grant_of_the_own_municipality_is_within_reach():
    assert is_within_reach(actor(), grant())


def test_a_grant_of_another_municipality_of_the_region_is_out_of_reach():
    assert not is_within_reach(actor(), grant(municipality_id=POLDERVEEN))


def test_an_actor_of_a_regional_organisation_reaches_no_municipality():
    assert not is_within_reach(actor(municipality_id=None), grant())
    assert is_within_reach(actor(municipality_id=None), grant(municipality_id=None))


# --- Oversight ---


def test_only_the_privacy_officer_oversees_grants():
    assert may_view_grants(actor())
    for role in Role:
        if role != Role.PRIVACY_OFFICER:
            assert not may_view_grants(actor(role))
            assert not may_view_grant(actor(role), grant())
            assert grant_scope(actor(role)).children == [("pk__in", [])]


def test_the_privacy_officer_sees_grants_within_reach_only():
    assert may_view_grant(actor(), grant())
    assert not may_view_grant(actor(), grant(municipality_id=POLDERVEEN))


# --- Who approves what ---


def test_by_default_the_privacy_officer_approves_every_grant():
    for role in Role:
        assert grant_approvers(role) == {Role.PRIVACY_OFFICER}


def test_the_lead_may_be_configured_for_content_roles_but_never_for_supervised_ones(
    lead_approves: None,
):
    assert grant_approvers(Role.PARTNER) == {Role.LEAD}
    assert grant_approvers(Role.ADMIN) == {Role.PRIVACY_OFFICER}
    assert grant_approvers(Role.PRIVACY_OFFICER) == {Role.PRIVACY_OFFICER}


def test_who_approves_any_grant_at_all():
    assert may_approve_grants(actor())
    assert not may_approve_grants(actor(Role.LEAD))
    assert not may_approve_grants(actor(Role.ADMIN))


def test_a_configured_lead_approves_grants(lead_approves: None):
    assert may_approve_grants(actor(Role.LEAD))


def test_a_role_that_does_not_approve_this_grant_does_not_handle_it():
    assert not may_handle_grant(actor(Role.LEAD), grant())
    assert not may_handle_grant(actor(Role.ADMIN), grant())


def test_an_approver_out_of_reach_does_not_handle_it():
    assert not may_handle_grant(actor(), grant(municipality_id=POLDERVEEN))


def test_an_approver_within_reach_handles_it():
    assert may_handle_grant(actor(), grant())


def test_the_member_and_the_granter_are_parties():
    assert is_party_to_grant(actor(user_id=200), grant())
    assert is_party_to_grant(actor(user_id=300), grant())
    assert not is_party_to_grant(actor(), grant())
    assert not is_party_to_grant(actor(), grant(granted_by_user_id=None))


def test_a_party_never_approves():
    assert not may_approve_membership(actor(user_id=200), grant())
    assert not may_approve_membership(actor(user_id=300), grant())


def test_an_approver_who_does_not_handle_the_grant_does_not_approve_it():
    assert not may_approve_membership(actor(), grant(municipality_id=POLDERVEEN))


def test_the_second_person_approves():
    assert may_approve_membership(actor(), grant())


def test_a_role_that_approves_nothing_has_an_empty_approval_list():
    assert approval_scope(actor(Role.PARTNER)).children == [("pk__in", [])]
