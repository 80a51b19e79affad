"""Case conferences' escalations to the local triangle, as agenda items of a triangle meeting.

Registered as the agenda source of ``conference_escalation`` items (meetings.triangle): an
item is a ConferenceDecision of kind "escalate to the local triangle" that nothing has
followed yet. It is answered when the triangle records its decision on it, when a later case
conference records a new decision on the same case (the triangle's answer came back to the
table), or when the case is closed. A second decision at the same conference (such as a
review date) does not answer it.

The triangle sees where the escalation comes from (a case conference, its date); only a
viewer the case gate admits (the case's lead, ...) gets the case number as a link, and each
number shown is logged as a read of its subject.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from access.facts import Actor
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts, cases_visible_to, read_name
from cases.models import Case, ConferenceDecision
from cases.workflow import CaseStatus
from meetings.agenda import AgendaSource, DueItem, ItemSummary, register_agenda_source
from meetings.models import Meeting, MeetingKind, TriangleDecision
from meetings.triangle import (
    CONFERENCE_ESCALATION,
    REASON_DECIDED,
    REASON_ESCALATED,
    answered,
)


def awaiting_conference_escalations(municipality_id: int) -> QuerySet[ConferenceDecision]:
    """Decisions to escalate to the local triangle that nothing has followed yet."""
    later = ConferenceDecision.objects.filter(
        case=OuterRef("case"),
        agenda_item__meeting__held_at__gt=OuterRef("agenda_item__meeting__held_at"),
    )
    return (
        ConferenceDecision.objects.filter(
            kind=ConferenceDecision.Kind.ESCALATE, case__municipality_id=municipality_id
        )
        .exclude(case__status=CaseStatus.CLOSED)
        .exclude(Exists(later))
        .exclude(answered(CONFERENCE_ESCALATION))
        .select_related("case", "agenda_item__meeting")
        .order_by("agenda_item__meeting__held_at", "case_id", "id")
    )


def _due(meeting: Meeting) -> list[DueItem]:
    """The escalations of conferences held up to the triangle meeting that await an answer,
    and those this triangle meeting has decided."""
    due = [
        DueItem(item_id=d.pk, reason=REASON_ESCALATED, subjects=(f"subject:{d.case.subject_id}",))
        for d in awaiting_conference_escalations(meeting.municipality_id)
        if d.agenda_item.meeting.held_at <= meeting.held_at
    ]
    due_ids = {d.item_id for d in due}
    decided_here = TriangleDecision.objects.filter(
        agenda_item__meeting=meeting, agenda_item__item_type=CONFERENCE_ESCALATION
    ).exclude(agenda_item__item_id__in=due_ids)
    return due + [
        DueItem(item_id=item_id, reason=REASON_DECIDED)
        for item_id in decided_here.values_list("agenda_item__item_id", flat=True)
    ]


def escalation_title(decision: ConferenceDecision) -> str:
    day = timezone.localtime(decision.agenda_item.meeting.held_at).date()
    return _("Escalation of the case conference of %(day)s") % {
        "day": date_format(day, "SHORT_DATE_FORMAT")
    }


def log_case_numbers(actor: Actor, cases: Sequence[Case], *, name: str) -> None:
    """One read per subject whose case number a page shows (marked for emergency access)."""
    by_name: dict[str, list[str]] = {}
    for case in cases:
        by_name.setdefault(read_name(actor, case_facts(case), name), []).append(
            f"subject:{case.subject_id}"
        )
    for log_name, subjects in by_name.items():
        log_processing(
            activity=ACTIVITY,
            name=log_name,
            operation=Operation.READ,
            actor=actor,
            subjects=sorted(set(subjects)),
            object_type="case",
            object_id=cases[0].pk if len(cases) == 1 else "",
        )


def _describe(
    *, actor: Actor, meeting: Meeting, item_ids: Sequence[int], log_name: str
) -> dict[int, ItemSummary]:
    """Every item's origin (no name, no number) for whoever may see the triangle meeting;
    the case number as a link only where the case gate lets the actor see the case."""
    decisions = list(
        ConferenceDecision.objects.select_related(
            "agenda_item__meeting", "case__municipality"
        ).filter(pk__in=item_ids, case__municipality_id=meeting.municipality_id)
    )
    visible = set(
        cases_visible_to(actor)
        .filter(pk__in={d.case_id for d in decisions})
        .values_list("pk", flat=True)
    )
    shown: dict[int, Case] = {}
    summaries: dict[int, ItemSummary] = {}
    for decision in decisions:
        links: tuple[tuple[str, str], ...] = ()
        if decision.case_id in visible:
            shown[decision.case_id] = decision.case
            label = _("Case %(number)s") % {"number": decision.case_id}
            links = ((label, reverse("cases:detail", args=[decision.case_id])),)
        summaries[decision.pk] = ItemSummary(
            title=escalation_title(decision),
            subject="",
            status=str(MeetingKind.CASE_CONFERENCE.label),
            description="",
            version=0,
            decidable=False,
            decision=None,
            links=links,
        )
    if shown:
        log_case_numbers(actor, list(shown.values()), name=log_name)
    return summaries


def register() -> None:
    register_agenda_source(
        AgendaSource(
            item_type=CONFERENCE_ESCALATION,
            meeting_kind=MeetingKind.TRIANGLE,
            activity=ACTIVITY,
            due=_due,
            describe=_describe,
        )
    )
