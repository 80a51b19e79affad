"""Gates for what a case conference shows of its cases: agenda items and minutes.

The conference itself goes through meetings.conferences.get_conference_for_user (its date,
chair and attendees); what each agenda item shows is decided per case (conferences.agenda),
so a partner sees the cases of its own team and a "closed item" for the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404

from access.facts import Actor, CaseFacts
from cases.entry_gates import entries_visible_to, get_entry_for_user, log_entries_read
from cases.gates import case_facts
from cases.models import Case, CaseEntry
from meetings.conferences import CASE_ITEM
from meetings.models import AgendaItem, Meeting


def get_agenda_item(meeting: Meeting, item_id: int) -> AgendaItem:
    """A case item of this conference's agenda (the conference went through its gate)."""
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_id, item_type=CASE_ITEM).first()
    if item is None:
        raise Http404
    return item


def visible_minutes(
    actor: Actor, case: Case, item: AgendaItem, facts: CaseFacts | None = None
) -> list[CaseEntry]:
    """The minutes of one agenda item that the actor may read (by information category).

    Taken from cases.entry_gates.entries_visible_to, so the conference and the case page
    cannot disagree. Does not log; the page logs what it shows.
    """
    return [
        entry
        for entry in entries_visible_to(actor, case, facts)
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


def log_minutes_read(
    actor: Actor,
    case: Case,
    entries: Sequence[CaseEntry],
    *,
    name: str,
    facts: CaseFacts | None = None,
) -> None:
    """One record for the minutes a page shows (marked when read by emergency access)."""
    log_entries_read(actor, case, facts or case_facts(case), list(entries), name=name)
