"""What the measures pages and the case page show of a case's interventions: the regimes
side by side, each measure with its open legal remedies and warnings, and the next
deadlines. Read-only; the callers have passed the case gate and log the read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from measures.models import Intervention, LegalRemedy
from measures.services import law_expiry_warning, maximum_end
from measures.workflow import FINAL, IN_FORCE, Regime


@dataclass
class InterventionRow:
    intervention: Intervention
    open_remedies: list[LegalRemedy]
    warning: str
    maximum_end: date | None
    in_force: bool
    final: bool


@dataclass
class RegimeColumn:
    regime: str
    label: str
    rows: list[InterventionRow] = field(default_factory=list)


@dataclass(frozen=True)
class Deadline:
    due_on: date
    what: str
    intervention: Intervention


def case_interventions(case: Case) -> list[Intervention]:
    """The case's interventions with their type, organisation and open legal remedies, in
    a fixed number of queries."""
    open_remedies = LegalRemedy.objects.filter(outcome=LegalRemedy.Outcome.OPEN).order_by(
        "deadline", "id"
    )
    return list(
        Intervention.objects.filter(case=case)
        .select_related("measure_type", "responsible_organisation")
        .prefetch_related(Prefetch("remedies", queryset=open_remedies, to_attr="open_remedies"))
        .order_by("created_at", "id")
    )


def row_for(intervention: Intervention) -> InterventionRow:
    # Prefetched by case_interventions; an empty list is an answer too (no query per row).
    remedies: list[LegalRemedy] | None = getattr(intervention, "open_remedies", None)
    if remedies is None:
        remedies = list(
            intervention.remedies.filter(outcome=LegalRemedy.Outcome.OPEN).order_by("deadline")
        )
    final = intervention.state in FINAL
    return InterventionRow(
        intervention=intervention,
        open_remedies=remedies,
        # A measure that is over no longer needs the warning about its law.
        warning="" if final else law_expiry_warning(intervention),
        maximum_end=maximum_end(intervention),
        in_force=intervention.state in IN_FORCE,
        final=final,
    )


def regime_columns(interventions: list[Intervention]) -> list[RegimeColumn]:
    """One column per regime, always all four, so the plan shows every regime side by side
    (an empty column says that no measure of that kind is taken)."""
    columns = {regime.value: RegimeColumn(regime.value, str(regime.label)) for regime in Regime}
    for intervention in interventions:
        columns[intervention.measure_type.regime].rows.append(row_for(intervention))
    return list(columns.values())


def next_deadlines(interventions: list[Intervention], *, limit: int = 0) -> list[Deadline]:
    """Open remedy deadlines, ends of measures in force and review dates, soonest first."""
    deadlines: list[Deadline] = []
    today = timezone.localdate()
    for intervention in interventions:
        name = intervention.measure_type.name
        if intervention.state in FINAL:
            continue
        for remedy in getattr(intervention, "open_remedies", []):
            # A term whose last day is over and whose outcome nobody recorded says so: it
            # asks for the outcome, not for a view or objection any more.
            ends = (
                _("%(measure)s: term for %(remedy)s has passed")
                if remedy.deadline < today
                else _("%(measure)s: term for %(remedy)s ends")
            )
            what = ends % {"measure": name, "remedy": remedy.get_kind_display()}
            deadlines.append(Deadline(remedy.deadline, what, intervention))
        if intervention.state in IN_FORCE and intervention.end_on is not None:
            what = _("%(measure)s ends") % {"measure": name}
            deadlines.append(Deadline(intervention.end_on, what, intervention))
        if intervention.review_on is not None:
            what = _("%(measure)s: review") % {"measure": name}
            deadlines.append(Deadline(intervention.review_on, what, intervention))
    deadlines.sort(key=lambda d: (d.due_on, d.what))
    return deadlines[:limit] if limit else deadlines
