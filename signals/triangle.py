"""Weighing sessions' escalations to the local triangle, as agenda items of a triangle meeting.

Registered as the agenda source of ``weighing_escalation`` items (meetings.triangle): an item
is a WeighingDecision with the outcome "escalate to the local triangle" that is the latest
decision on its signal and that no triangle has answered yet. The triangle sees where the
escalation comes from (a weighing session, its date); only a viewer who may see the signal
(access.signals.may_view_signal: the municipality's lead) gets its number as a link, and
each number shown is logged as a read of its subject.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from access.facts import Actor
from access.signals import may_view_signal
from meetings.agenda import AgendaSource, DueItem, ItemSummary, register_agenda_source
from meetings.models import Meeting, MeetingKind, TriangleDecision
from meetings.triangle import (
    REASON_DECIDED,
    REASON_ESCALATED,
    WEIGHING_ESCALATION,
    answered,
)
from meetings.weighing import Outcome
from signals.gates import ACTIVITY, log_signal_read, signals_facts
from signals.models import WeighingDecision


def awaiting_weighing_escalations(municipality_id: int) -> QuerySet[WeighingDecision]:
    """Decisions to escalate that await the triangle: the signal's latest decision (a later
    weighing supersedes it) and not yet answered by a triangle decision."""
    latest = WeighingDecision.objects.filter(signal=OuterRef("signal")).order_by(
        "-decided_at", "-id"
    )
    return (
        WeighingDecision.objects.filter(
            outcome=Outcome.ESCALATE_TO_TRIANGLE, signal__municipality_id=municipality_id
        )
        .annotate(latest_id=Subquery(latest.values("pk")[:1]))
        .filter(latest_id=F("pk"))
        .exclude(answered(WEIGHING_ESCALATION))
        .select_related("meeting", "signal")
        .order_by("meeting__held_at", "id")
    )


def _awaiting(municipality_id: int) -> list[WeighingDecision]:
    return list(awaiting_weighing_escalations(municipality_id))


def _subjects(decision: WeighingDecision) -> tuple[str, ...]:
    return (f"subject:{decision.signal.subject_id}",) if decision.signal.subject_id else ()


def _due(meeting: Meeting) -> list[DueItem]:
    """The escalations of weighing sessions held up to the triangle meeting that await an
    answer, and those this triangle meeting has decided."""
    due = [
        DueItem(item_id=d.pk, reason=REASON_ESCALATED, subjects=_subjects(d))
        for d in _awaiting(meeting.municipality_id)
        if d.meeting.held_at <= meeting.held_at
    ]
    due_ids = {d.item_id for d in due}
    decided_here = TriangleDecision.objects.filter(
        agenda_item__meeting=meeting, agenda_item__item_type=WEIGHING_ESCALATION
    ).exclude(agenda_item__item_id__in=due_ids)
    return due + [
        DueItem(item_id=item_id, reason=REASON_DECIDED)
        for item_id in decided_here.values_list("agenda_item__item_id", flat=True)
    ]


def escalation_title(decision: WeighingDecision) -> str:
    day = timezone.localtime(decision.meeting.held_at).date()
    return _("Escalation of the weighing session of %(day)s") % {
        "day": date_format(day, "SHORT_DATE_FORMAT")
    }


def _describe(
    *, actor: Actor, meeting: Meeting, item_ids: Sequence[int], log_name: str
) -> dict[int, ItemSummary]:
    """Every item's origin (no name, no number) for whoever may see the triangle meeting;
    the signal's number as a link only where the signal gate lets the actor see it."""
    decisions = list(
        WeighingDecision.objects.select_related("meeting", "signal__municipality").filter(
            pk__in=item_ids, signal__municipality_id=meeting.municipality_id
        )
    )
    facts = signals_facts([d.signal for d in decisions])
    shown = []
    summaries: dict[int, ItemSummary] = {}
    for decision in decisions:
        links: tuple[tuple[str, str], ...] = ()
        if may_view_signal(actor, facts[decision.signal_id]):
            shown.append(decision.signal)
            label = _("Signal %(number)s") % {"number": decision.signal_id}
            links = ((label, reverse("signals:detail", args=[decision.signal_id])),)
        summaries[decision.pk] = ItemSummary(
            title=escalation_title(decision),
            subject="",
            status=str(MeetingKind.WEIGHING.label),
            description="",
            version=0,
            decidable=False,
            decision=None,
            links=links,
        )
    log_signal_read(actor, shown, name=log_name)
    return summaries


register_agenda_source(
    AgendaSource(
        item_type=WEIGHING_ESCALATION,
        meeting_kind=MeetingKind.TRIANGLE,
        activity=ACTIVITY,
        due=_due,
        describe=_describe,
    )
)
