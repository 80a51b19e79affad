"""Who gets the search box: the roles that work with persons, nobody else."""

from __future__ import annotations

import pytest

from access.facts import Actor
from access.search import may_search
from accounts.models import Role

SEARCHING = [Role.LEAD, Role.PROCESS_DIRECTOR, Role.PARTNER, Role.INTAKE]
NOT_SEARCHING = [Role.MAYOR_OFFICE, Role.PRIVACY_OFFICER, Role.ADMIN]


def actor_in(role: str) -> Actor:
    return Actor(
        user_id=1,
        membership_id=1,
        role=role,
        organisation_id=1,
        organisation_kind="municipality",
        municipality_id=1,
        region_id=1,
    )


@pytest.mark.parametrize("role", SEARCHING)
def test_the_roles_that_work_with_persons_may_search(role: str):
    assert may_search(actor_in(role))


@pytest.mark.parametrize("role", NOT_SEARCHING)
def test_the_mayors_office_privacy_officer_and_administrator_may_not_search(role: str):
    assert not may_search(actor_in(role))


def test_every_role_is_decided():
    assert set(SEARCHING) | set(NOT_SEARCHING) == set(Role)
