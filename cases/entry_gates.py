"""Gates for case entries: an entry is shown only to those its information category allows
(DESIGN §4, access.entries.may_view_entry). Lists, search, counts, the timeline and the print
all take their entries from ``entries_visible_to``, so they cannot disagree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from access.entries import may_correct_entry, may_view_entry
from access.facts import Actor, CaseFacts, EntryFacts
from access.refusal import refused
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts, read_name
from cases.models import Case, CaseEntry, CaseEntryVersion, CaseEvent, EntryGrant
from cases.workflow import CaseStatus, Situation


def _granted(entry_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """Organisations each entry is currently shared with, in one query for all entries."""
    granted: dict[int, set[int]] = defaultdict(set)
    rows = EntryGrant.objects.filter(entry_id__in=list(entry_ids), revoked_at__isnull=True)
    for entry_id, organisation_id in rows.values_list("entry_id", "organisation_id"):
        granted[entry_id].add(organisation_id)
    return {entry_id: frozenset(ids) for entry_id, ids in granted.items()}


def entry_facts(
    entry: CaseEntry, case: CaseFacts, granted: frozenset[int] | None = None
) -> EntryFacts:
    if granted is None:
        granted = _granted([entry.pk]).get(entry.pk, frozenset())
    return EntryFacts(
        case=case,
        category=entry.category,
        source_organisation_id=entry.source_organisation_id,
        granted_organisation_ids=granted,
        author_user_id=entry.author_id,
    )


def entries_visible_to(actor: Actor, case: Case, facts: CaseFacts | None = None) -> list[CaseEntry]:
    """The case's entries the actor may read, oldest first. Two queries, whatever the count.

    Does not log: the caller logs what it shows (see ``log_entries_read``).
    """
    facts = facts or case_facts(case)
    entries = list(
        CaseEntry.objects.filter(case=case).select_related("source_organisation", "author")
    )
    granted = _granted(entry.pk for entry in entries)
    return [
        entry
        for entry in entries
        if may_view_entry(actor, entry_facts(entry, facts, granted.get(entry.pk, frozenset())))
    ]


def versions_of(entries: Iterable[CaseEntry]) -> dict[int, list[CaseEntryVersion]]:
    """All text versions of the given entries, oldest first, in one query."""
    versions: dict[int, list[CaseEntryVersion]] = defaultdict(list)
    rows = CaseEntryVersion.objects.filter(entry__in=list(entries)).select_related("author")
    for version in rows.order_by("entry_id", "number"):
        versions[version.entry_id].append(version)
    return dict(versions)


def current_texts(versions: Mapping[int, list[CaseEntryVersion]]) -> dict[int, str]:
    return {entry_id: rows[-1].text for entry_id, rows in versions.items() if rows}


def log_entries_read(
    actor: Actor, case: Case, facts: CaseFacts, entries: list[CaseEntry], *, name: str
) -> None:
    """One record for what a page shows of the case's entries (nothing shown, nothing logged)."""
    if not entries:
        return
    log_processing(
        activity=ACTIVITY,
        name=read_name(actor, facts, name),
        operation=Operation.READ,
        actor=actor,
        subjects=[f"subject:{case.subject_id}"],
        object_type="case",
        object_id=case.pk,
    )


def get_entry_for_user(
    actor: Actor, case_id: int, entry_id: int, *, write: bool = False
) -> CaseEntry:
    """One entry when the actor may read it (and correct it, with write=True); else 404.

    The read is logged; writes are logged by the services in cases.entries.
    """
    entry, _facts = get_entry_with_facts(actor, case_id, entry_id, write=write)
    return entry


def get_entry_with_facts(
    actor: Actor, case_id: int, entry_id: int, *, write: bool = False
) -> tuple[CaseEntry, EntryFacts]:
    """get_entry_for_user, returning the facts as well for the page's other questions."""
    entry = (
        CaseEntry.objects.select_related(
            "case__municipality", "case__subject", "source_organisation", "author"
        )
        .filter(pk=entry_id, case_id=case_id)
        .first()
    )
    if entry is None:
        raise Http404
    facts = entry_facts(entry, case_facts(entry.case))
    if not may_view_entry(actor, facts):
        raise refused(actor, object_type="case_entry", object_id=entry.pk)
    if write and not may_correct_entry(actor, facts):
        raise refused(actor, object_type="case_entry", object_id=entry.pk)
    if not write:
        log_processing(
            activity=ACTIVITY,
            name=read_name(actor, facts.case, "cases.entries.read"),
            operation=Operation.READ,
            actor=actor,
            subjects=[f"subject:{entry.case.subject_id}"],
            object_type="case_entry",
            object_id=entry.pk,
        )
    return entry, facts


# --- What the case page, the search and the print show of the entries. ---


@dataclass(frozen=True)
class EntryRow:
    entry: CaseEntry
    text: str
    version_count: int
    changed_at: datetime


def entry_rows(
    entries: list[CaseEntry], versions: Mapping[int, list[CaseEntryVersion]]
) -> list[EntryRow]:
    rows = []
    for entry in entries:
        history = versions.get(entry.pk, [])
        rows.append(
            EntryRow(
                entry=entry,
                text=history[-1].text if history else "",
                version_count=len(history),
                changed_at=history[-1].created_at if history else entry.created_at,
            )
        )
    return rows


@dataclass(frozen=True)
class TimelineItem:
    """One line of the merged timeline: a case event or an entry's version."""

    at: datetime
    title: str
    detail: str
    actor_name: str
    entry_id: int | None = None


def merged_timeline(
    events: Iterable[CaseEvent],
    entries: list[CaseEntry],
    versions: Mapping[int, list[CaseEntryVersion]],
) -> list[TimelineItem]:
    """Case events and the recording and correction of the visible entries, oldest first.

    Only entries that passed the gate are given, so the timeline shows nothing more.
    """
    items = []
    for event in events:
        detail = event.reason
        if event.from_value or event.to_value:
            change = f"{_value_label(event.kind, event.from_value)} → "
            change += _value_label(event.kind, event.to_value)
            detail = f"{change}: {event.reason}"
        detail += _outcome_detail(event)
        items.append(
            TimelineItem(
                at=event.at,
                title=str(event.get_kind_display()),
                detail=detail,
                actor_name=event.actor_name,
            )
        )
    by_id = {entry.pk: entry for entry in entries}
    for entry_id, history in versions.items():
        entry = by_id.get(entry_id)
        if entry is None:
            continue
        for version in history:
            labels = {
                "kind": entry.get_kind_display(),
                "category": entry.get_category_display(),
                "source": entry.source_organisation.name,
            }
            if version.number == 1:
                title = _("%(kind)s recorded") % labels
                detail = _("%(category)s, source %(source)s") % labels
            else:
                title = _("%(kind)s corrected") % labels
                detail = version.correction_reason
            items.append(
                TimelineItem(
                    at=version.created_at,
                    title=str(title).capitalize(),
                    detail=str(detail),
                    actor_name=version.author.full_name,
                    entry_id=entry.pk,
                )
            )
    return sorted(items, key=lambda item: item.at)


def _outcome_detail(event: CaseEvent) -> str:
    """The motive for return, the outcome of intended travel and the source that confirms a
    death, where recorded."""
    parts = []
    if event.return_motive:
        motive = str(event.get_return_motive_display())
        if event.return_motive_note:
            motive = f"{motive} ({event.return_motive_note})"
        parts.append(str(_("motive for return: %(motive)s")) % {"motive": motive})
    if event.travel_outcome:
        outcome = str(event.get_travel_outcome_display())
        parts.append(str(_("outcome: %(outcome)s")) % {"outcome": outcome})
    if event.death_source:
        source = str(event.get_death_source_display())
        if event.death_source_note:
            source = f"{source} ({event.death_source_note})"
        parts.append(str(_("death confirmed by: %(source)s")) % {"source": source})
    return "".join(f" — {part}" for part in parts)


def _value_label(kind: str, value: str) -> str:
    """Situation and status values in the interface language; other values as recorded."""
    if not value:
        return "—"
    choices: Any = {
        CaseEvent.Kind.SITUATION: Situation,
        CaseEvent.Kind.OPENED: Situation,
        CaseEvent.Kind.STATUS: CaseStatus,
    }.get(CaseEvent.Kind(kind))
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def matching_entries(
    entries: list[CaseEntry], texts: Mapping[int, str], query: str
) -> list[CaseEntry]:
    """The entries whose current text or legal basis contains the query (case-insensitive).

    Used by the search page and the API alike; it is only ever given entries that passed
    the gate (entries_visible_to), so it cannot find what the reader may not see.
    """
    needle = query.casefold()
    return [
        entry
        for entry in entries
        if needle in texts.get(entry.pk, "").casefold() or needle in entry.legal_basis.casefold()
    ]
