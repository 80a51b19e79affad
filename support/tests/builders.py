"""Builders for the support tests: a case with relatives in its network, and records."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from cases.models import Case
from cases.services import case_change_situation
from cases.tests.test_cases import open_case
from network.models import NetworkPerson
from network.services import person_add
from support.models import AssessmentReference, FamilySupportContact, PressLine
from support.press import PressInput, press_line_draw_up
from support.services import (
    AssessmentInput,
    ContactInput,
    assessment_record,
    family_contact_record,
)
from tests.personas import World


def support_case(world: World, *situations: str) -> Case:
    """A Wijkstad case (lead, process director, police on the team) in the given situations."""
    case = open_case(world, process_director=world.process_director.user)
    for situation in situations:
        case = case_change_situation(
            actor=world.actor(world.lead),
            user=world.lead.user,
            case=case,
            to=situation,
            reason="Nieuwe situatie.",
            version=case.version,
            return_motive="unknown" if situation == "returned" else "",
            # A confirmed death needs its source (issue 14, point 6).
            death_source="brp" if situation == "deceased" else "",
        )
    return case


def relative(world: World, case: Case, name: str = "Moeder") -> NetworkPerson:
    return person_add(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        kind="person",
        name=name,
        source_organisation=world.gemeente_wijkstad,
    )


def contact(world: World, case: Case, person: NetworkPerson, **values: Any) -> FamilySupportContact:
    membership = values.pop("membership", world.lead)
    fields: dict[str, Any] = {
        "relative": person,
        "contact_on": timezone.localdate() - timedelta(days=2),
        "question_kinds": frozenset({"emotional"}),
        "summary": "Gesprek met moeder.",
    }
    fields.update(values)
    return family_contact_record(
        actor=world.actor(membership),
        user=membership.user,
        case=case,
        data=ContactInput(**fields),
    )


def press_line(world: World, case: Case, **values: Any) -> PressLine:
    fields: dict[str, Any] = {
        "lead": "municipality",
        "core_messages": "Wij doen geen uitspraken over personen.",
        "valid_until": timezone.localdate() + timedelta(days=30),
    }
    fields.update(values)
    return press_line_draw_up(
        actor=world.actor(world.lead), user=world.lead.user, case=case, data=PressInput(**fields)
    )


def municipal_press_line(world: World, **values: Any) -> PressLine:
    """A draft press line of the lead's municipality itself (no case)."""
    fields: dict[str, Any] = {
        "lead": "municipality",
        "core_messages": "Er is onrust in de wijk; de gemeente spreekt met bewoners.",
        "valid_until": timezone.localdate() + timedelta(days=14),
    }
    fields.update(values)
    return press_line_draw_up(
        actor=world.actor(world.lead),
        user=world.lead.user,
        municipality=world.wijkstad,
        data=PressInput(**fields),
    )


def assessment(world: World, case: Case, **values: Any) -> AssessmentReference:
    membership = values.pop("membership", world.lead)
    fields: dict[str, Any] = {
        "instrument": "unstructured",
        "assessor": "Gedragsdeskundige",
        "assessed_on": timezone.localdate() - timedelta(days=5),
        "narrative": "Zorg over online contacten.",
    }
    fields.update(values)
    return assessment_record(
        actor=world.actor(membership),
        user=membership.user,
        case=case,
        data=AssessmentInput(**fields),
    )
