"""The two axes of a case as explicit transition tables (DESIGN §3, issue 4).

Situation says where the person is (about to travel, departed, ...); status says where the
approach is (active, suspended, monitoring, ...). Both change only along these edges, each
with a reason, appended to the case's timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    CONCERN = "concern", _("concern")
    INTENDS_TO_TRAVEL = "intends_to_travel", _("intends to travel")
    DEPARTED = "departed", _("departed")
    RETURNED = "returned", _("returned")
    # A death reported but not confirmed (issue 14, point 6): reports often come by phone or
    # on social media first. Until it is confirmed it is not counted as a death.
    REPORTED_DECEASED = "reported_deceased", _("reported deceased, not confirmed")
    DECEASED = "deceased", _("deceased")
    DETAINED = "detained", _("detained")


_CONCERN = Situation.CONCERN
_INTENDS = Situation.INTENDS_TO_TRAVEL
_DEPARTED = Situation.DEPARTED
_RETURNED = Situation.RETURNED
_REPORTED = Situation.REPORTED_DECEASED
_DECEASED = Situation.DECEASED
_DETAINED = Situation.DETAINED

# A death may be reported (unconfirmed) or recorded at once with its source from every
# situation a living person is in.
SITUATION_TRANSITIONS: dict[Situation, frozenset[Situation]] = {
    _CONCERN: frozenset({_INTENDS, _DEPARTED, _DETAINED, _REPORTED, _DECEASED}),
    # Travel prevented: back to concern; or the person left, was arrested, or died.
    _INTENDS: frozenset({_CONCERN, _DEPARTED, _DETAINED, _REPORTED, _DECEASED}),
    _DEPARTED: frozenset({_RETURNED, _DETAINED, _REPORTED, _DECEASED}),
    # A returnee may be detained on arrival, settle (concern) or leave again.
    _RETURNED: frozenset({_CONCERN, _DETAINED, _INTENDS, _REPORTED, _DECEASED}),
    _DETAINED: frozenset({_CONCERN, _RETURNED, _REPORTED, _DECEASED}),
    # A report is confirmed (with its source), or proves wrong: then the case goes back to the
    # situation it had before the report, and only to that one. Which one that was depends on
    # the case's history, which a table cannot hold: the table lists every situation a report
    # can come from, and ``situation_targets`` narrows them to the one the timeline names
    # (``situation_before_report``). So the table stays a plain list of edges, tested per edge.
    _REPORTED: frozenset({_CONCERN, _INTENDS, _DEPARTED, _RETURNED, _DETAINED, _DECEASED}),
    # A confirmed death is final: it is recorded only with its source (DeathSource).
    _DECEASED: frozenset(),
}


class CaseStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    MONITORING = "monitoring", _("monitoring")
    CLOSURE_PROPOSED = "closure_proposed", _("closure proposed")
    CLOSED = "closed", _("closed")


STATUS_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.ACTIVE: frozenset({CaseStatus.SUSPENDED, CaseStatus.MONITORING}),
    # Suspended (e.g. detention abroad) resumes as active or moves on to monitoring.
    CaseStatus.SUSPENDED: frozenset({CaseStatus.ACTIVE, CaseStatus.MONITORING}),
    # Monitoring may show new concern (back to active) or lead to a closure proposal.
    CaseStatus.MONITORING: frozenset({CaseStatus.ACTIVE, CaseStatus.CLOSURE_PROPOSED}),
    # The conference may reject the proposal and keep monitoring.
    CaseStatus.CLOSURE_PROPOSED: frozenset({CaseStatus.MONITORING, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}


class ClosureReason(models.TextChoices):
    GOALS_MET = "goals_met", _("goals met")
    NO_LONGER_PROPORTIONAL = "no_longer_proportional", _("no longer proportional")
    MOVED = "moved", _("moved to another municipality")
    DECEASED = "deceased", _("deceased")
    OTHER = "other", _("other")


class ReturnMotive(models.TextChoices):
    """Why someone came back, as the factsheet names the motives (chapter 3). A coded fact
    recorded by the lead so that returns can be counted; never a score or a prediction.

    The factsheet's third motive (returning further radicalised, to attack, recruit or raise
    money) is an assessment by the services, not a motive a lead records: it is left to
    "other" with the text, or to an entry of the criminal category."""

    DISILLUSIONED = "disillusioned", _("disillusioned with the ideology or the organisation")
    MEDICAL = "medical", _("needs medical care")
    OTHER = "other", _("other motive")
    UNKNOWN = "unknown", _("motive not known")


class TravelOutcome(models.TextChoices):
    """How an intention to travel ended: recorded when a case leaves "intends to travel"."""

    PREVENTED = "prevented", _("travel prevented")
    ABANDONED = "abandoned", _("intention given up or not confirmed")
    DEPARTED = "departed", _("departed")


# Leaving "intends to travel" for these situations asks how the intention ended; leaving it
# for "departed" records "departed" by itself, for a death (reported or confirmed) nothing is
# asked.
TRAVEL_OUTCOME_ASKED: frozenset[Situation] = frozenset({Situation.CONCERN, Situation.DETAINED})
TRAVEL_OUTCOME_CHOSEN: frozenset[TravelOutcome] = frozenset(
    {TravelOutcome.PREVENTED, TravelOutcome.ABANDONED}
)


class DeathSource(models.TextChoices):
    """What confirms a death: recorded with every change to "deceased", so that an
    unconfirmed report (by phone, on social media) is never taken for a confirmed death."""

    BRP = "brp", _("registration of the death in the BRP")
    AUTHORITY = (
        "authority",
        _("confirmation by the police, the NCTV or the Public Prosecution Service"),
    )
    DOCUMENT = "document", _("death certificate or other official document")
    OTHER = "other", _("other source")


def situation_targets(current: str, before_report: str | None = None) -> frozenset[Situation]:
    """The situations a case may move to. From an unconfirmed death report that is the
    confirmation and the way back to ``before_report``, the situation the case had before
    the report (``situation_before_report``); without it, only the confirmation."""
    allowed = SITUATION_TRANSITIONS[Situation(current)]
    if current != Situation.REPORTED_DECEASED:
        return allowed
    back = {Situation(before_report)} if before_report in Situation.values else set()
    return frozenset(t for t in allowed if t == Situation.DECEASED or t in back)


def situation_allowed(current: str, target: str, before_report: str | None = None) -> bool:
    return Situation(target) in situation_targets(current, before_report)


def is_way_back(current: str, target: str) -> bool:
    """Whether the change withdraws an unconfirmed death report (back to the situation
    before it). Such a change restores a situation; it is not a new return or departure."""
    return current == Situation.REPORTED_DECEASED and target != Situation.DECEASED


# A situation change as the timeline holds it: (from_value, to_value, at).
SituationStep = tuple[str, str, datetime]


def situation_before_report(steps: Iterable[SituationStep]) -> str | None:
    """The situation a case had before its death was reported, from its situation changes
    (oldest first); None when the case's latest change is not a report."""
    before: str | None = None
    for old, new, _at in steps:
        before = old if new == Situation.REPORTED_DECEASED else None
    return before


def situation_entered_at(steps: Iterable[SituationStep]) -> datetime | None:
    """When the case entered its current situation, from its changes (oldest first).

    A report that proved wrong is left out: the way back continues the situation from when it
    was first entered. A confirmed death counts from its report, when the bereaved checklist
    was offered. None when the timeline holds no change."""
    entered: datetime | None = None
    before_report: datetime | None = None
    for old, new, at in steps:
        if new == Situation.REPORTED_DECEASED:
            before_report, entered = entered, at
        elif old == Situation.REPORTED_DECEASED:
            entered = entered if new == Situation.DECEASED else before_report
        else:
            entered = at
    return entered


def status_allowed(current: str, target: str) -> bool:
    return CaseStatus(target) in STATUS_TRANSITIONS[CaseStatus(current)]
