"""What every app needs to know of a case conference (casusoverleg): its facts for the access
rules, whether a case is on its agenda, whether its minutes are still open, and its gate.

It lives here, beside the Meeting it describes, so that both the case (its plan and actions
are agreed at a conference) and the conferences app above it can use it without a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from access.cases import may_chair_conference
from access.facts import Actor, ConferenceFacts
from access.meetings import conference_scope, may_view_conference
from access.refusal import refused
from audit.models import Operation
from audit.services import log_processing
from meetings.models import AgendaItem, Meeting, MeetingKind

# The agenda items of a case conference are cases; conferences belong to case coordination.
CASE_ITEM = "case"
ACTIVITY = "case-coordination"


def conference_facts(meeting: Meeting) -> ConferenceFacts:
    return ConferenceFacts(
        municipality_id=meeting.municipality_id,
        region_id=meeting.municipality.region_id,
        chair_user_id=meeting.chair_id,
        attending_organisation_ids=frozenset(a.organisation_id for a in meeting.attendees.all()),
    )


def item_conference(case_id: int, item: AgendaItem | None) -> ConferenceFacts | None:
    """The facts of the conference whose agenda item ``item`` holds this case; None when
    there is no such item (the chair's part in a case exists only on the agenda)."""
    if item is None or item.item_type != CASE_ITEM or item.item_id != case_id:
        return None
    return conference_facts(item.meeting)


def agenda_conference(case_id: int, meeting: Meeting | None) -> ConferenceFacts | None:
    """The facts of a case conference that has this case on its agenda; None otherwise."""
    if meeting is None or meeting.kind != MeetingKind.CASE_CONFERENCE:
        return None
    item = AgendaItem.objects.filter(meeting=meeting, item_type=CASE_ITEM, item_id=case_id).first()
    return item_conference(case_id, item)


class MinutesClosed(ValidationError):  # noqa: N818 - names the situation the user meets
    """The chair closed the minutes of this conference; nothing on it changes any more."""

    def __init__(self) -> None:
        super().__init__(_("The minutes of this conference are closed; nothing can be changed."))


def minutes_closed(meeting: Meeting) -> bool:
    """Whether the chair closed the minutes (as loaded; services re-read with require_open)."""
    return meeting.minutes_closed_at is not None


def require_open(meeting: Meeting) -> None:
    """Refuses any change once the minutes are closed (read fresh from the database)."""
    closed = Meeting.objects.filter(pk=meeting.pk, minutes_closed_at__isnull=False).exists()
    if closed:
        raise MinutesClosed


def staff_subjects(meeting: Meeting) -> list[str]:
    """The people a conference page names: its chair and the attendees known by name."""
    users = {meeting.chair_id} | {a.user_id for a in meeting.attendees.all() if a.user_id}
    return [f"user:{user_id}" for user_id in sorted(users)]


def log_staff_read(actor: Actor, user_ids: Iterable[int], *, name: str) -> None:
    """A form that offers people (chair, owners) discloses their staff data: log it."""
    subjects = [f"user:{pk}" for pk in sorted(set(user_ids))]
    if not subjects:
        return
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=subjects,
        object_type="meeting",
    )


def get_conference_for_user(
    actor: Actor, meeting_id: int, *, chair: bool = False, log_name: str = ""
) -> Meeting:
    """The conference if the actor may see it (and chairs it, with chair=True); else 404.

    With ``log_name`` the read of the people it names is logged under that name.
    """
    meeting = (
        Meeting.objects.select_related("municipality", "chair", "minutes_closed_by")
        .prefetch_related("attendees__organisation", "attendees__user")
        .filter(pk=meeting_id, kind=MeetingKind.CASE_CONFERENCE)
        .first()
    )
    if meeting is None:
        raise Http404
    facts = conference_facts(meeting)
    if not may_view_conference(actor, facts):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    if chair and not may_chair_conference(actor, facts):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    if log_name:
        log_processing(
            activity=ACTIVITY,
            name=log_name,
            operation=Operation.READ,
            actor=actor,
            subjects=staff_subjects(meeting),
            object_type="meeting",
            object_id=meeting.pk,
        )
    return meeting


def conferences_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Conferences the actor may see, as one query: the scope beside
    access.meetings.may_view_conference."""
    return Meeting.objects.filter(conference_scope(actor)).distinct()
