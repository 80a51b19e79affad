"""Write functions for weighing sessions: plan a session, change it, build its agenda.

Each change is one transaction with its processing record. Who attends decides which
partners see the signals on the agenda, so attendance changes are logged like data changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from access.facts import Actor
from accounts.models import Membership, Municipality, Organisation, User
from audit.models import Operation
from audit.services import log_processing
from meetings.agenda import sources_for
from meetings.gates import ACTIVITY, staff_subjects
from meetings.models import AgendaItem, Attendee, Meeting, MeetingKind

# The official partners of the local triangle form the core of a weighing session
# (factsheet 2015, "Organiseer een signaleringsoverleg").
CORE_KINDS = (
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.POLICE,
    Organisation.Kind.PROSECUTION,
)


class MeetingChanged(Exception):  # noqa: N818 - names the situation the user must resolve
    """Someone else changed the meeting since the user opened it."""


@dataclass(frozen=True)
class AgendaChange:
    added: int
    removed: int


def missing_core_kinds(meeting: Meeting) -> list[str]:
    """Labels of the core partners (municipality, police, prosecutor) not among the attendees."""
    present = {a.organisation.kind for a in meeting.attendees.all()}
    return [str(kind.label) for kind in CORE_KINDS if kind not in present]


def current_leads(municipality: Municipality) -> QuerySet[User]:
    return User.objects.leads_of(municipality)


def _validate(
    *,
    municipality: Municipality,
    chair: User,
    organisations: Sequence[Organisation],
    people: Sequence[Membership],
) -> None:
    errors: dict[str, list[str]] = {}
    if not current_leads(municipality).filter(pk=chair.pk).exists():
        errors["chair"] = [_("The chair must be a lead of the municipality.")]
    if not organisations and not people:
        errors["organisations"] = [_("Choose the organisations that take part.")]
    region_id = municipality.region_id
    if any(o.region_id != region_id for o in organisations):
        errors["organisations"] = [_("Only organisations of the region can take part.")]
    if any(m.organisation.region_id != region_id for m in people):
        errors["people"] = [_("Only people of the region's organisations can take part.")]
    if errors:
        raise ValidationError(errors)


def _set_attendees(
    meeting: Meeting, organisations: Sequence[Organisation], people: Sequence[Membership]
) -> None:
    """One row per person named; one row without a person for an organisation without one."""
    meeting.attendees.all().delete()
    named = {(m.organisation_id, m.user_id) for m in people}
    rows = [Attendee(meeting=meeting, organisation_id=o, user_id=u) for o, u in sorted(named)]
    with_person = {o for o, _u in named}
    rows += [
        Attendee(meeting=meeting, organisation=o) for o in organisations if o.pk not in with_person
    ]
    Attendee.objects.bulk_create(rows)


def _log(actor: Actor, meeting: Meeting, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=staff_subjects(meeting),
        object_type="meeting",
        object_id=meeting.pk,
    )


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    municipality: Municipality,
    held_at: datetime,
    chair: User,
    organisations: Sequence[Organisation],
    people: Sequence[Membership] = (),
) -> Meeting:
    _validate(municipality=municipality, chair=chair, organisations=organisations, people=people)
    meeting = Meeting(
        kind=MeetingKind.WEIGHING, municipality=municipality, held_at=held_at, chair=chair
    )
    meeting.full_clean()
    meeting.save()
    _set_attendees(meeting, organisations, people)
    _log(actor, meeting, name="meetings.create", operation=Operation.CREATE)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    version: int,
    held_at: datetime,
    chair: User,
    organisations: Sequence[Organisation],
    people: Sequence[Membership] = (),
) -> Meeting:
    """Changes date, chair and attendees; refused (MeetingChanged) when ``version`` is stale."""
    _validate(
        municipality=meeting.municipality, chair=chair, organisations=organisations, people=people
    )
    updated = Meeting.objects.filter(pk=meeting.pk, version=version).update(
        held_at=held_at, chair=chair, version=F("version") + 1
    )
    if not updated:
        raise MeetingChanged
    _set_attendees(meeting, organisations, people)
    meeting.refresh_from_db()
    _log(actor, meeting, name="meetings.update", operation=Operation.UPDATE)
    return meeting


@transaction.atomic
def agenda_build(meeting: Meeting, *, actor: Actor | None = None) -> AgendaChange:
    """Brings the agenda in line with what is due; running it twice changes nothing.

    Items that are no longer due (and were not decided in this meeting) leave the agenda, so
    attendees stop seeing them; items of types without a source are left alone.
    """
    # Lock the meeting row so two builds of one agenda run one after the other.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    existing = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    added = removed = 0
    for source in sources_for(meeting.kind):
        due = {d.item_id: d for d in source.due(meeting)}
        mine = {i.item_id: i for i in existing if i.item_type == source.item_type}
        gone = [item for item_id, item in mine.items() if item_id not in due]
        new = [d for item_id, d in due.items() if item_id not in mine]
        if gone:
            AgendaItem.objects.filter(pk__in=[i.pk for i in gone]).delete()
            existing = [i for i in existing if i not in gone]
        next_position = len(existing) + 1
        for offset, d in enumerate(new):
            existing.append(
                AgendaItem.objects.create(
                    meeting=meeting,
                    position=next_position + offset,
                    item_type=source.item_type,
                    item_id=d.item_id,
                    reason=d.reason,
                )
            )
        if new or gone:
            # Putting an item on the agenda discloses it to the attendees: one record per
            # data subject added. A withdrawn item discloses nothing new; its record names
            # the meeting only.
            log_processing(
                activity=source.activity,
                name="meetings.agenda.build",
                operation=Operation.UPDATE,
                actor=actor,
                subjects=sorted({s for d in new for s in d.subjects}),
                object_type="meeting",
                object_id=meeting.pk,
            )
        added += len(new)
        removed += len(gone)
    _renumber(existing)
    return AgendaChange(added=added, removed=removed)


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            AgendaItem.objects.filter(pk=item.pk).update(position=position)
            item.position = position
