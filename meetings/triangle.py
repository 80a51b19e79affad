"""The triangle meeting (driehoeksoverleg): the mayor, the police and the public prosecutor
answer the escalations of weighing sessions and case conferences.

Its agenda items are escalations: a weighing decision to escalate (item type
``weighing_escalation``, the id of the signals' WeighingDecision) or a case conference's
decision to escalate (``case_escalation``, the id of the cases' ConferenceDecision).
The apps that own those decisions register an agenda source for their item type (as for the
other meetings, meetings.agenda), so this module never imports them. An escalation is
answered once the triangle records a decision on it (``TriangleDecision``).

Who does what is decided in access.meetings: the mayor's office plans, chairs and records;
the lead prepares; police and OM attend. The triangle sees no case and no signal: an agenda
item says where it comes from and when, and links to the case or signal only for a viewer
their own gate admits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from access.facts import Actor, MeetingFacts
from access.meetings import (
    may_manage_triangle,
    may_plan_triangle,
    may_record_triangle_decision,
    may_view_triangle,
    triangle_scope,
)
from access.refusal import refused
from accounts.models import Membership, Municipality, Organisation, Role, User
from audit.models import Operation
from audit.services import log_processing
from meetings.agenda import source_for, sources_for
from meetings.models import AgendaItem, Attendee, Meeting, MeetingKind, TriangleDecision
from meetings.models import TriangleOutcome as TriangleOutcome  # re-exported for the views

WEIGHING_ESCALATION = "weighing_escalation"
CONFERENCE_ESCALATION = "case_escalation"
ESCALATION_TYPES = (WEIGHING_ESCALATION, CONFERENCE_ESCALATION)
# Meeting-level records (the people a triangle page names) belong to case coordination; the
# reads and decisions of an escalation are logged under its source's activity.
ACTIVITY = "case-coordination"

REASON_ESCALATED = gettext_noop("escalated to the local triangle")
REASON_DECIDED = gettext_noop("decided in this triangle meeting")

# The local triangle: the municipality (mayor's office), the police and the public prosecutor.
TRIANGLE_KINDS = (
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.POLICE,
    Organisation.Kind.PROSECUTION,
)
TEXT_LIMIT = 1000


# --- Facts, gate and scope. ---------------------------------------------------------------


def triangle_facts(meeting: Meeting) -> MeetingFacts:
    return MeetingFacts(
        municipality_id=meeting.municipality_id,
        kind=meeting.kind,
        attending_organisation_ids=frozenset(a.organisation_id for a in meeting.attendees.all()),
    )


def staff_subjects(meeting: Meeting) -> list[str]:
    """The people a triangle page names: its chair (attendees are organisations)."""
    users = {meeting.chair_id} | {a.user_id for a in meeting.attendees.all() if a.user_id}
    return [f"user:{user_id}" for user_id in sorted(users)]


def _log_meeting(actor: Actor, meeting: Meeting, *, name: str, operation: Operation) -> None:
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=operation,
        actor=actor,
        subjects=staff_subjects(meeting),
        object_type="meeting",
        object_id=meeting.pk,
    )


def get_triangle_for_user(
    actor: Actor,
    meeting_id: int,
    *,
    manage: bool = False,
    record: bool = False,
    log_name: str = "",
) -> Meeting:
    """The triangle meeting if the actor may see it (manage its agenda with ``manage``,
    record its decisions with ``record``); else 404, the same as for a missing one."""
    meeting = (
        Meeting.objects.select_related("municipality", "chair")
        .prefetch_related("attendees__organisation")
        .filter(pk=meeting_id, kind=MeetingKind.TRIANGLE)
        .first()
    )
    if meeting is None:
        raise Http404
    facts = triangle_facts(meeting)
    if not may_view_triangle(actor, facts):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    if manage and not may_manage_triangle(actor, facts):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    if record and not may_record_triangle_decision(actor, facts):
        raise refused(actor, object_type="meeting", object_id=meeting.pk)
    if log_name:
        _log_meeting(actor, meeting, name=log_name, operation=Operation.READ)
    return meeting


def triangles_visible_to(actor: Actor) -> QuerySet[Meeting]:
    """Triangle meetings the actor may see: the scope beside may_view_triangle."""
    return Meeting.objects.filter(triangle_scope(actor)).distinct()


# --- Who may chair, who attends. ------------------------------------------------------------


def mayor_office_users(municipality: Municipality) -> QuerySet[User]:
    """Active users with a current mayor's-office membership at the municipality."""
    return User.objects.filter(
        is_active=True,
        memberships__in=Membership.objects.current().filter(
            role=Role.MAYOR_OFFICE, organisation__municipality=municipality
        ),
    ).distinct()


def is_chair_candidate(actor: Actor, municipality: Municipality) -> bool:
    return mayor_office_users(municipality).filter(pk=actor.user_id).exists()


def log_staff_read(actor: Actor, user_ids: set[int], *, name: str) -> None:
    """A form that offers people (the chair) discloses their staff data: log it."""
    if not user_ids:
        return
    log_processing(
        activity=ACTIVITY,
        name=name,
        operation=Operation.READ,
        actor=actor,
        subjects=[f"user:{pk}" for pk in sorted(user_ids)],
        object_type="meeting",
    )


def triangle_organisations(municipality: Municipality) -> QuerySet[Organisation]:
    """Who may attend: the municipality's own organisation and the region's police and OM."""
    kind = Organisation.Kind
    return (
        Organisation.objects.filter(region_id=municipality.region_id)
        .filter(
            Q(kind=kind.MUNICIPALITY, municipality=municipality)
            | Q(kind__in=[kind.POLICE, kind.PROSECUTION])
        )
        .order_by("kind", "name")
    )


def _validate(
    *, municipality: Municipality, chair: User, organisations: list[Organisation]
) -> None:
    errors: dict[str, list[str]] = {}
    if not mayor_office_users(municipality).filter(pk=chair.pk).exists():
        errors["chair"] = [_("The chair must be of the mayor's office of the municipality.")]
    allowed = set(triangle_organisations(municipality).values_list("pk", flat=True))
    if any(o.pk not in allowed for o in organisations):
        errors["organisations"] = [
            _("Only the municipality, the police and the public prosecutor of the region attend.")
        ]
    elif {o.kind for o in organisations} != set(TRIANGLE_KINDS):
        errors["organisations"] = [
            _(
                "The local triangle is the mayor's office, the police and the public "
                "prosecutor: choose all three."
            )
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def triangle_create(
    *,
    actor: Actor,
    municipality: Municipality,
    held_at: datetime,
    chair: User,
    organisations: list[Organisation],
) -> Meeting:
    if not may_plan_triangle(actor, municipality_id=municipality.pk):
        raise ValidationError(_("You may not plan a triangle meeting for this municipality."))
    _validate(municipality=municipality, chair=chair, organisations=organisations)
    meeting = Meeting(
        kind=MeetingKind.TRIANGLE, municipality=municipality, held_at=held_at, chair=chair
    )
    meeting.full_clean()
    meeting.save()
    Attendee.objects.bulk_create(
        [Attendee(meeting=meeting, organisation=o) for o in sorted(organisations, key=_pk)]
    )
    _log_meeting(actor, meeting, name="meetings.triangle.create", operation=Operation.CREATE)
    return meeting


def _pk(organisation: Organisation) -> int:
    return organisation.pk


# --- The agenda. ----------------------------------------------------------------------------


def answered(item_type: str) -> Exists:
    """For a queryset of escalation decisions of ``item_type``: whether the triangle has
    recorded a decision on it (used as ``.exclude(answered(...))``)."""
    return Exists(
        TriangleDecision.objects.filter(
            agenda_item__item_type=item_type, agenda_item__item_id=OuterRef("pk")
        )
    )


def next_triangle(municipality_id: int) -> Meeting | None:
    """The municipality's first triangle meeting of today or later."""
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return (
        Meeting.objects.filter(
            kind=MeetingKind.TRIANGLE, municipality_id=municipality_id, held_at__gte=start
        )
        .order_by("held_at", "id")
        .first()
    )


def triangles_holding(item_type: str, item_ids: list[int]) -> dict[int, Meeting]:
    """Per escalation, the triangle meeting that has it on its agenda (the earliest one)."""
    items = (
        AgendaItem.objects.filter(
            meeting__kind=MeetingKind.TRIANGLE, item_type=item_type, item_id__in=item_ids
        )
        .select_related("meeting")
        .order_by("meeting__held_at", "meeting_id")
    )
    found: dict[int, Meeting] = {}
    for item in items:
        found.setdefault(item.item_id, item.meeting)
    return found


class NotDue(ValidationError):  # noqa: N818 - names the situation the user meets
    def __init__(self) -> None:
        super().__init__(_("This escalation does not await this triangle meeting."))


@transaction.atomic
def triangle_agenda_add(
    *, actor: Actor, meeting: Meeting, item_type: str, item_id: int
) -> AgendaItem:
    """Puts one escalation on the triangle's agenda (idempotent); refused when it is not
    due for this meeting (answered, of another municipality, or escalated after it)."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    source = source_for(item_type)
    if source is None or source.meeting_kind != MeetingKind.TRIANGLE:
        raise NotDue
    due = {d.item_id: d for d in source.due(meeting)}
    if item_id not in due:
        raise NotDue
    existing = AgendaItem.objects.filter(meeting=meeting, item_type=item_type, item_id=item_id)
    if existing.exists():
        return existing.get()
    position = AgendaItem.objects.filter(meeting=meeting).count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        item_type=item_type,
        item_id=item_id,
        reason=due[item_id].reason,
    )
    # Putting an escalation on the agenda discloses it to the attendees.
    log_processing(
        activity=source.activity,
        name="meetings.triangle.agenda.add",
        operation=Operation.UPDATE,
        actor=actor,
        subjects=list(due[item_id].subjects),
        object_type="meeting",
        object_id=meeting.pk,
    )
    return item


def escalation_sources() -> list[str]:
    return [s.item_type for s in sources_for(MeetingKind.TRIANGLE)]


# --- The decision. --------------------------------------------------------------------------


@dataclass(frozen=True)
class TriangleInput:
    kind: str
    text: str


def decision_errors(data: TriangleInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.kind not in TriangleOutcome.values:
        errors["kind"] = [_("Choose one of the decisions in the list.")]
    if not data.text.strip():
        errors["text"] = [_("Write down what the triangle decided and why.")]
    elif len(data.text) > TEXT_LIMIT:
        errors["text"] = [_("Keep this under %(n)s characters.") % {"n": TEXT_LIMIT}]
    return errors


@transaction.atomic
def triangle_decide(
    *, actor: Actor, user: User, meeting: Meeting, item: AgendaItem, data: TriangleInput
) -> TriangleDecision:
    """Records the triangle's decision on one escalation of its agenda; it answers the
    escalation. Refused when the item was decided already (here or in another meeting)."""
    if not may_record_triangle_decision(actor, triangle_facts(meeting)):
        raise ValidationError(_("Only the mayor's office records the triangle's decisions."))
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    if item.meeting_id != meeting.pk or item.item_type not in ESCALATION_TYPES:
        raise ValidationError(_("This item is not on the agenda of this triangle meeting."))
    decided = TriangleDecision.objects.filter(
        agenda_item__item_type=item.item_type, agenda_item__item_id=item.item_id
    )
    if decided.exists():
        raise ValidationError(_("The triangle has already decided on this escalation."))
    errors = decision_errors(data)
    if errors:
        raise ValidationError(errors)
    source = source_for(item.item_type)
    due = {d.item_id: d for d in source.due(meeting)} if source else {}
    if item.item_id not in due:
        raise NotDue
    decision = TriangleDecision(
        agenda_item=item,
        kind=data.kind,
        text=data.text.strip(),
        decided_by=user,
        decided_by_name=user.full_name,
    )
    decision.full_clean()
    decision.save()
    log_processing(
        activity=source.activity if source else ACTIVITY,
        name="meetings.triangle.decide",
        operation=Operation.CREATE,
        actor=actor,
        subjects=list(due[item.item_id].subjects),
        object_type="triangle_decision",
        object_id=decision.pk,
    )
    return decision
