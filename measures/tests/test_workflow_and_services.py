"""Interventions: the transition table (a test per edge), dates within the measure's
maximum, renewals, legal remedies with their deadlines, and the tasks their clocks ask for."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from cases.tests.test_cases import open_case
from lib.concurrency import StaleEdit
from measures.models import Intervention, InterventionEvent, LegalRemedy, MeasureType
from measures.services import (
    StepInput,
    catalogue_load,
    intervention_propose,
    intervention_transition,
    law_expiry_warning,
    remedy_record,
)
from measures.workflow import TRANSITIONS, InterventionState
from tasks.models import Task, TaskSource, TaskStatus
from tests.personas import World

S = InterventionState
TODAY = date(2026, 11, 30)
EDGES = [(a, b) for a, targets in TRANSITIONS.items() for b in targets]
FORBIDDEN = [(a, b) for a in S for b in S if b not in TRANSITIONS[a]]


@pytest.fixture
def catalogue(db: Any) -> dict[str, MeasureType]:
    catalogue_load()
    return {m.code: m for m in MeasureType.objects.all()}


def propose(world: World, measure: MeasureType, **overrides: Any) -> Intervention:
    values: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "case": open_case(world),
        "measure_type": measure,
        "responsible_organisation": world.gemeente_wijkstad,
        "reason": "Besproken in het casusoverleg.",
    }
    values.update(overrides)
    return intervention_propose(**values)


def step(
    world: World, intervention: Intervention, to: str, version: int = 0, **dates: date
) -> Intervention:
    """One step through the service, on a fresh copy (the service refreshes what it gets)."""
    return intervention_transition(
        actor=world.actor(world.lead),
        user=world.lead.user,
        intervention=Intervention.objects.get(pk=intervention.pk),
        to=to,
        reason="Stap.",
        version=version or Intervention.objects.get(pk=intervention.pk).version,
        step=StepInput(**dates),
    )


def in_state(world: World, measure: MeasureType, state: str) -> Intervention:
    intervention = propose(world, measure)
    values: dict[str, Any] = {"state": state}
    if state in (S.ACTIVE, S.EXTENDED):
        values.update(start_on=TODAY, end_on=TODAY + timedelta(days=90))
    Intervention.objects.filter(pk=intervention.pk).update(**values)
    intervention.refresh_from_db()
    return intervention


@pytest.mark.clock(TODAY)
@pytest.mark.parametrize(("current", "target"), EDGES)
def test_every_allowed_step_works_and_is_in_the_history(
    world: World, catalogue: dict[str, MeasureType], current: str, target: str
):
    intervention = in_state(world, catalogue["ots"], current)
    moved = step(world, intervention, target, start_on=TODAY, end_on=TODAY + timedelta(days=400))
    assert moved.state == target
    assert moved.version == intervention.version + 1
    last = InterventionEvent.objects.filter(intervention=moved).last()
    assert last is not None
    assert (last.from_state, last.to_state) == (current, target)


@pytest.mark.clock(TODAY)
@pytest.mark.parametrize(("current", "target"), FORBIDDEN)
def test_every_forbidden_step_is_refused_and_changes_nothing(
    world: World, catalogue: dict[str, MeasureType], current: str, target: str
):
    intervention = in_state(world, catalogue["ots"], current)
    with pytest.raises(ValidationError):
        step(world, intervention, target, start_on=TODAY)
    fresh = Intervention.objects.get(pk=intervention.pk)
    assert (fresh.state, fresh.version) == (current, intervention.version)


@pytest.mark.clock(TODAY)
def test_activating_sets_the_default_end_and_the_lead_gets_a_renewal_task_six_weeks_ahead(
    world: World, catalogue: dict[str, MeasureType]
):
    intervention = in_state(world, catalogue["twbmt-area-ban"], S.DECIDED)
    active = step(world, intervention, S.ACTIVE, start_on=date(2026, 12, 1))
    assert active.end_on == date(2027, 5, 31)  # six calendar months, last day included
    task = Task.objects.get(source=TaskSource.MEASURE, source_id=active.pk)
    assert task.owner == active.case.lead
    assert task.due_on == date(2027, 5, 31) - timedelta(days=42)
    assert "renewal" in task.title


@pytest.mark.clock(TODAY)
def test_a_twbmt_measure_outliving_the_temporary_law_is_warned_about(
    world: World, catalogue: dict[str, MeasureType]
):
    intervention = in_state(world, catalogue["twbmt-contact-ban"], S.DECIDED)
    active = step(world, intervention, S.ACTIVE, start_on=date(2026, 12, 1))
    assert "01-03-2027" in law_expiry_warning(active)
    care = step(
        world, in_state(world, catalogue["youth-care"], S.DECIDED), S.ACTIVE, start_on=TODAY
    )
    assert law_expiry_warning(care) == ""


@pytest.mark.clock(TODAY)
def test_renewals_stay_within_the_maximum(world: World, catalogue: dict[str, MeasureType]):
    provisional = step(
        world, in_state(world, catalogue["ots-provisional"], S.DECIDED), S.ACTIVE, start_on=TODAY
    )
    assert provisional.end_on == date(2027, 2, 28)
    with pytest.raises(ValidationError, match="cannot be renewed"):
        step(world, provisional, S.EXTENDED)
    with pytest.raises(ValidationError, match="at most 3 months"):
        step(
            world,
            in_state(world, catalogue["ots-provisional"], S.DECIDED),
            S.ACTIVE,
            start_on=TODAY,
            end_on=date(2027, 6, 1),
        )


@pytest.mark.clock(TODAY)
def test_a_renewal_beyond_a_maximum_is_refused_and_changes_nothing(
    world: World, catalogue: dict[str, MeasureType]
):
    ots = catalogue["ots"]
    MeasureType.objects.filter(pk=ots.pk).update(maximum_total_months=18)
    ots.refresh_from_db()
    active = step(world, in_state(world, ots, S.DECIDED), S.ACTIVE, start_on=TODAY)
    assert active.end_on == date(2027, 11, 29)
    with pytest.raises(ValidationError, match="beyond the maximum of 18 months"):
        step(world, active, S.EXTENDED)
    assert Intervention.objects.get(pk=active.pk).end_on == date(2027, 11, 29)
    renewed = step(world, active, S.EXTENDED, end_on=date(2028, 5, 29))
    assert renewed.end_on == date(2028, 5, 29)


@pytest.mark.clock(TODAY)
def test_an_end_date_before_the_start_is_refused(world: World, catalogue: dict[str, MeasureType]):
    intervention = in_state(world, catalogue["youth-care"], S.DECIDED)
    with pytest.raises(ValidationError, match="before the start"):
        step(world, intervention, S.ACTIVE, start_on=TODAY, end_on=TODAY - timedelta(days=1))
    assert Intervention.objects.get(pk=intervention.pk).state == S.DECIDED


@pytest.mark.clock(TODAY)
def test_a_decision_opens_the_objection_term_as_a_task(
    world: World, catalogue: dict[str, MeasureType]
):
    intervention = in_state(world, catalogue["passport-invalidation"], S.INTENT_NOTIFIED)
    decided = step(world, intervention, S.DECIDED, decided_on=TODAY)
    remedy = LegalRemedy.objects.get(intervention=decided)
    assert remedy.kind == LegalRemedy.Kind.OBJECTION
    assert remedy.term_starts_on == TODAY + timedelta(days=1)
    assert remedy.deadline == TODAY + timedelta(days=42)
    task = Task.objects.get(source=TaskSource.REMEDY, source_id=remedy.pk)
    assert task.due_on == remedy.deadline


@pytest.mark.clock(TODAY)
def test_ending_a_measure_withdraws_its_clock(world: World, catalogue: dict[str, MeasureType]):
    active = step(
        world, in_state(world, catalogue["twbmt-area-ban"], S.DECIDED), S.ACTIVE, start_on=TODAY
    )
    ended = step(world, active, S.ENDED, end_on=TODAY + timedelta(days=10))
    assert ended.end_on == TODAY + timedelta(days=10)
    task = Task.objects.get(source=TaskSource.MEASURE, source_id=ended.pk)
    assert task.status == TaskStatus.WITHDRAWN


def test_a_stale_version_is_refused(world: World, catalogue: dict[str, MeasureType]):
    intervention = propose(world, catalogue["youth-care"])
    step(world, intervention, S.REQUESTED)
    with pytest.raises(StaleEdit):
        step(world, intervention, S.DECIDED, version=1)  # the page was opened at version 1
    assert Intervention.objects.get(pk=intervention.pk).state == S.REQUESTED


def test_partners_and_outsiders_cannot_propose(world: World, catalogue: dict[str, MeasureType]):
    for membership in (world.partner, world.outsider):
        with pytest.raises(ValidationError):
            propose(world, catalogue["mentor"], actor=world.actor(membership))
    assert not Intervention.objects.exists()


def test_the_catalogue_loads_once_and_keeps_local_corrections(db: Any):
    assert catalogue_load() >= 17
    MeasureType.objects.filter(code="ots").update(name="OTS (lokaal aangepast)")
    assert catalogue_load() == 0
    assert MeasureType.objects.get(code="ots").name == "OTS (lokaal aangepast)"
    assert not MeasureType.objects.filter(figures_checked=True).exists()


@pytest.mark.clock(TODAY)
def test_without_an_objection_phase_the_decision_opens_the_appeal_term(
    world: World, catalogue: dict[str, MeasureType]
):
    decided = step(world, in_state(world, catalogue["twbmt-area-ban"], S.REQUESTED), S.DECIDED)
    remedy = LegalRemedy.objects.get(intervention=decided)
    assert remedy.kind == LegalRemedy.Kind.APPEAL
    assert remedy.deadline == TODAY + timedelta(days=42)


@pytest.mark.clock(TODAY)
def test_a_rejected_objection_opens_the_appeal_term_once(
    world: World, catalogue: dict[str, MeasureType]
):
    decided = step(
        world,
        in_state(world, catalogue["passport-invalidation"], S.INTENT_NOTIFIED),
        S.DECIDED,
        decided_on=TODAY - timedelta(days=30),
    )
    objection = LegalRemedy.objects.get(intervention=decided, kind=LegalRemedy.Kind.OBJECTION)

    def record(remedy: LegalRemedy, outcome: str) -> LegalRemedy:
        return remedy_record(
            actor=world.actor(world.lead),
            user=world.lead.user,
            remedy=remedy,
            lodged_on=TODAY - timedelta(days=10),
            outcome=outcome,
            version=LegalRemedy.objects.get(pk=remedy.pk).version,
        )

    record(objection, LegalRemedy.Outcome.PENDING)
    assert not LegalRemedy.objects.filter(kind=LegalRemedy.Kind.APPEAL).exists()
    record(objection, LegalRemedy.Outcome.REJECTED)
    appeal = LegalRemedy.objects.get(intervention=decided, kind=LegalRemedy.Kind.APPEAL)
    assert appeal.term_starts_on == TODAY + timedelta(days=1)
    assert appeal.deadline == TODAY + timedelta(days=42)
    assert Task.objects.get(source=TaskSource.REMEDY, source_id=appeal.pk).due_on == appeal.deadline
    record(objection, LegalRemedy.Outcome.REJECTED)  # recorded again: no second appeal term
    assert LegalRemedy.objects.filter(kind=LegalRemedy.Kind.APPEAL).count() == 1


def test_the_catalogue_knows_which_laws_go_straight_to_court(db: Any):
    catalogue_load()
    straight = set(MeasureType.objects.filter(objection_phase=False).values_list("code", flat=True))
    assert {"twbmt-area-ban", "ots"} <= straight
    assert "passport-invalidation" not in straight
