"""Who does a checklist item (issue 14), branch by branch."""

from __future__ import annotations

from access.cases import holds_checklist_item, may_complete_checklist_item, may_tick_checklist
from access.facts import Actor, CaseFacts
from accounts.models import Organisation, Role

POLICE_ID = 30
YOUTH_CARE_ID = 31
CASE = CaseFacts(
    municipality_id=1,
    region_id=10,
    lead_user_id=5,
    process_director_user_id=8,
    team_organisation_ids=frozenset({POLICE_ID, YOUTH_CARE_ID}),
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


def police_officer(user: int = 12) -> Actor:
    return actor(Role.PARTNER, user=user, kind=K.POLICE, organisation=POLICE_ID, municipality=None)


def test_every_professional_of_the_holding_team_organisation_completes_the_item():
    for user in (12, 13):
        assert holds_checklist_item(police_officer(user), CASE, holder_organisation_id=POLICE_ID)
        assert may_complete_checklist_item(
            police_officer(user), CASE, holder_organisation_id=POLICE_ID
        )


def test_another_team_organisation_does_not_complete_an_item_it_does_not_hold():
    youth = actor(
        Role.PARTNER, user=14, kind=K.YOUTH_CARE, organisation=YOUTH_CARE_ID, municipality=None
    )
    assert not may_complete_checklist_item(youth, CASE, holder_organisation_id=POLICE_ID)


def test_an_item_the_lead_holds_is_completed_by_no_partner():
    assert not may_complete_checklist_item(police_officer(), CASE, holder_organisation_id=None)


def test_the_holding_organisation_off_the_team_completes_nothing():
    off_team = CaseFacts(
        municipality_id=1,
        region_id=10,
        lead_user_id=5,
        process_director_user_id=8,
        team_organisation_ids=frozenset({YOUTH_CARE_ID}),
    )
    assert not may_complete_checklist_item(
        police_officer(), off_team, holder_organisation_id=POLICE_ID
    )


def test_a_holder_in_another_role_than_partner_does_not_hold_the_item():
    intake = actor(Role.INTAKE, user=15, kind=K.POLICE, organisation=POLICE_ID)
    assert not holds_checklist_item(intake, CASE, holder_organisation_id=POLICE_ID)


def test_the_lead_and_process_director_complete_any_item_but_partners_never_tick_freely():
    director = actor(Role.PROCESS_DIRECTOR, user=8, kind=K.SAFETY_HOUSE, municipality=None)
    for who in (actor(Role.LEAD), director):
        assert may_complete_checklist_item(who, CASE, holder_organisation_id=POLICE_ID)
        assert may_complete_checklist_item(who, CASE, holder_organisation_id=None)
    assert not may_tick_checklist(police_officer(), CASE)


def test_a_lead_of_another_case_completes_nothing():
    other = actor(Role.LEAD, user=6)
    assert not may_complete_checklist_item(other, CASE, holder_organisation_id=POLICE_ID)
