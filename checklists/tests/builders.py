"""Shared builders for the checklist tests: cases in a situation, started checklists."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from cases.models import Case
from cases.services import case_change_situation
from cases.tests.test_cases import open_case
from checklists.models import Checklist, ChecklistItem, ChecklistTemplate
from checklists.services import checklist_start, templates_load
from persons.models import Subject
from tests.personas import World


def case_in(world: World, *situations: str, birth_year: int = 2011, **overrides: Any) -> Case:
    """A Wijkstad case (lead, process director, police on the team) moved through the
    given situations; the person is a minor unless another birth year is given."""
    subject = Subject.objects.create(
        municipality=world.wijkstad,
        given_names="Noor",
        surname=f"Checklijst{Subject.objects.count()}",
        birth_year=birth_year,
    )
    case = open_case(
        world, subject=subject, process_director=world.process_director.user, **overrides
    )
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


def start(world: World, case: Case, code: str, event_date: date | None = None) -> Checklist:
    templates_load()
    return checklist_start(
        actor=world.actor(world.lead),
        user=world.lead.user,
        case=case,
        template=ChecklistTemplate.objects.get(code=code),
        event_date=event_date or timezone.localdate(),
    )


def item(checklist: Checklist, code: str) -> ChecklistItem:
    return checklist.items.get(template_item__code=code)
