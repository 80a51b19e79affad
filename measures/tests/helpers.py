"""Builders for the measures tests: a case with the process director on it, measures in a
given state, and the starting catalogue."""

from __future__ import annotations

from datetime import date
from typing import Any

from cases.models import Case
from cases.tests.test_cases import open_case
from cases.workflow import CaseStatus
from measures.models import Intervention, MeasureType
from measures.services import StepInput, intervention_propose, intervention_transition
from tests.personas import World


def measures_case(world: World) -> Case:
    return open_case(world, process_director=world.process_director.user)


def close(case: Case) -> Case:
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    case.refresh_from_db()
    return case


def propose(world: World, case: Case, measure: MeasureType, **overrides: Any) -> Intervention:
    values: dict[str, Any] = {
        "actor": world.actor(world.lead),
        "user": world.lead.user,
        "case": case,
        "measure_type": measure,
        "responsible_organisation": world.gemeente_wijkstad,
        "reason": "Besproken in het casusoverleg.",
    }
    values.update(overrides)
    return intervention_propose(**values)


def step(world: World, intervention: Intervention, to: str, **dates: date) -> Intervention:
    fresh = Intervention.objects.get(pk=intervention.pk)
    return intervention_transition(
        actor=world.actor(world.lead),
        user=world.lead.user,
        intervention=fresh,
        to=to,
        reason="Stap.",
        version=fresh.version,
        step=StepInput(**dates),
    )


def active(
    world: World, case: Case, measure: MeasureType, start_on: date, **dates: date
) -> Intervention:
    """Proposed, decided and made active through the services, as a real file would go."""
    intervention = propose(world, case, measure)
    step(world, intervention, "decided", decided_on=start_on)
    return step(world, intervention, "active", start_on=start_on, **dates)
