"""The "Measures" section of the case page, registered with cases.sections from
measures.apps (cases may not import this app)."""

from __future__ import annotations

from datetime import date

from access.cases import may_direct_measures
from cases.gates import GatedCase
from measures.overview import case_interventions, next_deadlines, regime_columns

# The case page shows the next few deadlines; the measures page shows them all.
SECTION_DEADLINES = 5


def measures_section(gated: GatedCase) -> dict[str, object]:
    """A compact overview: the regimes side by side (measure, state, end), the warnings and
    the next deadlines. The case passed its gate; the page's one record covers the subject."""
    actor, case, facts = gated.actor, gated.case, gated.facts
    interventions = case_interventions(case)
    columns = regime_columns(interventions)
    rows = [row for column in columns for row in column.rows]
    return {
        "case": case,
        "columns": columns,
        # The summary band at the top of the case page: every measure not over yet, soonest
        # end first, those without an end date last.
        "open_rows": sorted(
            (row for row in rows if not row.final),
            key=lambda row: row.intervention.end_on or date.max,
        ),
        "count": len(interventions),
        "warnings": [row for row in rows if row.warning],
        "deadlines": next_deadlines(interventions, limit=SECTION_DEADLINES),
        "may_direct": may_direct_measures(actor, facts),
    }
