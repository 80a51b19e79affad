"""The support demo: Lina's mother twice (one referral), an agreed press line, an
unstructured assessment with a next date; Sara's reintegration plan. Seeding twice changes
nothing; without the demo cases nothing is made."""

from __future__ import annotations

from cases.workflow import Situation
from persons.models import Subject
from support.demo import seed_support_demo
from support.models import (
    AssessmentReference,
    FamilySupportContact,
    PressLine,
    PressStatus,
    ReintegrationPlan,
)
from support.tests.builders import relative, support_case
from tests.personas import World


def _rename(case, given: str, surname: str) -> None:
    Subject.objects.filter(pk=case.subject_id).update(given_names=given, surname=surname)


def test_the_demo_fills_linas_and_saras_cases_once(world: World):
    lina = support_case(world, Situation.INTENDS_TO_TRAVEL)
    _rename(lina, "Lina", "Voorbeeld")
    mother = relative(world, lina, "Moeder van Lina")
    sara = support_case(world, Situation.DEPARTED, Situation.RETURNED)
    _rename(sara, "Sara", "Proefhuis")
    seed_support_demo()
    contacts = FamilySupportContact.objects.filter(case=lina)
    assert contacts.count() == 2
    assert set(contacts.values_list("relative_id", flat=True)) == {mother.pk}
    assert contacts.filter(referred=True).count() == 1
    line = PressLine.objects.get(case=lina)
    assert line.status() == PressStatus.AGREED
    assert line.lead == "municipality"
    reference = AssessmentReference.objects.get(case=lina)
    assert reference.instrument == "unstructured"
    assert reference.next_on is not None
    plan = ReintegrationPlan.objects.get(case=sara)
    assert plan.parts.exclude(text="").count() >= 5
    seed_support_demo()
    assert FamilySupportContact.objects.count() == 2
    assert PressLine.objects.count() == 1
    assert AssessmentReference.objects.count() == 1
    assert ReintegrationPlan.objects.count() == 1


def test_without_the_demo_cases_nothing_is_made(world: World):
    seed_support_demo()
    assert not FamilySupportContact.objects.exists()
    assert not PressLine.objects.exists()
