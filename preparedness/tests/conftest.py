from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from accounts.models import Membership, Role
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World


@pytest.fixture(autouse=True)
def _english(client: Client) -> Iterator[None]:
    # Pages and stored titles are read in the English msgids.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def mayor(world: World) -> Membership:
    user = UserFactory.create(email="kabinet@test.schakel.example", full_name="Bram Burger")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE
    )


@pytest.fixture
def polderveen_lead(world: World) -> Membership:
    user = UserFactory.create(email="polder@test.schakel.example", full_name="Pim Polder")
    return MembershipFactory.create(
        user=user, organisation=world.gemeente_polderveen, role=Role.LEAD
    )
