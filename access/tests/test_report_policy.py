"""Council reports in the policy (issue 7), branch by branch."""

from __future__ import annotations

from access.facts import MunicipalityFacts
from access.municipality import may_make_council_report, may_view_council_reports
from accounts.models import Role
from tests.factories import MembershipFactory
from tests.personas import World


def facts(world: World) -> MunicipalityFacts:
    return MunicipalityFacts(municipality_id=world.wijkstad.pk, region_id=world.region.pk)


def test_the_lead_sees_and_makes_the_municipalitys_reports(world: World):
    actor = world.actor(world.lead)
    assert may_view_council_reports(actor, facts(world))
    assert may_make_council_report(actor, facts(world))


def test_the_mayors_office_sees_and_makes_them_too(world: World):
    office = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE)
    assert may_view_council_reports(world.actor(office), facts(world))
    assert may_make_council_report(world.actor(office), facts(world))


def test_the_process_director_sees_the_regions_reports_but_does_not_make_them(world: World):
    actor = world.actor(world.process_director)
    assert may_view_council_reports(actor, facts(world))
    assert not may_make_council_report(actor, facts(world))


def test_partners_outsiders_and_other_roles_neither_see_nor_make(world: World):
    for membership in (world.partner, world.outsider, world.admin, world.privacy_officer):
        assert not may_view_council_reports(world.actor(membership), facts(world))
        assert not may_make_council_report(world.actor(membership), facts(world))


def test_a_lead_of_another_municipality_does_not_make_this_ones_report(world: World):
    other = MembershipFactory.create(organisation=world.gemeente_polderveen, role=Role.LEAD)
    assert not may_view_council_reports(world.actor(other), facts(world))
    assert not may_make_council_report(world.actor(other), facts(world))
