"""The network part of the policy (issue 6), branch by branch."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from access.cases import may_edit_network, may_export_network, may_link_network_subject
from access.facts import BreakGlass
from accounts.models import Role
from tests.factories import MembershipFactory
from tests.personas import World


def test_those_on_the_case_by_right_may_record_in_its_network(world: World):
    facts = world.case_facts()
    for membership in (world.lead, world.process_director, world.partner):
        assert may_edit_network(world.actor(membership), facts)


def test_outsiders_and_removed_partners_may_not_record(world: World):
    assert not may_edit_network(world.actor(world.outsider), world.case_facts())
    removed = world.case_facts(team_organisation_ids=frozenset())
    assert not may_edit_network(world.actor(world.partner), removed)


def test_emergency_access_reads_but_does_not_record(world: World):
    colleague = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.LEAD)
    grant = BreakGlass(user_id=colleague.user_id, expires_at=timezone.now() + timedelta(hours=1))
    facts = world.case_facts(break_glass=(grant,))
    assert not may_edit_network(world.actor(colleague), facts)
    assert not may_link_network_subject(world.actor(colleague), facts)
    assert not may_export_network(world.actor(colleague), facts)


def test_only_the_lead_links_a_network_person_to_a_known_subject(world: World):
    facts = world.case_facts()
    assert may_link_network_subject(world.actor(world.lead), facts)
    assert not may_link_network_subject(world.actor(world.process_director), facts)
    assert not may_link_network_subject(world.actor(world.partner), facts)


def test_the_lead_and_the_process_director_export_partners_do_not(world: World):
    facts = world.case_facts()
    assert may_export_network(world.actor(world.lead), facts)
    assert may_export_network(world.actor(world.process_director), facts)
    assert not may_export_network(world.actor(world.partner), facts)
    assert not may_export_network(world.actor(world.outsider), facts)
