"""The "Measures" section of the case page, registered with cases.sections from
measures.apps (cases may not import this app)."""

from __future__ import annotations

from access.cases import may_direct_measures
from access.facts import Actor
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts, read_name
from cases.models import Case
from measures.overview import case_interventions, next_deadlines, regime_columns

# The case page shows the next few deadlines; the measures page shows them all.
SECTION_DEADLINES = 5


def measures_section(actor: Actor, case: Case) -> dict[str, object]:
    """A compact overview: the regimes side by side (measure, state, end), the warnings and
    the next deadlines. The case passed its gate; the measures shown are logged as a read."""
    facts = case_facts(case)
    interventions = case_interventions(case)
    if interventions:
        log_processing(
            activity=ACTIVITY,
            name=read_name(actor, facts, "cases.measures.read"),
            operation=Operation.READ,
            actor=actor,
            subjects=[f"subject:{case.subject_id}"],
            object_type="case",
            object_id=case.pk,
        )
    columns = regime_columns(interventions)
    return {
        "case": case,
        "columns": columns,
        "count": len(interventions),
        "warnings": [row for column in columns for row in column.rows if row.warning],
        "deadlines": next_deadlines(interventions, limit=SECTION_DEADLINES),
        "may_direct": may_direct_measures(actor, facts),
    }
