"""Fictional demo cases in every situation and status, across the three municipalities.

The people carry invented surnames ("Voorbeeld", "Proefhuis", ...). Cases are made through
the real services (timeline, team grants, processing log), once: a second run finds each
case by its person and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from access.actor import actor_for_membership
from accounts.models import Membership, Municipality, Organisation, Role
from cases.models import Case
from cases.services import (
    case_change_situation,
    case_change_status,
    case_open,
    case_set_review,
)
from cases.workflow import (
    CaseStatus,
    ClosureReason,
    DeathSource,
    ReturnMotive,
    Situation,
    TravelOutcome,
)
from checklists.demo import seed_checklists_demo
from demo.seed_case_work import seed_conferences, seed_entries
from demo.seed_network import seed_network
from demo.seed_scenarios import seed_scenarios
from demo.seed_signals import DemoPerson, _lead, _person, _years_ago
from support.demo import seed_support_demo

REASON = "[demo] Voorbeeldstap in de demonstratie."
POLICE = "Politie Eenheid Lage Landen"
PROSECUTION = "Arrondissementsparket Lage Landen"
YOUTH_CARE = "Jeugdhulp Lage Landen"
CHILD_PROTECTION = "Kinderbeschermingsregio Lage Landen"
MENTAL_HEALTH = "GGZ De Lage Landen"
PROBATION = "Reclasseringsteam Lage Landen"
EXIT = "Exitbegeleiding Lage Landen"
SCHOOL = "Scholengemeenschap De Wijkse Horizon"


@dataclass(frozen=True)
class DemoCase:
    person: DemoPerson
    team: tuple[str, ...]
    situations: tuple[Situation, ...] = ()
    statuses: tuple[CaseStatus, ...] = ()
    closure: str = ""
    review_in_days: int | None = None
    process_director: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Recorded with the change to "returned" and when leaving "intends to travel".
    return_motive: str = ""
    return_motive_note: str = ""
    travel_outcome: str = ""
    # Recorded with the change to "deceased" (a confirmed death needs its source).
    death_source: str = ""
    death_source_note: str = ""


CASES = [
    DemoCase(
        DemoPerson("Lina", "Voorbeeld", _years_ago(15, 3, 14), "Wijkstad"),
        team=(POLICE, YOUTH_CARE, CHILD_PROTECTION, SCHOOL),
        situations=(Situation.INTENDS_TO_TRAVEL,),
        # Her next review follows from the plan agreed at the conference (seed_case_work).
    ),
    DemoCase(
        DemoPerson("Youssef", "Oefenberg", _years_ago(17, 9, 2), "Wijkstad", prefix="el"),
        team=(POLICE, PROSECUTION, YOUTH_CARE),
        situations=(Situation.INTENDS_TO_TRAVEL, Situation.DEPARTED),
        review_in_days=12,
    ),
    DemoCase(
        DemoPerson("Sara", "Proefhuis", _years_ago(24, 5, 20), "Wijkstad"),
        team=(POLICE, PROBATION, EXIT, MENTAL_HEALTH),
        situations=(Situation.DEPARTED, Situation.RETURNED),
        statuses=(CaseStatus.MONITORING,),
        review_in_days=5,
        return_motive=ReturnMotive.DISILLUSIONED,
        return_motive_note="[demo] Teleurgesteld in de organisatie; wil haar leven oppakken.",
    ),
    DemoCase(
        DemoPerson("Jesse", "Schijnveld", _years_ago(21, 8, 8), "Wijkstad"),
        team=(POLICE, PROSECUTION, PROBATION),
        situations=(Situation.DETAINED,),
        statuses=(CaseStatus.SUSPENDED,),
        review_in_days=90,
    ),
    DemoCase(
        DemoPerson("Noah", "Denkbeeld", _years_ago(26, 2, 2), "Polderveen", prefix="van"),
        team=(POLICE, PROSECUTION),
        # His death was reported first (unconfirmed), then confirmed by the police.
        situations=(Situation.DEPARTED, Situation.REPORTED_DECEASED, Situation.DECEASED),
        statuses=(CaseStatus.MONITORING, CaseStatus.CLOSURE_PROPOSED),
        review_in_days=7,
        death_source=DeathSource.AUTHORITY,
        death_source_note="[demo] Bevestigd door de politie via het NCTV.",
    ),
    DemoCase(
        DemoPerson("Ilias", "Proefsteen", _years_ago(23, 6, 17), "Polderveen"),
        team=(POLICE, EXIT),
        # A relative heard by phone that he was killed; nobody has confirmed it yet
        # (issue 14, point 6): the checklist for the bereaved is offered, not counted as a death.
        situations=(Situation.DEPARTED, Situation.REPORTED_DECEASED),
        review_in_days=3,
    ),
    DemoCase(
        DemoPerson("Fenna", "Oefendijk", _years_ago(19, 12, 1), "Polderveen"),
        team=(POLICE, MENTAL_HEALTH),
        statuses=(CaseStatus.MONITORING, CaseStatus.CLOSURE_PROPOSED, CaseStatus.CLOSED),
        closure=ClosureReason.GOALS_MET,
    ),
    DemoCase(
        DemoPerson("Milan", "Fictiefveld", _years_ago(16, 4, 4), "Dijkhoven"),
        team=(POLICE, YOUTH_CARE),
        # His intended travel was prevented (the passport measure): back to concern.
        situations=(Situation.INTENDS_TO_TRAVEL, Situation.CONCERN),
        travel_outcome=TravelOutcome.PREVENTED,
        review_in_days=20,
        process_director=False,
    ),
]


def _process_director() -> Membership | None:
    return (
        Membership.objects.current()
        .select_related("user")
        .filter(role=Role.PROCESS_DIRECTOR)
        .order_by("pk")
        .first()
    )


def _seed_case(demo: DemoCase) -> Case:
    municipality = Municipality.objects.get(name=demo.person.municipality)
    lead = _lead(municipality)
    actor = actor_for_membership(lead)
    director = _process_director() if demo.process_director else None
    case = case_open(
        actor=actor,
        user=lead.user,
        subject=_person(demo.person, municipality, lead.user),
        municipality=municipality,
        lead=lead.user,
        team=list(Organisation.objects.filter(name__in=demo.team).order_by("name")),
        process_director=director.user if director else None,
        reason="[demo] Opgenomen in de persoonsgerichte aanpak.",
    )
    for situation in demo.situations:
        case = case_change_situation(
            actor=actor,
            user=lead.user,
            case=case,
            to=situation,
            reason=REASON,
            version=case.version,
            return_motive=demo.return_motive if situation == Situation.RETURNED else "",
            return_motive_note=demo.return_motive_note if situation == Situation.RETURNED else "",
            travel_outcome=demo.travel_outcome if situation == Situation.CONCERN else "",
            death_source=demo.death_source if situation == Situation.DECEASED else "",
            death_source_note=demo.death_source_note if situation == Situation.DECEASED else "",
        )
    for status in demo.statuses:
        case = case_change_status(
            actor=actor,
            user=lead.user,
            case=case,
            to=status,
            reason=REASON,
            version=case.version,
            closure_reason=demo.closure if status == CaseStatus.CLOSED else "",
        )
    if demo.review_in_days is not None:
        # Demo dates are relative to today so that some reviews are due this week and some
        # later. Set as the lead sets them, so the lead's review task follows the date.
        case = case_set_review(
            actor=actor,
            user=lead.user,
            case=case,
            review_on=timezone.localdate() + timedelta(days=demo.review_in_days),
            reason="[demo] Volgende evaluatie afgesproken.",
            version=case.version,
        )
    return case


@transaction.atomic
def seed_cases() -> int:
    """Creates the demo cases that do not exist yet; returns how many demo cases exist."""
    surnames = [demo.person.surname for demo in CASES]
    existing = set(
        Case.objects.filter(subject__surname__in=surnames).values_list(
            "subject__surname", flat=True
        )
    )
    for demo in CASES:
        if demo.person.surname in existing:
            continue
        _seed_case(demo)
    cases = {
        case.subject.surname: case
        for case in Case.objects.filter(subject__surname__in=surnames).select_related(
            "subject", "municipality"
        )
    }
    seed_entries(cases)
    seed_conferences(cases)
    seed_network(cases)
    seed_checklists_demo()
    seed_scenarios(cases)
    seed_support_demo()
    return Case.objects.filter(subject__surname__in=surnames).count()
