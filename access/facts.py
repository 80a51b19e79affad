"""The facts the access rules reason about: small frozen dataclasses, no ORM objects.

Gates in each app gather these from the database (once per request) and hand them to the
rules in this package. A rule never queries the database and never sees a superuser flag.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Actor:
    """Who is acting: a user in one membership (role at an organisation)."""

    user_id: int
    membership_id: int
    role: str
    organisation_id: int
    organisation_kind: str
    municipality_id: int | None
    region_id: int


@dataclass(frozen=True)
class BreakGlass:
    """A recorded emergency access to one case, with its end."""

    user_id: int
    expires_at: datetime


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a case."""

    municipality_id: int
    region_id: int
    lead_user_id: int | None
    process_director_user_id: int | None
    team_organisation_ids: frozenset[int] = frozenset()
    break_glass: tuple[BreakGlass, ...] = ()


class Category:
    """Information categories of a case entry (DESIGN §3)."""

    GENERAL = "general"
    SPECIAL = "special"  # AVG art. 9: health, religion, ...
    CRIMINAL = "criminal"  # AVG art. 10
    SECRECY = "secrecy"  # professional secrecy, shared with consent or a legal exception


@dataclass(frozen=True)
class EntryFacts:
    """What the rules need to know about one case entry."""

    case: CaseFacts
    category: str
    source_organisation_id: int
    granted_organisation_ids: frozenset[int] = field(default_factory=frozenset)
    author_user_id: int | None = None


@dataclass(frozen=True)
class SignalFacts:
    """What the rules need to know about a signal."""

    municipality_id: int
    registered_by_user_id: int | None
    # Organisations attending a weighing session that has this signal on its agenda.
    weighing_organisation_ids: frozenset[int] = frozenset()
    # For an acute signal: the municipality's police contact, who must act at once.
    acute_contact_user_id: int | None = None


@dataclass(frozen=True)
class SubjectFacts:
    municipality_id: int
    signals: tuple[SignalFacts, ...] = ()
    cases: tuple[CaseFacts, ...] = ()


@dataclass(frozen=True)
class MeetingFacts:
    """What the rules need to know about a meeting (a weighing session)."""

    municipality_id: int
    kind: str
    attending_organisation_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ConferenceFacts:
    """What the rules need to know about a case conference (casusoverleg)."""

    municipality_id: int
    region_id: int
    chair_user_id: int
    attending_organisation_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class MunicipalityFacts:
    """What the rules need to know about a municipality (preparedness, reports)."""

    municipality_id: int
    region_id: int


@dataclass(frozen=True)
class CouncilReportFacts:
    """What the rules need to know about a council report: its municipality and the
    organisations invited to explain it (those on the team of one of its cases in the
    report's period, fixed when the report was made)."""

    municipality_id: int
    region_id: int
    contributor_organisation_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class GrantFacts:
    """What the rules need to know about a grant of a role (a membership)."""

    member_user_id: int
    granted_by_user_id: int | None
    role: str
    # The organisation's municipality; None for a regional organisation (police, ZVH, care).
    municipality_id: int | None
    region_id: int


@dataclass(frozen=True)
class HoldFacts:
    """What the rules need to know about a hold on an account (accounts.AccountHold): whose
    account, who changed its login, and the roles the hold stops."""

    member_user_id: int
    held_by_user_id: int | None
    held_roles: tuple[GrantFacts, ...]
