"""Rules of the triangle meeting and of the mayor's office's intelligence notices: one test
per branch (access.meetings, access.signals)."""

from __future__ import annotations

from dataclasses import replace

from access.facts import Actor, MeetingFacts
from access.meetings import (
    may_manage_triangle,
    may_plan_triangle,
    may_record_triangle_decision,
    may_view_triangle,
)
from access.signals import may_register_received_notice
from accounts.models import Role

MAYOR = Actor(
    user_id=1,
    membership_id=1,
    role=Role.MAYOR_OFFICE,
    organisation_id=10,
    organisation_kind="municipality",
    municipality_id=100,
    region_id=1000,
)
LEAD = replace(MAYOR, user_id=2, role=Role.LEAD)
POLICE = replace(
    MAYOR,
    user_id=3,
    role=Role.PARTNER,
    organisation_id=20,
    organisation_kind="police",
    municipality_id=None,
)
CARE = replace(POLICE, user_id=4, organisation_id=30, organisation_kind="youth_care")
DIRECTOR = replace(POLICE, user_id=5, role=Role.PROCESS_DIRECTOR, organisation_id=40)
TRIANGLE = MeetingFacts(
    municipality_id=100, kind="triangle", attending_organisation_ids=frozenset({10, 20})
)
ELSEWHERE = replace(TRIANGLE, municipality_id=101)
WEIGHING = replace(TRIANGLE, kind="weighing")


def test_the_mayors_office_plans_views_manages_and_records():
    assert may_plan_triangle(MAYOR, municipality_id=100)
    assert may_view_triangle(MAYOR, TRIANGLE)
    assert may_manage_triangle(MAYOR, TRIANGLE)
    assert may_record_triangle_decision(MAYOR, TRIANGLE)


def test_the_lead_prepares_but_records_no_decision():
    assert may_plan_triangle(LEAD, municipality_id=100)
    assert may_view_triangle(LEAD, TRIANGLE)
    assert may_manage_triangle(LEAD, TRIANGLE)
    assert not may_record_triangle_decision(LEAD, TRIANGLE)


def test_an_attending_partner_sees_it_and_nothing_more():
    assert may_view_triangle(POLICE, TRIANGLE)
    assert not may_manage_triangle(POLICE, TRIANGLE)
    assert not may_record_triangle_decision(POLICE, TRIANGLE)
    assert not may_plan_triangle(POLICE, municipality_id=100)


def test_others_see_nothing():
    assert not may_view_triangle(CARE, TRIANGLE)
    assert not may_view_triangle(DIRECTOR, TRIANGLE)
    for actor in (MAYOR, LEAD):
        assert not may_view_triangle(actor, ELSEWHERE)
        assert not may_manage_triangle(actor, ELSEWHERE)
        assert not may_record_triangle_decision(actor, ELSEWHERE)
        assert not may_plan_triangle(actor, municipality_id=101)


def test_the_rules_hold_for_triangle_meetings_only():
    assert not may_view_triangle(MAYOR, WEIGHING)
    assert not may_manage_triangle(MAYOR, WEIGHING)
    assert not may_record_triangle_decision(MAYOR, WEIGHING)


def test_the_mayors_office_registers_a_received_notice_for_its_own_municipality():
    assert may_register_received_notice(MAYOR, municipality_id=100)
    assert not may_register_received_notice(MAYOR, municipality_id=101)
    assert not may_register_received_notice(LEAD, municipality_id=100)
