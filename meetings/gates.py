"""Gates for meetings: gather the facts, ask the policy, log the read, 404 otherwise.

The rules are in access.meetings; this module gathers the facts and applies the scope.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from access.facts import Actor, MeetingFacts
from access.meetings import may_manage_meeting, may_view_meeting, meeting_scope
from access.refusal import refused
from audit.models import Operation
from audit.services import log_processing
from meetings.models import AgendaItem, Meeting, MeetingKind

# Weighing sessions are part of the register entry for signals (weighing is its last step).
ACTIVITY = "signal-intake"


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
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    if manage and not may_manage_meeting(actor, facts):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
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
    """Weighing sessions the actor may see, as one query: the scope beside
    access.meetings.may_view_meeting."""
    return Meeting.objects.filter(meeting_scope(actor)).distinct()
