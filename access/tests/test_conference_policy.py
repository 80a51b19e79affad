"""The case conference policy, branch by branch, with the personas."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from access.cases import may_chair_conference
from access.facts import Actor, ConferenceFacts
from access.meetings import may_create_conference, may_view_conference
from accounts.models import Region, Role
from tests.factories import MembershipFactory
from tests.personas import World


def conference(world: World, **overrides: Any) -> ConferenceFacts:
    values: dict[str, Any] = {
        "municipality_id": world.wijkstad.pk,
        "region_id": world.region.pk,
        "chair_user_id": world.process_director.user_id,
        "attending_organisation_ids": frozenset({world.police.pk}),
    }
    values.update(overrides)
    return ConferenceFacts(**values)


def elsewhere(actor: Actor) -> Actor:
    """The same person and role, in another region."""
    other = Region.objects.create(name="Elders")
    return replace(actor, region_id=other.pk)


# --- Chairing. ---


def test_the_chair_acting_as_process_director_of_the_region_chairs(world: World):
    assert may_chair_conference(world.actor(world.process_director), conference(world))


def test_a_process_director_of_another_region_does_not_chair(world: World):
    actor = elsewhere(world.actor(world.process_director))
    assert not may_chair_conference(actor, conference(world))


def test_a_process_director_who_is_not_the_chair_does_not_chair(world: World):
    facts = conference(world, chair_user_id=world.lead.user_id)
    assert not may_chair_conference(world.actor(world.process_director), facts)


def test_the_lead_chairs_when_named_chair(world: World):
    facts = conference(world, chair_user_id=world.lead.user_id)
    assert may_chair_conference(world.actor(world.lead), facts)


def test_a_lead_of_another_municipality_named_chair_does_not_chair(world: World):
    facts = conference(world, chair_user_id=world.lead.user_id, municipality_id=world.polderveen.pk)
    assert not may_chair_conference(world.actor(world.lead), facts)


def test_the_chair_acting_in_a_partner_membership_does_not_chair(world: World):
    partner = MembershipFactory.create(
        user=world.process_director.user, organisation=world.police, role=Role.PARTNER
    )
    assert not may_chair_conference(world.actor(partner), conference(world))


# --- Viewing. ---


def test_the_chair_sees_the_conference(world: World):
    assert may_view_conference(world.actor(world.process_director), conference(world))


def test_any_process_director_of_the_region_sees_the_conference(world: World):
    facts = conference(world, chair_user_id=world.lead.user_id)
    assert may_view_conference(world.actor(world.process_director), facts)


def test_a_process_director_of_another_region_does_not_see_it(world: World):
    facts = conference(world, chair_user_id=world.lead.user_id)
    assert not may_view_conference(elsewhere(world.actor(world.process_director)), facts)


def test_the_municipality_lead_sees_the_conference(world: World):
    assert may_view_conference(world.actor(world.lead), conference(world))


def test_a_lead_of_another_municipality_does_not_see_it(world: World):
    facts = conference(world, municipality_id=world.polderveen.pk)
    assert not may_view_conference(world.actor(world.lead), facts)


def test_a_partner_whose_organisation_attends_sees_the_conference(world: World):
    assert may_view_conference(world.actor(world.partner), conference(world))


def test_a_partner_whose_organisation_does_not_attend_does_not_see_it(world: World):
    assert not may_view_conference(world.actor(world.outsider), conference(world))


def test_other_roles_do_not_see_the_conference_even_when_their_organisation_attends(
    world: World,
):
    facts = conference(world, attending_organisation_ids=frozenset({world.gemeente_wijkstad.pk}))
    assert not may_view_conference(world.actor(world.privacy_officer), facts)
    assert not may_view_conference(world.actor(world.admin), facts)


# --- Planning. ---


def test_a_process_director_plans_a_conference_in_the_region(world: World):
    actor = world.actor(world.process_director)
    assert may_create_conference(
        actor, municipality_id=world.wijkstad.pk, region_id=world.region.pk
    )


def test_a_process_director_does_not_plan_in_another_region(world: World):
    actor = elsewhere(world.actor(world.process_director))
    assert not may_create_conference(
        actor, municipality_id=world.wijkstad.pk, region_id=world.region.pk
    )


def test_the_lead_plans_a_conference_of_the_own_municipality(world: World):
    actor = world.actor(world.lead)
    assert may_create_conference(
        actor, municipality_id=world.wijkstad.pk, region_id=world.region.pk
    )


def test_the_lead_does_not_plan_for_another_municipality(world: World):
    actor = world.actor(world.lead)
    assert not may_create_conference(
        actor, municipality_id=world.polderveen.pk, region_id=world.region.pk
    )


def test_partners_and_other_roles_do_not_plan_conferences(world: World):
    for membership in (world.partner, world.privacy_officer, world.admin):
        assert not may_create_conference(
            world.actor(membership), municipality_id=world.wijkstad.pk, region_id=world.region.pk
        )
