"""Personas every access test is written against (healthchecks-style).

- ``lead``: dossierhouder of Wijkstad, the case's lead;
- ``partner``: police professional whose organisation is on the case team;
- ``outsider``: a partner of another municipality (Polderveen), on no team;
plus ``privacy_officer`` and ``admin`` for the non-case roles. ``case_facts`` describes a
Wijkstad case with the police on its team, as the policy sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from access.actor import actor_for_membership
from access.facts import Actor, CaseFacts
from accounts.models import Membership, Municipality, Organisation, Region, Role, User
from accounts.session import SESSION_AUTH_AT, SESSION_MEMBERSHIP, SESSION_SEEN_AT
from tests.factories import MembershipFactory, UserFactory, totp_device


@dataclass
class World:
    region: Region
    wijkstad: Municipality
    polderveen: Municipality
    gemeente_wijkstad: Organisation
    gemeente_polderveen: Organisation
    police: Organisation
    safety_house: Organisation
    wijkteam_polderveen: Organisation
    lead: Membership
    partner: Membership
    outsider: Membership
    process_director: Membership
    privacy_officer: Membership
    admin: Membership

    def actor(self, membership: Membership) -> Actor:
        return actor_for_membership(membership)

    def case_facts(self, **overrides: Any) -> CaseFacts:
        values: dict[str, Any] = {
            "municipality_id": self.wijkstad.pk,
            "region_id": self.region.pk,
            "lead_user_id": self.lead.user_id,
            "process_director_user_id": self.process_director.user_id,
            "team_organisation_ids": frozenset({self.police.pk}),
        }
        values.update(overrides)
        return CaseFacts(**values)


def _membership(organisation: Organisation, role: str, email: str, name: str) -> Membership:
    user = UserFactory.create(email=email, full_name=name)
    return MembershipFactory.create(user=user, organisation=organisation, role=role)


def build_world() -> World:
    region = Region.objects.create(name="Zorg- en Veiligheidshuis Testland")
    wijkstad = Municipality.objects.create(name="Testwijkstad", code="GM9901", region=region)
    polderveen = Municipality.objects.create(name="Testpolderveen", code="GM9902", region=region)
    kind = Organisation.Kind
    gemeente_wijkstad = Organisation.objects.create(
        name="Gemeente Testwijkstad", kind=kind.MUNICIPALITY, region=region, municipality=wijkstad
    )
    gemeente_polderveen = Organisation.objects.create(
        name="Gemeente Testpolderveen",
        kind=kind.MUNICIPALITY,
        region=region,
        municipality=polderveen,
    )
    police = Organisation.objects.create(name="Politie Testland", kind=kind.POLICE, region=region)
    safety_house = Organisation.objects.create(
        name="ZVH Testland", kind=kind.SAFETY_HOUSE, region=region
    )
    wijkteam = Organisation.objects.create(
        name="Wijkteam Testpolderveen",
        kind=kind.SOCIAL_TEAM,
        region=region,
        municipality=polderveen,
    )
    return World(
        region=region,
        wijkstad=wijkstad,
        polderveen=polderveen,
        gemeente_wijkstad=gemeente_wijkstad,
        gemeente_polderveen=gemeente_polderveen,
        police=police,
        safety_house=safety_house,
        wijkteam_polderveen=wijkteam,
        lead=_membership(gemeente_wijkstad, Role.LEAD, "lead@test.schakel.example", "Lea Lead"),
        partner=_membership(police, Role.PARTNER, "partner@test.schakel.example", "Piet Partner"),
        outsider=_membership(wijkteam, Role.PARTNER, "outsider@test.schakel.example", "Olga Out"),
        process_director=_membership(
            safety_house, Role.PROCESS_DIRECTOR, "regie@test.schakel.example", "Rik Regie"
        ),
        privacy_officer=_membership(
            gemeente_wijkstad, Role.PRIVACY_OFFICER, "fg@test.schakel.example", "Fien FG"
        ),
        admin=_membership(
            gemeente_wijkstad, Role.ADMIN, "beheer@test.schakel.example", "Ben Beheer"
        ),
    )


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def sign_in(client: Client, membership: Membership) -> User:
    """A fully authenticated session (password and TOTP done) acting in ``membership``.

    The login flow itself is tested through HTTP in accounts/tests; other tests start here.
    """
    user = membership.user
    device = totp_device(user)
    client.force_login(user, backend="accounts.backends.EmailBackend")
    session = client.session
    now = timezone.now().timestamp()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_AUTH_AT] = now
    session[SESSION_SEEN_AT] = now
    session[SESSION_MEMBERSHIP] = membership.pk
    session.save()
    return user
