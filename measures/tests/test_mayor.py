"""The mayor's list: measures the mayor decides on that ask for a decision now."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from accounts.models import Role
from cases.tests.test_cases import open_case
from measures.mayor import measures_for_mayor
from measures.models import Intervention, MeasureType
from measures.tests.helpers import active, measures_case, propose, step
from persons.models import Subject
from tests.factories import MembershipFactory, UserFactory
from tests.personas import World

TODAY = date(2026, 11, 30)
Catalogue = dict[str, MeasureType]


@pytest.mark.clock(TODAY)
def test_the_mayor_sees_measures_awaiting_a_decision_of_the_own_municipality_only(
    world: World, catalogue: Catalogue
):
    case = measures_case(world)
    passport = catalogue["passport-invalidation"]
    proposed = propose(world, case, passport)
    requested = step(world, propose(world, case, passport), "requested")
    notified = step(
        world, step(world, propose(world, case, passport), "requested"), "intent_notified"
    )
    withdrawn = step(world, propose(world, case, passport), "withdrawn")
    propose(world, case, catalogue["youth-care"])  # not the mayor's decision
    other_lead = MembershipFactory.create(
        user=UserFactory.create(), organisation=world.gemeente_polderveen, role=Role.LEAD
    )
    subject = Subject.objects.create(
        municipality=world.polderveen, given_names="Ander", surname="Elders", birth_year=2008
    )
    elsewhere = open_case(
        world,
        actor=world.actor(other_lead),
        user=other_lead.user,
        lead=other_lead.user,
        subject=subject,
        municipality=world.polderveen,
    )
    propose(world, elsewhere, passport, actor=world.actor(other_lead), user=other_lead.user)
    assert measures_for_mayor(world.polderveen).count() == 1
    listed = list(measures_for_mayor(world.wijkstad))
    assert proposed in listed
    assert notified in listed
    assert withdrawn not in listed
    assert all(i.measure_type.mayor_decides for i in listed)
    assert all(i.case.municipality_id == world.wijkstad.pk for i in listed)
    assert requested in listed
    assert len(listed) == 3


@pytest.mark.clock(TODAY)
def test_a_measure_in_force_appears_when_it_ends_within_the_warning_period(
    world: World, catalogue: Catalogue
):
    MeasureType.objects.filter(code="twbmt-area-ban").update(mayor_decides=True)
    measure = MeasureType.objects.get(code="twbmt-area-ban")
    case = measures_case(world)
    soon = active(world, case, measure, TODAY, end_on=TODAY + timedelta(days=42))
    later = active(world, case, measure, TODAY, end_on=TODAY + timedelta(days=43))
    ended = step(world, active(world, case, measure, TODAY), "ended", end_on=TODAY)
    listed = list(measures_for_mayor(world.wijkstad))
    assert listed == [soon]
    assert later not in listed
    assert ended not in listed
    assert Intervention.objects.filter(state="active").count() == 2
