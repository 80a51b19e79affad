"""The preparedness part of the policy (issue 7), branch by branch."""

from __future__ import annotations

from access.facts import Actor, MunicipalityFacts
from access.municipality import (
    may_edit_key_figures,
    may_edit_readiness,
    may_edit_support_directory,
    may_view_key_figures,
    may_view_readiness,
)
from accounts.models import Organisation, Role

WIJKSTAD = MunicipalityFacts(municipality_id=1, region_id=10)
K = Organisation.Kind


def actor(role: str, *, kind: str = K.MUNICIPALITY, municipality: int | None = 1, region=10):
    return Actor(
        user_id=5,
        membership_id=6,
        role=role,
        organisation_id=7,
        organisation_kind=kind,
        municipality_id=municipality,
        region_id=region,
    )


def test_the_lead_and_mayors_office_of_the_municipality_see_its_readiness():
    assert may_view_readiness(actor(Role.LEAD), WIJKSTAD)
    assert may_view_readiness(actor(Role.MAYOR_OFFICE), WIJKSTAD)


def test_lead_and_mayors_office_of_another_municipality_do_not():
    assert not may_view_readiness(actor(Role.LEAD, municipality=2), WIJKSTAD)
    assert not may_view_readiness(actor(Role.MAYOR_OFFICE, municipality=2), WIJKSTAD)


def test_the_process_director_of_the_region_sees_readiness_but_not_of_another_region():
    director = actor(Role.PROCESS_DIRECTOR, kind=K.SAFETY_HOUSE, municipality=None)
    assert may_view_readiness(director, WIJKSTAD)
    elsewhere = actor(Role.PROCESS_DIRECTOR, kind=K.SAFETY_HOUSE, municipality=None, region=11)
    assert not may_view_readiness(elsewhere, WIJKSTAD)


def test_partners_admins_intake_and_privacy_officers_do_not_see_readiness():
    for role in (Role.PARTNER, Role.ADMIN, Role.INTAKE, Role.PRIVACY_OFFICER):
        assert not may_view_readiness(actor(role), WIJKSTAD), role


def test_only_the_municipalitys_own_lead_records_readiness():
    assert may_edit_readiness(actor(Role.LEAD), WIJKSTAD)
    assert not may_edit_readiness(actor(Role.LEAD, municipality=2), WIJKSTAD)
    assert not may_edit_readiness(actor(Role.MAYOR_OFFICE), WIJKSTAD)
    director = actor(Role.PROCESS_DIRECTOR, kind=K.SAFETY_HOUSE, municipality=None)
    assert not may_edit_readiness(director, WIJKSTAD)


def test_key_figures_are_for_the_lead_and_mayors_office_of_the_municipality_only():
    assert may_view_key_figures(actor(Role.LEAD), WIJKSTAD)
    assert may_view_key_figures(actor(Role.MAYOR_OFFICE), WIJKSTAD)


def test_key_figures_are_hidden_from_other_organisations_and_municipalities():
    # A partner organisation in the same municipality (a school, a social team).
    assert not may_view_key_figures(actor(Role.PARTNER, kind=K.SCHOOL), WIJKSTAD)
    assert not may_view_key_figures(actor(Role.LEAD, municipality=2), WIJKSTAD)
    director = actor(Role.PROCESS_DIRECTOR, kind=K.SAFETY_HOUSE, municipality=None)
    assert not may_view_key_figures(director, WIJKSTAD)


def test_other_roles_at_the_municipality_itself_do_not_see_key_figures():
    for role in (Role.PARTNER, Role.ADMIN, Role.PRIVACY_OFFICER, Role.INTAKE):
        assert not may_view_key_figures(actor(role), WIJKSTAD), role


def test_only_the_lead_records_key_figures():
    assert may_edit_key_figures(actor(Role.LEAD), WIJKSTAD)
    assert not may_edit_key_figures(actor(Role.MAYOR_OFFICE), WIJKSTAD)
    assert not may_edit_key_figures(actor(Role.LEAD, municipality=2), WIJKSTAD)


def test_only_the_administrator_edits_the_support_directory():
    assert may_edit_support_directory(actor(Role.ADMIN))
    for role in (Role.LEAD, Role.MAYOR_OFFICE, Role.PARTNER, Role.PRIVACY_OFFICER):
        assert not may_edit_support_directory(actor(role)), role
