"""The one access policy of Schakel (DESIGN §4): deny by default.

Gates in each app gather the facts of an object into the small frozen dataclasses below and
ask these functions. The policy never queries the database and never sees a superuser flag;
an answer depends only on the actor's *active* membership and the facts given. One condition
per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from accounts.models import Organisation, Role


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
    """What the policy needs to know about a case."""

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


# Organisations that may receive criminal data (AVG art. 10, Wet politiegegevens / Wjsg)
# when they are on the case team.
CRIMINAL_DATA_KINDS = frozenset(
    {Organisation.Kind.POLICE, Organisation.Kind.PROSECUTION, Organisation.Kind.PROBATION}
)


@dataclass(frozen=True)
class EntryFacts:
    """What the policy needs to know about one case entry."""

    case: CaseFacts
    category: str
    source_organisation_id: int
    granted_organisation_ids: frozenset[int] = field(default_factory=frozenset)


def is_lead_of(actor: Actor, case: CaseFacts) -> bool:
    if actor.role != Role.LEAD:
        return False
    if actor.municipality_id != case.municipality_id:
        return False
    return actor.user_id == case.lead_user_id


def is_process_director_of(actor: Actor, case: CaseFacts) -> bool:
    if actor.role != Role.PROCESS_DIRECTOR:
        return False
    if actor.region_id != case.region_id:
        return False
    return actor.user_id == case.process_director_user_id


def is_team_partner(actor: Actor, case: CaseFacts) -> bool:
    if actor.role != Role.PARTNER:
        return False
    return actor.organisation_id in case.team_organisation_ids


def has_active_break_glass(actor: Actor, case: CaseFacts, *, now: datetime | None = None) -> bool:
    moment = now or timezone.now()
    return any(
        grant.user_id == actor.user_id and grant.expires_at > moment for grant in case.break_glass
    )


def may_break_glass(actor: Actor, case: CaseFacts) -> bool:
    """Emergency access: the region's process director, or a lead of the same municipality."""
    if actor.role == Role.PROCESS_DIRECTOR:
        return actor.region_id == case.region_id
    if actor.role == Role.LEAD:
        return actor.municipality_id == case.municipality_id
    return False


def may_view_case(actor: Actor, case: CaseFacts) -> bool:
    if is_lead_of(actor, case):
        return True
    if is_process_director_of(actor, case):
        return True
    if is_team_partner(actor, case):
        return True
    if may_break_glass(actor, case) and has_active_break_glass(actor, case):
        return True
    return False


def may_edit_case(actor: Actor, case: CaseFacts) -> bool:
    """Directing a case (situation, status, team) is for its lead and process director."""
    if is_lead_of(actor, case):
        return True
    return is_process_director_of(actor, case)


def may_view_entry(actor: Actor, entry: EntryFacts) -> bool:
    if not may_view_case(actor, entry.case):
        return False
    if entry.category == Category.GENERAL:
        return True
    if actor.organisation_id == entry.source_organisation_id:
        return True
    if actor.organisation_id in entry.granted_organisation_ids:
        return True
    if entry.category == Category.CRIMINAL and actor.organisation_kind in CRIMINAL_DATA_KINDS:
        return True
    if entry.category == Category.CRIMINAL and actor.role == Role.PROCESS_DIRECTOR:
        return True
    # The lead directs the case and may see special categories; professional secrecy
    # stays with its source unless granted in the plan.
    if entry.category == Category.SECRECY:
        return False
    return is_lead_of(actor, entry.case)


# --- Functions that are not about a case. ---


def may_administer(actor: Actor) -> bool:
    """Organisations, users and catalogues; never case data."""
    return actor.role == Role.ADMIN


def may_read_processing_log(actor: Actor) -> bool:
    return actor.role == Role.PRIVACY_OFFICER


def has_role(actor: Actor, roles: frozenset[str]) -> bool:
    return actor.role in roles


# --- Signals and subjects (issue 3). ---


@dataclass(frozen=True)
class SignalFacts:
    """What the policy needs to know about a signal."""

    municipality_id: int
    registered_by_user_id: int | None
    # Organisations attending a weighing session that has this signal on its agenda.
    weighing_organisation_ids: frozenset[int] = frozenset()
    # For an acute signal: the municipality's police contact, who must act at once.
    acute_contact_user_id: int | None = None


def is_lead_of_municipality(actor: Actor, municipality_id: int) -> bool:
    if actor.role != Role.LEAD:
        return False
    return actor.municipality_id == municipality_id


def may_view_signal(actor: Actor, signal: SignalFacts) -> bool:
    if is_lead_of_municipality(actor, signal.municipality_id):
        return True
    if actor.role == Role.PARTNER and actor.organisation_id in signal.weighing_organisation_ids:
        return True
    if actor.role == Role.PARTNER and actor.user_id == signal.acute_contact_user_id:
        return True
    # The intake desk sees what it registered itself (to correct it), nothing else.
    if actor.role == Role.INTAKE and actor.user_id == signal.registered_by_user_id:
        return True
    return False


def may_edit_signal(actor: Actor, signal: SignalFacts) -> bool:
    """Verifying, weighing and merging signals is the lead's task."""
    return is_lead_of_municipality(actor, signal.municipality_id)


def may_view_intelligence_notice(actor: Actor, signal: SignalFacts) -> bool:
    """Restricted metadata of an AIVD notice: the lead and the mayor's office only."""
    if is_lead_of_municipality(actor, signal.municipality_id):
        return True
    if actor.role != Role.MAYOR_OFFICE:
        return False
    return actor.municipality_id == signal.municipality_id


def may_register_signal(actor: Actor, *, municipality_region_id: int) -> bool:
    """Leads, the intake desk and partner professionals of the region may report."""
    if actor.role not in {Role.LEAD, Role.INTAKE, Role.PARTNER}:
        return False
    return actor.region_id == municipality_region_id


@dataclass(frozen=True)
class SubjectFacts:
    municipality_id: int
    signals: tuple[SignalFacts, ...] = ()
    cases: tuple[CaseFacts, ...] = ()


def may_view_subject(actor: Actor, subject: SubjectFacts) -> bool:
    if is_lead_of_municipality(actor, subject.municipality_id):
        return True
    if any(may_view_signal(actor, signal) for signal in subject.signals):
        return True
    return any(may_view_case(actor, case) for case in subject.cases)


def may_verify_intelligence_notice(actor: Actor, signal: SignalFacts) -> bool:
    """The mayor's office records how it verified an intelligence notice."""
    if actor.role != Role.MAYOR_OFFICE:
        return False
    return actor.municipality_id == signal.municipality_id


# --- Case conferences (issue 4). ---


@dataclass(frozen=True)
class ConferenceFacts:
    """What the policy needs to know about a case conference (casusoverleg)."""

    municipality_id: int
    region_id: int
    chair_user_id: int
    attending_organisation_ids: frozenset[int] = frozenset()


def may_chair_conference(actor: Actor, conference: ConferenceFacts) -> bool:
    """The chair, acting as the region's process director — or as the municipality's lead
    when no process director chairs."""
    if actor.user_id != conference.chair_user_id:
        return False
    if actor.role == Role.PROCESS_DIRECTOR:
        return actor.region_id == conference.region_id
    return is_lead_of_municipality(actor, conference.municipality_id)


def may_view_conference(actor: Actor, conference: ConferenceFacts) -> bool:
    """Seeing the conference (date, attendees, agenda numbers) — not yet its cases: each
    agenda item asks may_view_case again."""
    if may_chair_conference(actor, conference):
        return True
    if actor.role == Role.PROCESS_DIRECTOR and actor.region_id == conference.region_id:
        return True
    if is_lead_of_municipality(actor, conference.municipality_id):
        return True
    if actor.role != Role.PARTNER:
        return False
    return actor.organisation_id in conference.attending_organisation_ids


def may_create_conference(actor: Actor, *, municipality_id: int, region_id: int) -> bool:
    """The region's process director, or the municipality's lead, plans a conference."""
    if actor.role == Role.PROCESS_DIRECTOR:
        return actor.region_id == region_id
    return is_lead_of_municipality(actor, municipality_id)


# --- The network of a case (issue 6). ---


def may_edit_network(actor: Actor, case: CaseFacts) -> bool:
    """Adding and changing network persons and relations: those on the case by right.

    Emergency access reads; it does not record."""
    if is_lead_of(actor, case):
        return True
    if is_process_director_of(actor, case):
        return True
    return is_team_partner(actor, case)


def may_link_network_subject(actor: Actor, case: CaseFacts) -> bool:
    """Linking a network person to a known subject joins two records: the lead only."""
    return is_lead_of(actor, case)


def may_export_network(actor: Actor, case: CaseFacts) -> bool:
    """A network leaves Schakel as a file only through those who direct the case."""
    if is_lead_of(actor, case):
        return True
    return is_process_director_of(actor, case)


# --- Preparedness (issue 7). ---


@dataclass(frozen=True)
class MunicipalityFacts:
    """What the policy needs to know about a municipality's preparedness data."""

    municipality_id: int
    region_id: int


# Key figures are citizens who trust the municipality: only its own lead and mayor's office
# keep in touch with them, never partners, administrators or the privacy officer.
KEY_FIGURE_ROLES = frozenset({Role.LEAD, Role.MAYOR_OFFICE})


def may_view_readiness(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """The readiness register: the municipality's lead and mayor's office, and the process
    director of its region."""
    if is_lead_of_municipality(actor, municipality.municipality_id):
        return True
    if actor.role == Role.MAYOR_OFFICE and actor.municipality_id == municipality.municipality_id:
        return True
    if actor.role != Role.PROCESS_DIRECTOR:
        return False
    return actor.region_id == municipality.region_id


def may_edit_readiness(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """Recording the municipality's preparation is the lead's task."""
    return is_lead_of_municipality(actor, municipality.municipality_id)


def may_view_key_figures(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """The lead and the mayor's office of the municipality's own organisation only."""
    if actor.organisation_kind != Organisation.Kind.MUNICIPALITY:
        return False
    if actor.municipality_id != municipality.municipality_id:
        return False
    return actor.role in KEY_FIGURE_ROLES


def may_edit_key_figures(actor: Actor, municipality: MunicipalityFacts) -> bool:
    if not may_view_key_figures(actor, municipality):
        return False
    return actor.role == Role.LEAD


def may_edit_support_directory(actor: Actor) -> bool:
    """The directory of support organisations is catalogue data: the administrator's."""
    return actor.role == Role.ADMIN


# --- Support (issue 5). ---


def may_record_support(actor: Actor, case: CaseFacts) -> bool:
    """Family support contacts and assessment references: those on the case by right (lead,
    process director, team partner). Emergency access reads; it does not record."""
    if is_lead_of(actor, case):
        return True
    if is_process_director_of(actor, case):
        return True
    return is_team_partner(actor, case)


def may_change_support_record(actor: Actor, case: CaseFacts, *, organisation_id: int) -> bool:
    """Changing a recorded contact or assessment: whoever directs the case, or a team partner
    of the organisation that recorded it (a partner does not rewrite another's record)."""
    if may_edit_case(actor, case):
        return True
    if not is_team_partner(actor, case):
        return False
    return actor.organisation_id == organisation_id


# --- Council reports (issue 7). ---


def may_view_council_reports(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """Those who inform the council: the municipality's lead and mayor's office; and the
    process director of its region, who sees the region's reports."""
    return may_view_readiness(actor, municipality)


def may_make_council_report(actor: Actor, municipality: MunicipalityFacts) -> bool:
    """Making a report is for the municipality itself: its lead or mayor's office."""
    if actor.organisation_kind != Organisation.Kind.MUNICIPALITY:
        return False
    if actor.role not in {Role.LEAD, Role.MAYOR_OFFICE}:
        return False
    return actor.municipality_id == municipality.municipality_id
