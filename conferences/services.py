"""Write functions of the case conference (casusoverleg): plan it, build its agenda, record
minutes and decisions per agenda item, confirm or correct minutes, close the minutes.

Each is one transaction with its processing record. Once the chair has closed the minutes,
nothing recorded on that conference changes any more (MinutesClosed); the actions agreed
there live on in the case (their status and feedback go on).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from access.cases import may_chair_conference, may_confirm_minutes, may_view_case
from access.facts import Actor
from access.meetings import may_create_conference
from accounts.models import Membership, Municipality, Organisation, Role, User
from audit.models import Operation
from audit.services import log_processing
from cases.entries import entry_add, entry_correct
from cases.gates import ACTIVITY, case_facts
from cases.models import Case, CaseEntry, CaseEntryVersion, ConferenceDecision
from lib.concurrency import StaleEdit
from meetings.conferences import (
    CASE_ITEM,
    conference_facts,
    require_open,
    staff_subjects,
)
from meetings.models import AgendaItem, Attendee, Meeting, MeetingKind
from meetings.services import AgendaChange, agenda_build

# Who may be named as an attendee of a case conference.
ATTENDING_ROLES = (Role.LEAD, Role.PARTNER, Role.PROCESS_DIRECTOR)

# A case conference has at least the municipality, the police and the public prosecutor at
# the table (factsheet 2015, "multidisciplinair casusoverleg"). The municipality is there
# through its lead or the process director who plans it; police and OM are warned about.
JUSTICE_KINDS = (Organisation.Kind.POLICE, Organisation.Kind.PROSECUTION)


def missing_justice_partners(meeting: Meeting) -> list[str]:
    """Labels of the police and the public prosecutor when not among the attendees.

    A warning only: a conference without them may still be held (issue 14, point 9)."""
    present = {attendee.organisation.kind for attendee in meeting.attendees.all()}
    return [str(kind.label) for kind in JUSTICE_KINDS if kind not in present]


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


def _log_case(
    actor: Actor, case: Case, *, name: str, operation: Operation, obj: str, pk: int
) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=[f"subject:{case.subject_id}"],
        object_type=obj,
        object_id=pk,
    )


def possible_chairs(municipality: Municipality) -> list[User]:
    """The region's process directors, and the municipality's leads."""
    memberships = (
        Membership.objects.current()
        .filter(role=Role.PROCESS_DIRECTOR, organisation__region_id=municipality.region_id)
        .select_related("user")
    )
    directors = {m.user for m in memberships}
    leads = set(User.objects.leads_of(municipality))
    return sorted(directors | leads, key=lambda u: (u.full_name, u.pk))


@transaction.atomic
def conference_create(
    *,
    actor: Actor,
    municipality: Municipality,
    held_at: datetime,
    chair: User,
    organisations: Sequence[Organisation],
    people: Sequence[Membership] = (),
) -> Meeting:
    """Plans a case conference and builds its first agenda from the cases that are due."""
    if not may_create_conference(
        actor, municipality_id=municipality.pk, region_id=municipality.region_id
    ):
        raise ValidationError(_("Only a process director or the lead can plan a conference."))
    errors: dict[str, list[str]] = {}
    if chair.pk not in {u.pk for u in possible_chairs(municipality)}:
        errors["chair"] = [
            _("The chair must be a process director of the region or a lead of the municipality.")
        ]
    if not organisations and not people:
        errors["organisations"] = [_("Choose the organisations that take part.")]
    if any(o.region_id != municipality.region_id for o in organisations):
        errors["organisations"] = [_("Only organisations of the region can take part.")]
    if any(m.organisation.region_id != municipality.region_id for m in people):
        errors["people"] = [_("Only people of the region's organisations can take part.")]
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        kind=MeetingKind.CASE_CONFERENCE, municipality=municipality, held_at=held_at, chair=chair
    )
    meeting.full_clean()
    meeting.save()
    named = {(m.organisation_id, m.user_id) for m in people}
    rows = [Attendee(meeting=meeting, organisation_id=o, user_id=u) for o, u in sorted(named)]
    with_person = {o for o, _u in named}
    rows += [
        Attendee(meeting=meeting, organisation=o) for o in organisations if o.pk not in with_person
    ]
    Attendee.objects.bulk_create(rows)
    _log(actor, meeting, name="cases.conference.create", operation=Operation.CREATE)
    agenda_build(meeting, actor=actor)
    return meeting


@transaction.atomic
def conference_agenda_build(*, actor: Actor, meeting: Meeting) -> AgendaChange:
    """Brings the agenda up to date (the chair, shortly before the conference)."""
    if not may_chair_conference(actor, conference_facts(meeting)):
        raise ValidationError(_("Only the chair can change the agenda."))
    require_open(meeting)
    return agenda_build(meeting, actor=actor)


def _item_case(meeting: Meeting, item: AgendaItem, case: Case) -> None:
    if item.meeting_id != meeting.pk or item.item_type != CASE_ITEM or item.item_id != case.pk:
        raise ValidationError(_("This case is not on the agenda of this conference."))


@transaction.atomic
def minutes_add(
    *,
    actor: Actor,
    user: User,
    meeting: Meeting,
    item: AgendaItem,
    case: Case,
    category: str,
    source_organisation: Organisation,
    legal_basis: str,
    text: str,
) -> CaseEntry:
    """A contribution to the minutes of one agenda item: a case entry of kind "minutes".

    A contribution written by the source organisation's own people counts as confirmed; one
    recorded for another organisation (by the lead) waits for that organisation to confirm.
    """
    require_open(meeting)
    _item_case(meeting, item, case)
    entry = entry_add(
        actor=actor,
        user=user,
        case=case,
        kind=CaseEntry.Kind.MINUTES,
        category=category,
        source_organisation=source_organisation,
        legal_basis=legal_basis,
        text=text,
        agenda_item=item,
    )
    if source_organisation.pk == actor.organisation_id:
        CaseEntry.objects.filter(pk=entry.pk).update(confirmed_at=timezone.now(), confirmed_by=user)
        entry.refresh_from_db()
    return entry


def _minutes_meeting(entry: CaseEntry) -> Meeting:
    if entry.kind != CaseEntry.Kind.MINUTES or entry.agenda_item is None:
        raise ValidationError(_("This entry is not part of conference minutes."))
    return entry.agenda_item.meeting


@transaction.atomic
def minutes_confirm(*, actor: Actor, user: User, entry: CaseEntry, version: int) -> CaseEntry:
    """Confirms the text version ``version`` for the source organisation.

    Raises StaleEdit when the text was corrected since the user read it.
    """
    meeting = _minutes_meeting(entry)
    require_open(meeting)
    if not may_confirm_minutes(
        actor, case_facts(entry.case), source_organisation_id=entry.source_organisation_id
    ):
        raise ValidationError(_("Only the organisation that contributed this can confirm it."))
    if CaseEntry.objects.filter(pk=entry.pk, confirmed_at__isnull=False, version=version).exists():
        raise ValidationError(_("These minutes have already been confirmed."))
    updated = CaseEntry.objects.filter(pk=entry.pk, version=version).update(
        confirmed_at=timezone.now(), confirmed_by=user
    )
    if not updated:
        raise StaleEdit
    entry.refresh_from_db()
    _log_case(
        actor,
        entry.case,
        name="cases.conference.minutes.confirm",
        operation=Operation.UPDATE,
        obj="case_entry",
        pk=entry.pk,
    )
    return entry


@transaction.atomic
def minutes_correct(
    *, actor: Actor, user: User, entry: CaseEntry, text: str, reason: str, version: int
) -> CaseEntryVersion:
    """A corrected text as a new version (cases.entries.entry_correct).

    A correction by the source organisation confirms the new text; a correction by anyone
    else asks the source organisation to confirm again.
    """
    meeting = _minutes_meeting(entry)
    require_open(meeting)
    corrected = entry_correct(
        actor=actor, user=user, entry=entry, text=text, reason=reason, version=version
    )
    if actor.organisation_id == entry.source_organisation_id:
        CaseEntry.objects.filter(pk=entry.pk).update(confirmed_at=timezone.now(), confirmed_by=user)
    else:
        CaseEntry.objects.filter(pk=entry.pk).update(confirmed_at=None, confirmed_by=None)
    entry.refresh_from_db()
    return corrected


@transaction.atomic
def decision_record(
    *,
    actor: Actor,
    user: User,
    meeting: Meeting,
    item: AgendaItem,
    case: Case,
    kind: str,
    text: str,
) -> ConferenceDecision:
    """A decision of the conference on one case, as structured data (the chair)."""
    require_open(meeting)
    _item_case(meeting, item, case)
    if not may_chair_conference(actor, conference_facts(meeting)):
        raise ValidationError(_("Only the chair records the conference's decisions."))
    if not may_view_case(actor, case_facts(case)):
        raise ValidationError(_("Only the chair records the conference's decisions."))
    if kind not in ConferenceDecision.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of decision.")})
    if not text.strip():
        raise ValidationError({"text": _("Write down what was decided and why.")})
    decision = ConferenceDecision(
        case=case, agenda_item=item, kind=kind, text=text.strip(), decided_by=user
    )
    decision.full_clean()
    decision.save()
    _log_case(
        actor,
        case,
        name="cases.conference.decision.create",
        operation=Operation.CREATE,
        obj="conference_decision",
        pk=decision.pk,
    )
    return decision


@transaction.atomic
def minutes_close(*, actor: Actor, user: User, meeting: Meeting, version: int) -> Meeting:
    """The chair closes the minutes: from now on nothing on this conference changes.

    Raises StaleEdit when the conference changed since ``version`` (e.g. closed meanwhile).
    """
    if not may_chair_conference(actor, conference_facts(meeting)):
        raise ValidationError(_("Only the chair can close the minutes."))
    if Meeting.objects.filter(pk=meeting.pk, version=version).exists():
        require_open(meeting)
    updated = Meeting.objects.filter(
        pk=meeting.pk, version=version, minutes_closed_at__isnull=True
    ).update(version=F("version") + 1, minutes_closed_at=timezone.now(), minutes_closed_by=user)
    if not updated:
        raise StaleEdit
    meeting.refresh_from_db()
    _log(actor, meeting, name="cases.conference.minutes.close", operation=Operation.UPDATE)
    return meeting
