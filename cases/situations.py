"""A case's situation read from its timeline: the way back from an unconfirmed death report,
and whether a death is confirmed (issue 14, point 6).

The rules are pure functions in ``cases.workflow``; this module hands them the case's
situation changes. Other apps (checklists, support, reports) ask these questions here
instead of comparing ``case.situation`` themselves.
"""

from __future__ import annotations

from datetime import datetime

from cases.models import Case, CaseEvent
from cases.workflow import (
    Situation,
    SituationStep,
    situation_before_report,
    situation_entered_at,
    situation_targets,
)


def situation_steps(case: Case) -> list[SituationStep]:
    """The case's situation changes, oldest first, as (from, to, at)."""
    rows = (
        CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.SITUATION)
        .order_by("at", "id")
        .values_list("from_value", "to_value", "at")
    )
    return list(rows)


def before_report(case: Case) -> str | None:
    """The situation the case had before its death was reported; None unless the case is
    in "reported deceased"."""
    if case.situation != Situation.REPORTED_DECEASED:
        return None
    return situation_before_report(situation_steps(case))


def targets_of(case: Case) -> list[Situation]:
    """The situations the case may move to now, in the order of ``Situation``."""
    allowed = situation_targets(case.situation, before_report(case))
    return [target for target in Situation if target in allowed]


def entered_at(case: Case) -> datetime | None:
    """When the case entered its current situation: a report that proved wrong does not
    count as leaving it, and a confirmed death counts from its report."""
    return situation_entered_at(situation_steps(case))


def death_reported(case: Case) -> bool:
    """Whether the person's death has been reported but not (yet) confirmed."""
    return case.situation == Situation.REPORTED_DECEASED


def death_confirmed(case: Case) -> bool:
    """Whether the person's death is confirmed, with its source. Only then may steps that
    cannot be undone (deregistration, stopping benefits) be taken."""
    return case.situation == Situation.DECEASED


def death_confirmation(case: Case) -> CaseEvent | None:
    """The timeline event that confirmed the death, with its source and time; None while the
    death is not confirmed. (Deaths recorded before sources were asked have an empty one.)"""
    if not death_confirmed(case):
        return None
    return (
        CaseEvent.objects.filter(
            case=case, kind=CaseEvent.Kind.SITUATION, to_value=Situation.DECEASED
        )
        .order_by("-at", "-id")
        .first()
    )
