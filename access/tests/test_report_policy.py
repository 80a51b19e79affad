"""Council reports in the policy (issue 7), branch by branch."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access.actor import actor_for_membership
from access.facts import CouncilReportFacts, MunicipalityFacts
from access.municipality import (
    council_section_scope,
    may_finalise_council_report,
    may_make_council_report,
    may_view_council_reports,
    may_write_council_outline,
    may_write_council_section,
)
from access.tests.test_scopes import Town, build_town
from accounts.models import Role
from reports.gates import report_facts
from reports.models import CouncilReport
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


# --- The report's texts (issue 14, point 8). ---


def report(world: World, *contributors: int) -> CouncilReportFacts:
    return CouncilReportFacts(
        municipality_id=world.wijkstad.pk,
        region_id=world.region.pk,
        contributor_organisation_ids=frozenset(contributors),
    )


def test_only_the_municipalitys_lead_writes_the_outline(world: World):
    facts_ = report(world, world.police.pk)
    assert may_write_council_outline(world.actor(world.lead), facts_)
    office = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE)
    other = MembershipFactory.create(organisation=world.gemeente_polderveen, role=Role.LEAD)
    for membership in (office, other, world.process_director, world.partner, world.admin):
        assert not may_write_council_outline(world.actor(membership), facts_), membership.role


def test_a_partner_of_an_invited_organisation_writes_its_explanation(world: World):
    assert may_write_council_section(world.actor(world.partner), report(world, world.police.pk))


def test_a_partner_of_an_organisation_not_invited_does_not(world: World):
    assert not may_write_council_section(world.actor(world.partner), report(world))
    assert not may_write_council_section(
        world.actor(world.outsider), report(world, world.police.pk)
    )


def test_another_role_at_an_invited_organisation_does_not_write_its_explanation(world: World):
    facts_ = report(world, world.gemeente_wijkstad.pk, world.safety_house.pk)
    assert not may_write_council_section(world.actor(world.lead), facts_)
    assert not may_write_council_section(world.actor(world.process_director), facts_)


def test_those_who_make_reports_make_them_final(world: World):
    office = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE)
    assert may_finalise_council_report(world.actor(world.lead), report(world))
    assert may_finalise_council_report(world.actor(office), report(world))
    for membership in (world.process_director, world.partner, world.outsider, world.admin):
        assert not may_finalise_council_report(world.actor(membership), report(world))


@pytest.fixture
def council_town(db: None) -> Town:
    return build_town()


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_partners_list_of_reports_to_explain_agrees_with_the_rule(council_town: Town, data):
    """A report is in a partner's list exactly when the rule lets the partner explain it."""
    town = council_town
    with transaction.atomic():
        municipality = data.draw(st.sampled_from(town.municipalities))
        reports = []
        for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
            made = CouncilReport.objects.create(
                municipality=municipality,
                period_start=date(2024, 1, 1),
                period_end=date(2024, 3, 31),
                threshold=10,
                classification="public",
                channel="council_letter",
                published={},
                created_by_name="Proef",
            )
            made.contributors.set(
                data.draw(st.lists(st.sampled_from(town.organisations), max_size=3, unique=True))
            )
            reports.append(made)
        for membership in town.memberships:
            actor = actor_for_membership(membership)
            listed = set(
                CouncilReport.objects.filter(council_section_scope(actor))
                .distinct()
                .values_list("pk", flat=True)
            )
            allowed = {r.pk for r in reports if may_write_council_section(actor, report_facts(r))}
            assert listed == allowed, membership.role
        transaction.set_rollback(True)
