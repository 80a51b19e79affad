"""Gates for checklists: every checklist is reached through its case's gate.

A checklist or item of another case is the same 404 as a missing one. Reading goes through
cases.gates.get_case_with_facts, which logs the read (activity "case-coordination", the
case's subject); ticking needs the right to direct the case (lead, process director).
"""

from __future__ import annotations

from django.http import Http404

from access.facts import Actor, CaseFacts
from cases.gates import get_case_with_facts
from cases.models import Case
from checklists.models import Checklist, ChecklistItem


def get_checklist_for_user(
    actor: Actor,
    case_id: int,
    checklist_id: int,
    *,
    write: bool = False,
    log_name: str = "checklists.read",
) -> tuple[Case, CaseFacts, Checklist]:
    case, facts = get_case_with_facts(actor, case_id, write=write, log_name=log_name)
    checklist = (
        Checklist.objects.select_related("template", "started_by")
        .filter(pk=checklist_id, case=case)
        .first()
    )
    if checklist is None:
        raise Http404
    checklist.case = case
    return case, facts, checklist


def get_item_for_user(
    actor: Actor, case_id: int, checklist_id: int, item_id: int, *, write: bool = False
) -> tuple[Case, CaseFacts, Checklist, ChecklistItem]:
    case, facts, checklist = get_checklist_for_user(
        actor, case_id, checklist_id, write=write, log_name="checklists.item.read"
    )
    item = (
        ChecklistItem.objects.select_related("done_by", "template_item")
        .filter(pk=item_id, checklist=checklist)
        .first()
    )
    if item is None:
        raise Http404
    item.checklist = checklist
    return case, facts, checklist, item
