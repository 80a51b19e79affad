"""The checklist section of the case page (registered in cases.sections from apps.py).

It shows the case's checklists with their progress and, for the lead and process director,
offers the checklist that matches the case's current situation when none was started since.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from access.cases import may_settle_checklist, may_tick_checklist
from cases.gates import GatedCase
from cases.models import Case
from cases.workflow import CaseStatus
from checklists.models import Checklist, ItemState
from checklists.services import offered_template, superseded_checklists


@dataclass(frozen=True)
class ChecklistRow:
    checklist: Checklist
    total: int
    open: int
    done: int
    not_applicable: int
    lapsed: int = 0

    @property
    def running(self) -> bool:
        return self.open > 0


def checklists_of(case: Case) -> QuerySet[Checklist]:
    return (
        Checklist.objects.filter(case=case)
        .select_related("template", "started_by")
        .annotate(
            n_total=Count("items"),
            n_open=Count("items", filter=Q(items__state=ItemState.OPEN)),
            n_done=Count("items", filter=Q(items__state=ItemState.DONE)),
            n_na=Count("items", filter=Q(items__state=ItemState.NOT_APPLICABLE)),
            n_lapsed=Count("items", filter=Q(items__state=ItemState.LAPSED)),
        )
        .order_by("-started_at", "-id")
    )


def checklist_rows(case: Case) -> list[ChecklistRow]:
    return [
        ChecklistRow(
            checklist=c,
            total=c.n_total,  # type: ignore[attr-defined]
            open=c.n_open,  # type: ignore[attr-defined]
            done=c.n_done,  # type: ignore[attr-defined]
            not_applicable=c.n_na,  # type: ignore[attr-defined]
            lapsed=c.n_lapsed,  # type: ignore[attr-defined]
        )
        for c in checklists_of(case)
    ]


def checklist_section(gated: GatedCase) -> dict[str, object]:
    actor, case, facts = gated.actor, gated.case, gated.facts
    rows = checklist_rows(case)
    may_start = may_tick_checklist(actor, facts)
    return {
        "rows": rows,
        "offer": offered_template(case) if may_start else None,
        "may_start": may_start and case.status != CaseStatus.CLOSED,
        "superseded": superseded_checklists(case, [row.checklist for row in rows if row.open]),
        "may_settle": may_settle_checklist(actor, facts) and case.status != CaseStatus.CLOSED,
    }
