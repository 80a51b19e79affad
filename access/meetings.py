"""Rules about meetings: weighing sessions (signaleringsoverleg) and case conferences
(casusoverleg), with the list scope of each beside its view rule.

One condition per line, so coverage shows that every branch is tested.
"""

from __future__ import annotations

from django.db.models import Q

from access.cases import may_chair_conference
from access.facts import Actor, ConferenceFacts, MeetingFacts
from access.municipality import is_lead_of_municipality
from access.signals import WEIGHING
from accounts.models import Role

CASE_CONFERENCE = "case_conference"  # mirrors meetings.models.MeetingKind.CASE_CONFERENCE
TRIANGLE = "triangle"  # mirrors meetings.models.MeetingKind.TRIANGLE


# --- Weighing sessions. ---


def may_view_meeting(actor: Actor, meeting: MeetingFacts) -> bool:
    if is_lead_of_municipality(actor, meeting.municipality_id):
        return True
    if actor.role != Role.PARTNER:
        return False
    return actor.organisation_id in meeting.attending_organisation_ids


def meeting_scope(actor: Actor) -> Q:
    """The weighing sessions ``may_view_meeting`` lets the actor see, as a filter on Meeting
    (use .distinct(): the attendee join can repeat a meeting)."""
    weighing = Q(kind=WEIGHING)
    if actor.role == Role.LEAD and actor.municipality_id is not None:
        return weighing & Q(municipality_id=actor.municipality_id)
    if actor.role == Role.PARTNER:
        return weighing & Q(attendees__organisation_id=actor.organisation_id)
    return Q(pk__in=[])


def may_manage_meeting(actor: Actor, meeting: MeetingFacts) -> bool:
    """Planning the session, its agenda and recording decisions: the municipality's lead."""
    if meeting.kind != WEIGHING:
        return False
    return is_lead_of_municipality(actor, meeting.municipality_id)


def may_create_meeting(actor: Actor) -> bool:
    if actor.role != Role.LEAD:
        return False
    return actor.municipality_id is not None


# --- Case conferences. ---


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


def conference_scope(actor: Actor) -> Q:
    """The case conferences ``may_view_conference`` lets the actor see, as a filter on Meeting
    (use .distinct()). A chair is either the region's process director or a lead of the
    municipality, so the chair's own conferences are inside the first two branches."""
    conferences = Q(kind=CASE_CONFERENCE)
    if actor.role == Role.PROCESS_DIRECTOR:
        return conferences & Q(municipality__region_id=actor.region_id)
    if actor.role == Role.LEAD and actor.municipality_id is not None:
        return conferences & Q(municipality_id=actor.municipality_id)
    if actor.role == Role.PARTNER:
        return conferences & Q(attendees__organisation_id=actor.organisation_id)
    return Q(pk__in=[])


def may_create_conference(actor: Actor, *, municipality_id: int, region_id: int) -> bool:
    """The region's process director, or the municipality's lead, plans a conference."""
    if actor.role == Role.PROCESS_DIRECTOR:
        return actor.region_id == region_id
    return is_lead_of_municipality(actor, municipality_id)


# --- Triangle meetings (driehoeksoverleg: mayor, police, public prosecutor). ---
#
# The mayor chairs the local triangle, so the mayor's office of the municipality plans it,
# chairs it and records its decisions. The municipality's lead prepares it: may plan it and
# bring its agenda up to date, but records no decision (the lead is not a member of the
# triangle). The police and OM professionals whose organisation attends see the meeting.
# Nobody sees a case or a signal through the triangle: each agenda item names only where it
# comes from, and links to the case or signal only through their own gates.


def is_mayor_office_of(actor: Actor, municipality_id: int) -> bool:
    if actor.role != Role.MAYOR_OFFICE:
        return False
    return actor.municipality_id == municipality_id


def may_plan_triangle(actor: Actor, *, municipality_id: int) -> bool:
    if is_mayor_office_of(actor, municipality_id):
        return True
    return is_lead_of_municipality(actor, municipality_id)


def may_view_triangle(actor: Actor, meeting: MeetingFacts) -> bool:
    if meeting.kind != TRIANGLE:
        return False
    if may_plan_triangle(actor, municipality_id=meeting.municipality_id):
        return True
    if actor.role != Role.PARTNER:
        return False
    return actor.organisation_id in meeting.attending_organisation_ids


def triangle_scope(actor: Actor) -> Q:
    """The triangle meetings ``may_view_triangle`` lets the actor see, as a filter on Meeting
    (use .distinct(): the attendee join can repeat a meeting)."""
    triangle = Q(kind=TRIANGLE)
    if actor.role in {Role.MAYOR_OFFICE, Role.LEAD} and actor.municipality_id is not None:
        return triangle & Q(municipality_id=actor.municipality_id)
    if actor.role == Role.PARTNER:
        return triangle & Q(attendees__organisation_id=actor.organisation_id)
    return Q(pk__in=[])


def may_manage_triangle(actor: Actor, meeting: MeetingFacts) -> bool:
    """Bringing the agenda up to date and putting an escalation on it."""
    if meeting.kind != TRIANGLE:
        return False
    return may_plan_triangle(actor, municipality_id=meeting.municipality_id)


def may_record_triangle_decision(actor: Actor, meeting: MeetingFacts) -> bool:
    """The triangle's decisions are recorded by the mayor's office, whose mayor chairs it."""
    if meeting.kind != TRIANGLE:
        return False
    return is_mayor_office_of(actor, meeting.municipality_id)
