"""The two axes of a case as explicit transition tables (DESIGN §3, issue 4).

Situation says where the person is (about to travel, departed, ...); status says where the
approach is (active, suspended, monitoring, ...). Both change only along these edges, each
with a reason, appended to the case's timeline.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    CONCERN = "concern", _("concern")
    INTENDS_TO_TRAVEL = "intends_to_travel", _("intends to travel")
    DEPARTED = "departed", _("departed")
    RETURNED = "returned", _("returned")
    DECEASED = "deceased", _("deceased")
    DETAINED = "detained", _("detained")


SITUATION_TRANSITIONS: dict[Situation, frozenset[Situation]] = {
    Situation.CONCERN: frozenset(
        {Situation.INTENDS_TO_TRAVEL, Situation.DEPARTED, Situation.DETAINED, Situation.DECEASED}
    ),
    Situation.INTENDS_TO_TRAVEL: frozenset(
        # Travel prevented: back to concern; or the person left, was arrested, or died.
        {Situation.CONCERN, Situation.DEPARTED, Situation.DETAINED, Situation.DECEASED}
    ),
    Situation.DEPARTED: frozenset({Situation.RETURNED, Situation.DETAINED, Situation.DECEASED}),
    Situation.RETURNED: frozenset(
        # A returnee may be detained on arrival, settle (concern) or leave again.
        {Situation.CONCERN, Situation.DETAINED, Situation.INTENDS_TO_TRAVEL, Situation.DECEASED}
    ),
    Situation.DETAINED: frozenset({Situation.CONCERN, Situation.RETURNED, Situation.DECEASED}),
    # A death is final; a wrong report is corrected by a new entry, not by this table.
    Situation.DECEASED: frozenset(),
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
# for "departed" records "departed" by itself, for "deceased" nothing is asked.
TRAVEL_OUTCOME_ASKED: frozenset[Situation] = frozenset({Situation.CONCERN, Situation.DETAINED})
TRAVEL_OUTCOME_CHOSEN: frozenset[TravelOutcome] = frozenset(
    {TravelOutcome.PREVENTED, TravelOutcome.ABANDONED}
)


def situation_allowed(current: str, target: str) -> bool:
    return Situation(target) in SITUATION_TRANSITIONS[Situation(current)]


def status_allowed(current: str, target: str) -> bool:
    return CaseStatus(target) in STATUS_TRANSITIONS[CaseStatus(current)]
