"""The access policy, branch by branch, with the personas (DESIGN §4)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from access.cases import may_break_glass, may_edit_case, may_view_case
from access.entries import may_view_entry
from access.facts import BreakGlass, Category, EntryFacts, SignalFacts, SubjectFacts
from access.municipality import may_administer, may_grant_membership, may_read_processing_log
from access.signals import (
    may_edit_signal,
    may_register_signal,
    may_view_intelligence_notice,
    may_view_signal,
)
from access.subjects import may_view_subject
from accounts.models import Organisation, Role
from tests.factories import MembershipFactory, OrganisationFactory
from tests.personas import World


def test_lead_of_the_case_sees_it(world: World):
    assert may_view_case(world.actor(world.lead), world.case_facts())


def test_partner_on_the_team_sees_the_case(world: World):
    assert may_view_case(world.actor(world.partner), world.case_facts())


def test_outsider_of_another_municipality_does_not_see_the_case(world: World):
    assert not may_view_case(world.actor(world.outsider), world.case_facts())


def test_process_director_of_the_region_sees_the_case(world: World):
    assert may_view_case(world.actor(world.process_director), world.case_facts())


def test_partner_loses_access_when_removed_from_the_team(world: World):
    facts = world.case_facts(team_organisation_ids=frozenset())
    assert not may_view_case(world.actor(world.partner), facts)


def test_another_lead_of_the_same_municipality_needs_break_glass(world: World):
    colleague = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.LEAD)
    actor = world.actor(colleague)
    assert not may_view_case(actor, world.case_facts())
    assert may_break_glass(actor, world.case_facts())
    grant = BreakGlass(user_id=colleague.user_id, expires_at=timezone.now() + timedelta(hours=1))
    assert may_view_case(actor, world.case_facts(break_glass=(grant,)))


def test_break_glass_expires(world: World):
    colleague = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.LEAD)
    grant = BreakGlass(user_id=colleague.user_id, expires_at=timezone.now() - timedelta(seconds=1))
    assert not may_view_case(world.actor(colleague), world.case_facts(break_glass=(grant,)))


def test_lead_of_another_municipality_has_no_break_glass(world: World):
    other_lead = MembershipFactory.create(organisation=world.gemeente_polderveen, role=Role.LEAD)
    actor = world.actor(other_lead)
    assert not may_break_glass(actor, world.case_facts())
    grant = BreakGlass(user_id=other_lead.user_id, expires_at=timezone.now() + timedelta(hours=1))
    assert not may_view_case(actor, world.case_facts(break_glass=(grant,)))


def test_partners_have_no_break_glass(world: World):
    assert not may_break_glass(world.actor(world.outsider), world.case_facts())
    assert not may_break_glass(world.actor(world.partner), world.case_facts())


def test_a_lead_membership_elsewhere_does_not_count_as_lead(world: World):
    # Same user id as the case's lead, but acting for another municipality.
    elsewhere = MembershipFactory.create(
        user=world.lead.user, organisation=world.gemeente_polderveen, role=Role.LEAD
    )
    assert not may_view_case(world.actor(elsewhere), world.case_facts())


def test_the_lead_user_acting_as_partner_is_not_the_lead(world: World):
    as_partner = MembershipFactory.create(
        user=world.lead.user, organisation=world.gemeente_wijkstad, role=Role.PARTNER
    )
    assert not may_view_case(world.actor(as_partner), world.case_facts())


@pytest.mark.parametrize("persona", ["admin", "privacy_officer"])
def test_admin_and_privacy_officer_never_see_cases(world: World, persona: str):
    actor = world.actor(getattr(world, persona))
    assert not may_view_case(actor, world.case_facts())


def test_only_lead_and_process_director_direct_the_case(world: World):
    facts = world.case_facts()
    assert may_edit_case(world.actor(world.lead), facts)
    assert may_edit_case(world.actor(world.process_director), facts)
    assert not may_edit_case(world.actor(world.partner), facts)


def _entry(world: World, category: str, **kwargs: Any) -> EntryFacts:
    values: dict[str, Any] = {
        "case": world.case_facts(),
        "category": category,
        "source_organisation_id": world.gemeente_wijkstad.pk,
    }
    values.update(kwargs)
    return EntryFacts(**values)


def test_general_entries_are_seen_by_everyone_on_the_case(world: World):
    entry = _entry(world, Category.GENERAL)
    assert may_view_entry(world.actor(world.partner), entry)
    assert not may_view_entry(world.actor(world.outsider), entry)


def test_special_entry_of_another_source_is_hidden_from_a_partner(world: World):
    youth_care = OrganisationFactory.create(kind=Organisation.Kind.YOUTH_CARE, region=world.region)
    entry = _entry(world, Category.SPECIAL, source_organisation_id=youth_care.pk)
    assert not may_view_entry(world.actor(world.partner), entry)
    assert may_view_entry(world.actor(world.lead), entry)


def test_special_entry_is_seen_by_its_source_and_granted_organisations(world: World):
    entry = _entry(world, Category.SPECIAL, source_organisation_id=world.police.pk)
    assert may_view_entry(world.actor(world.partner), entry)
    school = OrganisationFactory.create(kind=Organisation.Kind.SCHOOL, region=world.region)
    member = MembershipFactory.create(organisation=school, role=Role.PARTNER)
    team = world.case_facts(team_organisation_ids=frozenset({world.police.pk, school.pk}))
    hidden = _entry(world, Category.SPECIAL, case=team)
    granted = _entry(
        world, Category.SPECIAL, case=team, granted_organisation_ids=frozenset({school.pk})
    )
    assert not may_view_entry(world.actor(member), hidden)
    assert may_view_entry(world.actor(member), granted)


def test_criminal_entries_reach_police_and_process_director(world: World):
    entry = _entry(world, Category.CRIMINAL)
    assert may_view_entry(world.actor(world.partner), entry)  # police
    assert may_view_entry(world.actor(world.process_director), entry)
    assert may_view_entry(world.actor(world.lead), entry)


def test_criminal_entries_do_not_reach_a_school(world: World):
    school = OrganisationFactory.create(kind=Organisation.Kind.SCHOOL, region=world.region)
    member = MembershipFactory.create(organisation=school, role=Role.PARTNER)
    team = world.case_facts(team_organisation_ids=frozenset({school.pk}))
    assert not may_view_entry(world.actor(member), _entry(world, Category.CRIMINAL, case=team))


def test_professional_secrecy_stays_with_its_source_even_for_the_lead(world: World):
    ggz = OrganisationFactory.create(kind=Organisation.Kind.MENTAL_HEALTH, region=world.region)
    entry = _entry(world, Category.SECRECY, source_organisation_id=ggz.pk)
    assert not may_view_entry(world.actor(world.lead), entry)
    assert not may_view_entry(world.actor(world.process_director), entry)
    granted = _entry(
        world,
        Category.SECRECY,
        source_organisation_id=ggz.pk,
        granted_organisation_ids=frozenset({world.gemeente_wijkstad.pk}),
    )
    assert may_view_entry(world.actor(world.lead), granted)


def test_administration_and_log_are_for_their_own_roles(world: World):
    assert may_administer(world.actor(world.admin))
    assert not may_administer(world.actor(world.lead))
    assert may_read_processing_log(world.actor(world.privacy_officer))
    assert not may_read_processing_log(world.actor(world.admin))


# --- Signals and subjects ---


def _signal(world: World, **kwargs: Any) -> SignalFacts:
    values: dict[str, Any] = {
        "municipality_id": world.wijkstad.pk,
        "registered_by_user_id": None,
    }
    values.update(kwargs)
    return SignalFacts(**values)


def test_the_lead_of_the_municipality_sees_and_edits_its_signals(world: World):
    assert may_view_signal(world.actor(world.lead), _signal(world))
    assert may_edit_signal(world.actor(world.lead), _signal(world))


def test_a_lead_of_another_municipality_sees_no_signal(world: World):
    other = MembershipFactory.create(organisation=world.gemeente_polderveen, role=Role.LEAD)
    assert not may_view_signal(world.actor(other), _signal(world))


def test_partners_see_a_signal_only_at_a_weighing_they_attend(world: World):
    facts = _signal(world)
    assert not may_view_signal(world.actor(world.partner), facts)
    attending = _signal(world, weighing_organisation_ids=frozenset({world.police.pk}))
    assert may_view_signal(world.actor(world.partner), attending)
    assert not may_edit_signal(world.actor(world.partner), attending)


def test_intake_sees_only_what_it_registered(world: World):
    intake = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.INTAKE)
    assert not may_view_signal(world.actor(intake), _signal(world))
    own = _signal(world, registered_by_user_id=intake.user_id)
    assert may_view_signal(world.actor(intake), own)
    assert not may_edit_signal(world.actor(intake), own)


def test_intelligence_notices_are_for_lead_and_mayor_only(world: World):
    mayor = MembershipFactory.create(organisation=world.gemeente_wijkstad, role=Role.MAYOR_OFFICE)
    other_mayor = MembershipFactory.create(
        organisation=world.gemeente_polderveen, role=Role.MAYOR_OFFICE
    )
    attending = _signal(world, weighing_organisation_ids=frozenset({world.police.pk}))
    assert may_view_intelligence_notice(world.actor(world.lead), attending)
    assert may_view_intelligence_notice(world.actor(mayor), attending)
    assert not may_view_intelligence_notice(world.actor(other_mayor), attending)
    assert not may_view_intelligence_notice(world.actor(world.partner), attending)
    assert not may_view_signal(world.actor(mayor), attending)


def test_partners_of_the_region_may_report_and_admins_may_not(world: World):
    region = world.region.pk
    assert may_register_signal(world.actor(world.partner), municipality_region_id=region)
    assert may_register_signal(world.actor(world.lead), municipality_region_id=region)
    assert not may_register_signal(world.actor(world.admin), municipality_region_id=region)
    assert not may_register_signal(world.actor(world.partner), municipality_region_id=region + 1)


def test_a_subject_is_visible_to_the_lead_or_through_a_visible_signal(world: World):
    facts = SubjectFacts(municipality_id=world.wijkstad.pk)
    assert may_view_subject(world.actor(world.lead), facts)
    assert not may_view_subject(world.actor(world.partner), facts)
    via_weighing = SubjectFacts(
        municipality_id=world.wijkstad.pk,
        signals=(_signal(world, weighing_organisation_ids=frozenset({world.police.pk})),),
    )
    assert may_view_subject(world.actor(world.partner), via_weighing)
    via_case = SubjectFacts(municipality_id=world.wijkstad.pk, cases=(world.case_facts(),))
    assert may_view_subject(world.actor(world.partner), via_case)
    assert not may_view_subject(world.actor(world.outsider), via_case)


def test_an_administrator_grants_roles_to_others_but_never_to_their_own_account(world):
    admin = world.actor(world.admin)
    assert may_grant_membership(admin, user_id=world.partner.user_id)
    assert not may_grant_membership(admin, user_id=world.admin.user_id)
    assert not may_grant_membership(world.actor(world.lead), user_id=world.partner.user_id)
