"""Gates for meetings: gather the facts, ask the policy, log the read, 404 otherwise.

The meeting policy is written here from the functions of access.policy (it is small and only
meetings need it); proposed for access.policy in the issue 3 report.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from access.policy import Actor, is_lead_of_municipality
from accounts.models import Role
from audit.models import Operation
from audit.services import log_processing
from meetings.models import AgendaItem, Meeting, MeetingKind

# Weighing sessions are part of the register entry for signals (weighing is its last step).
ACTIVITY = "signal-intake"


@dataclass(frozen=True)
class MeetingFacts:
    municipality_id: int
    kind: str
    attending_organisation_ids: frozenset[int] = frozenset()


def may_view_meeting(actor: Actor, meeting: MeetingFacts) -> bool:
    if is_lead_of_municipality(actor, meeting.municipality_id):
        return True
    if actor.role != Role.PARTNER:
        return False
    return actor.organisation_id in meeting.attending_organisation_ids


def may_manage_meeting(actor: Actor, meeting: MeetingFacts) -> bool:
    """Planning the session, its agenda and recording decisions: the municipality's lead."""
    if meeting.kind != MeetingKind.WEIGHING:
        return False
    return is_lead_of_municipality(actor, meeting.municipality_id)


def may_create_meeting(actor: Actor) -> bool:
    if actor.role != Role.LEAD:
        return False
    return actor.municipality_id is not None


def meeting_facts(meeting: Meeting) -> MeetingFacts:
    return MeetingFacts(
        municipality_id=meeting.municipality_id,
        kind=meeting.kind,
        attending_organisation_ids=frozenset(a.organisation_id for a in meeting.attendees.all()),
    )


def staff_subjects(meeting: Meeting) -> list[str]:
    """The people a meeting page names: its chair and the attendees known by name."""
    users = {meeting.chair_id} | {a.user_id for a in meeting.attendees.all() if a.user_id}
    return [f"user:{user_id}" for user_id in sorted(users)]


def log_meeting_read(actor: Actor, meeting: Meeting, *, name: str) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=staff_subjects(meeting),
        object_type="meeting",
        object_id=meeting.pk,
    )


def log_staff_read(actor: Actor, user_ids: set[int], *, name: str) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=[f"user:{pk}" for pk in sorted(user_ids)],
        object_type="meeting",
    )


def get_meeting_for_user(
    actor: Actor, meeting_id: int, *, manage: bool = False, log_name: str = ""
) -> Meeting:
    """The meeting if the actor may see it (and manage it, with manage=True); else 404.

    With ``log_name`` the read of the people it names is logged under that name.
    """
    meeting = (
        Meeting.objects.select_related("municipality", "chair")
        .prefetch_related("attendees__organisation", "attendees__user")
        .filter(pk=meeting_id, kind=MeetingKind.WEIGHING)
        .first()
    )
    if meeting is None:
        raise Http404
    facts = meeting_facts(meeting)
    if not may_view_meeting(actor, facts):
        raise Http404
    if manage and not may_manage_meeting(actor, facts):
        raise Http404
    if log_name:
        log_meeting_read(actor, meeting, name=log_name)
    return meeting


def get_agenda_item(meeting: Meeting, item_id: int) -> AgendaItem:
    """An item of this meeting's agenda (the meeting itself went through its gate)."""
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id).first()
    if item is None:
        raise Http404
    return item


def meetings_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Weighing sessions the actor may see, as one query. Mirrors may_view_meeting."""
    weighing = Meeting.objects.filter(kind=MeetingKind.WEIGHING)
    if actor.role == Role.LEAD and actor.municipality_id is not None:
        return weighing.filter(municipality_id=actor.municipality_id)
    if actor.role == Role.PARTNER:
        return weighing.filter(attendees__organisation_id=actor.organisation_id).distinct()
    return Meeting.objects.none()
