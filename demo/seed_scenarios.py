"""The four scenarios of the factsheet on the demo cases (issue 5), all fictional:

- Lina Voorbeeld (15, about to travel): a passport measure decided and in force, the
  checklist for intended travel with the Child Protection Board item (she is a minor);
- Sara Proefhuis (returned): a criminal investigation in force and the prosecution item;
- Noah van Denkbeeld (killed): the checklist for a death, with support for the bereaved.

Youssef el Oefenberg's departure checklist comes from checklists.demo. Made through the
real services, once.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Organisation
from cases.models import Case
from checklists.models import ChecklistTemplate, ItemState, Scenario
from checklists.services import checklist_item_mark, checklist_start
from demo.seed_signals import _lead
from measures.models import Intervention, MeasureType
from measures.services import StepInput, intervention_propose, intervention_transition
from measures.workflow import InterventionState as S

REASON = "[demo] Besproken in het casusoverleg."


def _measure(case: Case, code: str, responsible: str, steps: list[tuple[str, StepInput]]) -> None:
    lead = _lead(case.municipality)
    actor = actor_for_membership(lead)
    intervention: Intervention = intervention_propose(
        actor=actor,
        user=lead.user,
        case=case,
        measure_type=MeasureType.objects.get(code=code),
        responsible_organisation=Organisation.objects.get(name=responsible),
        reason=REASON,
    )
    for target, step in steps:
        intervention = intervention_transition(
            actor=actor,
            user=lead.user,
            intervention=intervention,
            to=target,
            reason=REASON,
            version=intervention.version,
            step=step,
        )


def _checklist(case: Case, scenario: str, days_ago: int, ticked: tuple[str, ...]) -> None:
    lead = _lead(case.municipality)
    actor = actor_for_membership(lead)
    checklist = checklist_start(
        actor=actor,
        user=lead.user,
        case=case,
        template=ChecklistTemplate.objects.get(scenario=scenario, active=True),
        event_date=timezone.localdate() - timedelta(days=days_ago),
    )
    for item in checklist.items.filter(template_item__code__in=ticked):
        checklist_item_mark(
            actor=actor, user=lead.user, item=item, state=ItemState.DONE, version=item.version
        )


def seed_scenarios(cases: dict[str, Case]) -> None:
    lina, sara, noah = cases["Voorbeeld"], cases["Proefhuis"], cases["Denkbeeld"]
    if lina.interventions.exists():
        return
    today = timezone.localdate()
    _measure(
        lina,
        "passport-invalidation",
        "Gemeente Wijkstad",
        [
            (S.REQUESTED, StepInput()),
            (S.INTENT_NOTIFIED, StepInput(decided_on=today - timedelta(days=20))),
            (S.DECIDED, StepInput(decided_on=today - timedelta(days=5))),
            (S.ACTIVE, StepInput(start_on=today - timedelta(days=4))),
        ],
    )
    _measure(lina, "family-support-lse", "Gemeente Wijkstad", [])
    _checklist(lina, Scenario.INTENDS_TO_TRAVEL, 10, ("conference-set-up", "passport-measure"))
    _measure(
        sara,
        "criminal-investigation",
        "Arrondissementsparket Lage Landen",
        [
            (S.DECIDED, StepInput(decided_on=today - timedelta(days=30))),
            (S.ACTIVE, StepInput(start_on=today - timedelta(days=30))),
        ],
    )
    _checklist(sara, Scenario.RETURNED, 40, ())
    # Noah's case is already proposed for closure; the checklist for a death precedes it.
    if noah.status != "closed":
        _checklist(noah, Scenario.DECEASED, 60, ("family-informed",))
