"""The press-line part of the policy (issue 14), branch by branch."""

from __future__ import annotations

from access.cases import may_direct_press
from access.facts import Actor, CaseFacts, MunicipalityFacts
from access.press_lines import may_keep_municipal_press, may_read_case_press
from accounts.models import Organisation, Role

WIJKSTAD = MunicipalityFacts(municipality_id=1, region_id=10)
CASE = CaseFacts(
    municipality_id=1,
    region_id=10,
    lead_user_id=5,
    process_director_user_id=8,
    team_organisation_ids=frozenset({30}),
)
K = Organisation.Kind


def actor(
    role: str,
    *,
    user: int = 5,
    kind: str = K.MUNICIPALITY,
    organisation: int = 7,
    municipality: int | None = 1,
    region: int = 10,
) -> Actor:
    return Actor(
        user_id=user,
        membership_id=6,
        role=role,
        organisation_id=organisation,
        organisation_kind=kind,
        municipality_id=municipality,
        region_id=region,
    )


def test_the_lead_keeps_the_municipalitys_own_press_lines():
    assert may_keep_municipal_press(actor(Role.LEAD), WIJKSTAD)


def test_the_mayors_office_keeps_the_municipalitys_own_press_lines():
    assert may_keep_municipal_press(actor(Role.MAYOR_OFFICE, user=9), WIJKSTAD)


def test_lead_and_mayors_office_of_another_municipality_do_not():
    assert not may_keep_municipal_press(actor(Role.LEAD, municipality=2), WIJKSTAD)
    assert not may_keep_municipal_press(actor(Role.MAYOR_OFFICE, municipality=2), WIJKSTAD)


def test_partners_directors_and_others_do_not_keep_municipal_press_lines():
    partner = actor(Role.PARTNER, kind=K.POLICE, organisation=30, municipality=None)
    assert not may_keep_municipal_press(partner, WIJKSTAD)
    director = actor(Role.PROCESS_DIRECTOR, kind=K.SAFETY_HOUSE, municipality=None, user=8)
    assert not may_keep_municipal_press(director, WIJKSTAD)
    for role in (Role.ADMIN, Role.INTAKE, Role.PRIVACY_OFFICER, Role.PARTNER):
        assert not may_keep_municipal_press(actor(role), WIJKSTAD), role


def test_the_mayors_office_reads_the_press_lines_of_its_municipalitys_cases():
    assert may_read_case_press(actor(Role.MAYOR_OFFICE, user=9), CASE)


def test_the_mayors_office_of_another_municipality_does_not():
    assert not may_read_case_press(actor(Role.MAYOR_OFFICE, user=9, municipality=2), CASE)


def test_the_mayors_office_reads_but_never_directs_a_case_press_line():
    assert not may_direct_press(actor(Role.MAYOR_OFFICE, user=9), CASE)


def test_those_on_the_case_read_its_press_lines():
    assert may_read_case_press(actor(Role.LEAD), CASE)
    partner = actor(Role.PARTNER, user=12, kind=K.POLICE, organisation=30, municipality=None)
    assert may_read_case_press(partner, CASE)


def test_a_partner_off_the_team_and_another_lead_do_not_read_case_press_lines():
    partner = actor(Role.PARTNER, user=12, kind=K.POLICE, organisation=31, municipality=None)
    assert not may_read_case_press(partner, CASE)
    assert not may_read_case_press(actor(Role.LEAD, user=13), CASE)
    assert not may_read_case_press(actor(Role.INTAKE, user=14), CASE)
