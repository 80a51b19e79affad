"""A realistic working day for the lead of Wijkstad (Daan Dossier), all fictional.

The checklists of the scenarios start weeks or months back (a departure 100 days ago, a
return 40 days ago), so without this every item would be overdue. A lead who works the case
has done most of them; a few are late. After this seed the lead's "Mijn taken" holds:

- overdue, a few: the BRP check after Youssef's departure, engaging the Child Protection
  Board for Lina and the prosecution check after Sara's return (the browser scenarios tick
  these three, so they stay open);
- due this week: the decisions on two measures that end in six weeks (youth care for Lina,
  probation supervision for Sara), an action agreed for the lead and Sara's review;
- later: the other reviews, the objection term of Lina's passport measure, the next
  assessment.

The two measures end within the warning period (settings.MEASURE_END_WARNING_DAYS), so the
lead's start page counts measures ending. Everything goes through the services, as the lead
would do it, once: a second run finds Lina's youth care and changes nothing. Dates are
relative to today, so the seed works on any day.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, Organisation
from cases.actions import action_create
from cases.models import Case
from checklists.models import ChecklistItem, ItemState
from checklists.services import checklist_item_mark
from demo.seed_signals import _lead
from measures.models import Intervention, LegalRemedy, MeasureType
from measures.services import (
    StepInput,
    intervention_propose,
    intervention_transition,
    remedy_record,
)
from measures.workflow import InterventionState as S

REASON = "[demo] Besproken in het casusoverleg."

# Checklist items the lead has done by now, per case (by the item's code). The items the
# browser scenarios tick themselves (brp-deregistration, child-protection, prosecution) stay
# open, and overdue.
DONE = {
    "Oefenberg": (
        "press-line",
        "network-analysis",
        "support-left-behind",
        "benefits-stopped",
        "return-plan",
    ),
    "Voorbeeld": ("roles-agreed",),
    "Proefhuis": (
        "plan-of-approach",
        "reintegration-plan",
        "network-and-family",
        "press-line",
        "council-informed",
    ),
}

# How long ago the measures that now end within the warning period started.
YOUTH_CARE_STARTED_DAYS_AGO = 49
PROBATION_STARTED_DAYS_AGO = 48


def _day(days_from_now: int) -> date:
    return timezone.localdate() + timedelta(days=days_from_now)


def _tick_done(case: Case, lead: Membership, codes: tuple[str, ...]) -> None:
    actor = actor_for_membership(lead)
    items = ChecklistItem.objects.filter(
        checklist__case=case, template_item__code__in=codes, state=ItemState.OPEN
    ).order_by("pk")
    for item in items:
        checklist_item_mark(
            actor=actor, user=lead.user, item=item, state=ItemState.DONE, version=item.version
        )


def _close_passed_views(case: Case, lead: Membership) -> None:
    """A term for a view (zienswijze) that has passed without one: the lead records it, and
    the deadline task is done."""
    remedies = LegalRemedy.objects.filter(
        intervention__case=case,
        kind=LegalRemedy.Kind.VIEW,
        outcome=LegalRemedy.Outcome.OPEN,
        deadline__lt=timezone.localdate(),
    ).order_by("pk")
    for remedy in remedies:
        remedy_record(
            actor=actor_for_membership(lead),
            user=lead.user,
            remedy=remedy,
            lodged_on=None,
            outcome=LegalRemedy.Outcome.NOT_USED,
            note="[demo] Geen zienswijze ontvangen binnen de termijn.",
            version=remedy.version,
        )


def _measure_ending(
    case: Case,
    lead: Membership,
    *,
    code: str,
    responsible: str,
    started_days_ago: int,
    note: str,
) -> Intervention:
    """A measure decided and in force since ``started_days_ago`` that ends at the end of the
    warning period: the lead's decision on what follows is due today."""
    actor = actor_for_membership(lead)
    intervention = intervention_propose(
        actor=actor,
        user=lead.user,
        case=case,
        measure_type=MeasureType.objects.get(code=code),
        responsible_organisation=Organisation.objects.get(name=responsible),
        note=note,
        reason=REASON,
    )
    start = _day(-started_days_ago)
    for target, step in (
        (S.DECIDED, StepInput(decided_on=start - timedelta(days=1))),
        (
            S.ACTIVE,
            StepInput(start_on=start, end_on=_day(settings.MEASURE_END_WARNING_DAYS)),
        ),
    ):
        intervention = intervention_transition(
            actor=actor,
            user=lead.user,
            intervention=intervention,
            to=target,
            reason=REASON,
            version=intervention.version,
            step=step,
        )
    return intervention


@transaction.atomic
def seed_workday() -> None:
    found = Case.objects.filter(subject__surname__in=("Voorbeeld", "Oefenberg", "Proefhuis"))
    cases = {
        case.subject.surname: case
        for case in found.select_related("subject", "municipality", "lead").order_by("pk")
    }
    if len(cases) < 3:
        return
    lina, sara = cases["Voorbeeld"], cases["Proefhuis"]
    if lina.interventions.filter(measure_type__code="youth-care").exists():
        return  # seeded before
    lead = _lead(lina.municipality)
    for surname, codes in DONE.items():
        _tick_done(cases[surname], lead, codes)
    _close_passed_views(lina, lead)
    _measure_ending(
        lina,
        lead,
        code="youth-care",
        responsible="Jeugdhulp Lage Landen",
        started_days_ago=YOUTH_CARE_STARTED_DAYS_AGO,
        note="[demo] Gezinsbegeleiding thuis, voor drie maanden afgesproken met de ouders.",
    )
    _measure_ending(
        sara,
        lead,
        code="probation-supervision",
        responsible="Reclasseringsteam Lage Landen",
        started_days_ago=PROBATION_STARTED_DAYS_AGO,
        note="[demo] Toezicht op de bijzondere voorwaarden bij de schorsing van de "
        "voorlopige hechtenis, waaronder een contactverbod.",
    )
    action_create(
        actor=actor_for_membership(lead),
        user=lead.user,
        case=lina,
        description="[demo] Burgemeester bijpraten over de paspoortmaatregel en de zorg thuis",
        owner_organisation=lead.organisation,
        owner=lead.user,
        due_on=_day(3),
        goal_position=3,
    )
