"""Cases (casussen): the person-centred approach the municipality directs (issue 4).

The team of participating organisations is the need-to-know grant: a partner sees the case
while their organisation is on the team, from the moment it is added until it is removed.
The timeline is appended, never edited.
"""

from cases.models.base import AppendOnly
from cases.models.case import BreakGlassAccess, Case, CaseEvent, TeamMember
from cases.models.entries import CaseEntry, CaseEntryVersion, EntryGrant, InformationCategory
from cases.models.plan import (
    Action,
    ActionStatus,
    ActionUpdate,
    ConferenceDecision,
    Goal,
    PlanVersion,
)

__all__ = [
    "Action",
    "ActionStatus",
    "ActionUpdate",
    "AppendOnly",
    "BreakGlassAccess",
    "Case",
    "CaseEntry",
    "CaseEntryVersion",
    "CaseEvent",
    "ConferenceDecision",
    "EntryGrant",
    "Goal",
    "InformationCategory",
    "PlanVersion",
    "TeamMember",
]
