"""Cases as agenda items of the case conference (casusoverleg).

Registered as the agenda source for "case" items of case conferences (meetings.agenda), so the
meetings app builds the agenda without importing cases. A case is due when it is not closed
and its review date has come, when it has never been on a conference agenda, or when it has
overdue open actions. Each viewer sees only the cases they may see; the rest of the agenda is
a "closed item" (besloten punt): its number, nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from access.cases import may_view_case
from access.facts import Actor
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts
from cases.models import Action, ActionStatus, Case, CaseEntry, ConferenceDecision
from cases.workflow import CaseStatus, Situation
from meetings.agenda import AgendaSource, DueItem, ItemSummary, register_agenda_source
from meetings.conferences import CASE_ITEM
from meetings.models import AgendaItem, Meeting, MeetingKind

REASON_REVIEW = gettext_noop("the case is due for review")
REASON_OVERDUE = gettext_noop("overdue actions")
REASON_NEW = gettext_noop("new case")
REASON_DISCUSSED = gettext_noop("discussed in this conference")

OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


def meeting_day(meeting: Meeting) -> date:
    return timezone.localtime(meeting.held_at).date()


def cases_due(meeting: Meeting) -> list[tuple[Case, str]]:
    """The municipality's open cases that are due for this conference, with the reason."""
    day = meeting_day(meeting)
    elsewhere = AgendaItem.objects.filter(
        item_type=CASE_ITEM,
        item_id=OuterRef("pk"),
        meeting__kind=MeetingKind.CASE_CONFERENCE,
    ).exclude(meeting=meeting)
    overdue = Action.objects.filter(
        case=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES, due_on__lt=day
    )
    cases = (
        Case.objects.filter(municipality_id=meeting.municipality_id)
        .exclude(status=CaseStatus.CLOSED)
        .annotate(is_new=~Exists(elsewhere), has_overdue=Exists(overdue))
        .filter(Q(review_on__lte=day) | Q(is_new=True) | Q(has_overdue=True))
        .order_by("opened_at", "id")
    )
    due: list[tuple[Case, str]] = []
    for case in cases:
        if case.review_on is not None and case.review_on <= day:
            due.append((case, REASON_REVIEW))
        elif case.has_overdue:
            due.append((case, REASON_OVERDUE))
        else:
            due.append((case, REASON_NEW))
    return due


def _discussed_here(meeting: Meeting) -> set[int]:
    """Cases with minutes, decisions or actions on this meeting's agenda: they stay on it
    (the record needs its agenda item) even when no longer due."""
    items = AgendaItem.objects.filter(meeting=meeting, item_type=CASE_ITEM)
    ids = set(
        CaseEntry.objects.filter(agenda_item__in=items).values_list("case_id", flat=True)
    ) | set(
        ConferenceDecision.objects.filter(agenda_item__in=items).values_list("case_id", flat=True)
    )
    ids |= set(Action.objects.filter(agenda_item__in=items).values_list("case_id", flat=True))
    return ids


def _due_items(meeting: Meeting) -> list[DueItem]:
    due = [
        DueItem(item_id=case.pk, reason=reason, subjects=(f"subject:{case.subject_id}",))
        for case, reason in cases_due(meeting)
    ]
    due_ids = {d.item_id for d in due}
    kept = Case.objects.filter(pk__in=_discussed_here(meeting) - due_ids).order_by("id")
    return due + [DueItem(item_id=case.pk, reason=REASON_DISCUSSED) for case in kept]


def visible_cases(actor: Actor, meeting: Meeting, item_ids: Sequence[int]) -> dict[int, Case]:
    """The cases among these agenda items that the actor may see (no logging)."""
    cases = Case.objects.select_related("subject", "municipality").filter(
        pk__in=item_ids, municipality_id=meeting.municipality_id
    )
    return {case.pk: case for case in cases if may_view_case(actor, case_facts(case))}


def _describe(
    *, actor: Actor, meeting: Meeting, item_ids: Sequence[int], log_name: str
) -> dict[int, ItemSummary]:
    """What the actor may see of these cases; the reads of what is returned are logged."""
    shown = visible_cases(actor, meeting, item_ids)
    summaries = {
        case.pk: ItemSummary(
            title=_("Case %(number)s") % {"number": case.pk},
            subject=case.subject.display_name,
            status=str(CaseStatus(case.status).label),
            description=str(Situation(case.situation).label),
            version=case.version,
            decidable=False,
            decision=None,
        )
        for case in shown.values()
    }
    if shown:
        log_processing(
            activity=ACTIVITY,
            name=log_name,
            operation=Operation.READ,
            actor=actor,
            subjects=sorted({f"subject:{case.subject_id}" for case in shown.values()}),
            object_type="meeting",
            object_id=meeting.pk,
        )
    return summaries


SOURCE = AgendaSource(
    item_type=CASE_ITEM,
    meeting_kind=MeetingKind.CASE_CONFERENCE,
    activity=ACTIVITY,
    due=_due_items,
    describe=_describe,
)


def register() -> None:
    register_agenda_source(SOURCE)
