"""Which situation checklists apply to a case now, and since when (issue 14).

A situation's checklist applies while the case is in that situation, and only a checklist
started after the case entered it. Two things make this more than "the current situation":

- a confirmed death follows a reported one within the same (bereaved) scenario, so the
  checklist started on the report goes on;
- while a death is only reported, the checklist of the situation before the report still
  applies too (a departed person's checklist is not settled on a rumour), and a report that
  proves wrong is as if it never happened: going back to that situation does not make its
  checklist a stale one.

Pure functions over the case's situation steps, so they are tested without a database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cases.workflow import Situation
from checklists.models import SCENARIO_OF_SITUATION, Scenario

# One change of situation: when, from, to.
Step = tuple[datetime, str, str]


def without_withdrawn_reports(steps: Sequence[Step]) -> list[Step]:
    """The steps with every death report that proved wrong taken out, with its withdrawal."""
    kept: list[Step] = []
    for step in steps:
        _at, from_value, to_value = step
        withdrawn = from_value == Situation.REPORTED_DECEASED and to_value != Situation.DECEASED
        if withdrawn and kept and kept[-1][2] == Situation.REPORTED_DECEASED:
            kept.pop()
            continue
        kept.append(step)
    return kept


def _entered(steps: Sequence[Step], scenario: Scenario) -> datetime | None:
    """When the steps last brought the case into the scenario (None: not by a step)."""
    since = None
    for at, from_value, to_value in reversed(steps):
        if SCENARIO_OF_SITUATION.get(to_value) != scenario:
            break
        since = at
        if SCENARIO_OF_SITUATION.get(from_value) != scenario:
            break
    return since


def applying_scenarios(situation: str, steps: Sequence[Step]) -> dict[Scenario, datetime | None]:
    """The scenarios whose checklists apply now, each with the moment the case entered it
    (a checklist started before that moment belongs to an earlier spell and is stale)."""
    kept = without_withdrawn_reports(steps)
    applying: dict[Scenario, datetime | None] = {}
    scenario = SCENARIO_OF_SITUATION.get(situation)
    if scenario is not None:
        applying[scenario] = _entered(kept, scenario)
    reported = situation == Situation.REPORTED_DECEASED
    if reported and kept and kept[-1][2] == Situation.REPORTED_DECEASED:
        before = SCENARIO_OF_SITUATION.get(kept[-1][1])
        if before is not None and before not in applying:
            applying[before] = _entered(kept[:-1], before)
    return applying


def is_stale(
    scenario: str, started_at: datetime, applying: dict[Scenario, datetime | None]
) -> bool:
    """Whether a situation checklist no longer applies: its scenario is not among those that
    apply, or it was started in an earlier spell of it. Checklists of other moments (intake,
    conference, closure) never go stale this way."""
    if scenario not in SCENARIO_OF_SITUATION.values():
        return False
    if scenario not in applying:
        return True
    since = applying[Scenario(scenario)]
    return since is not None and started_at < since
