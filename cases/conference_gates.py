"""Gates for case conferences (casusoverleg): fetch, ask the policy, log the read, else 404.

A conference shows its date, chair and attendees to those who may see it; what each agenda
item shows is decided per case (cases.conference), so a partner sees the cases of its own
team and a "closed item" for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import QuerySet
from django.http import Http404

from access.cases import may_chair_conference
from access.facts import Actor, ConferenceFacts
from access.meetings import conference_scope, may_view_conference
from audit.models import Operation
from audit.services import log_processing
from cases.entry_gates import entries_visible_to, get_entry_for_user, log_entries_read
from cases.gates import ACTIVITY, case_facts
from cases.models import Case, CaseEntry
from meetings.models import AgendaItem, Meeting, MeetingKind

ITEM_TYPE = "case"


def conference_facts(meeting: Meeting) -> ConferenceFacts:
    return ConferenceFacts(
        municipality_id=meeting.municipality_id,
        region_id=meeting.municipality.region_id,
        chair_user_id=meeting.chair_id,
        attending_organisation_ids=frozenset(a.organisation_id for a in meeting.attendees.all()),
    )


def item_conference(case: Case, item: AgendaItem | None) -> ConferenceFacts | None:
    """The facts of the conference whose agenda item ``item`` holds this case; None when
    there is no such item (the chair's part in a case exists only on the agenda)."""
    if item is None or item.item_type != ITEM_TYPE or item.item_id != case.pk:
        return None
    return conference_facts(item.meeting)


def agenda_conference(case: Case, meeting: Meeting | None) -> ConferenceFacts | None:
    """The facts of a case conference that has this case on its agenda; None otherwise."""
    if meeting is None or meeting.kind != MeetingKind.CASE_CONFERENCE:
        return None
    item = AgendaItem.objects.filter(meeting=meeting, item_type=ITEM_TYPE, item_id=case.pk).first()
    return item_conference(case, item)


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
        raise Http404
    if chair and not may_chair_conference(actor, facts):
        raise Http404
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


def get_agenda_item(meeting: Meeting, item_id: int) -> AgendaItem:
    """A case item of this conference's agenda (the conference went through its gate)."""
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id, item_type=ITEM_TYPE).first()
    if item is None:
        raise Http404
    return item


def visible_minutes(actor: Actor, case: Case, item: AgendaItem) -> list[CaseEntry]:
    """The minutes of one agenda item that the actor may read (by information category).

    Taken from cases.entry_gates.entries_visible_to, so the conference and the case page
    cannot disagree. Does not log; the page logs what it shows.
    """
    return [
        entry
        for entry in entries_visible_to(actor, case)
        if entry.kind == CaseEntry.Kind.MINUTES and entry.agenda_item_id == item.pk
    ]


def get_minutes_for_user(
    actor: Actor, meeting: Meeting, entry_id: int, *, write: bool = False
) -> CaseEntry:
    """One minutes entry of this conference that the actor may read (and correct, with
    write=True); else 404. Reads are logged by the entry gate."""
    case_id = (
        CaseEntry.objects.filter(
            pk=entry_id, kind=CaseEntry.Kind.MINUTES, agenda_item__meeting=meeting
        )
        .values_list("case_id", flat=True)
        .first()
    )
    if case_id is None:
        raise Http404
    return get_entry_for_user(actor, case_id, entry_id, write=write)


def log_minutes_read(actor: Actor, case: Case, entries: Sequence[CaseEntry], *, name: str) -> None:
    """One record for the minutes a page shows (marked when read by emergency access)."""
    log_entries_read(actor, case, case_facts(case), list(entries), name=name)
