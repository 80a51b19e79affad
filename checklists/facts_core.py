"""Fact providers for what cases, conferences and measures record (registered in apps.py).

Each finder returns the earliest record that fulfils an item, with when and by whom; each
linker gives the record's page only when the viewer may open it, asked of the one policy.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from access.cases import may_view_case
from access.facts import Actor, CaseFacts
from access.meetings import may_view_conference
from cases.models import Case, ConferenceDecision, PlanVersion
from checklists.facts import Fact, FactKind, FactProvider, case_of_attribute
from measures.models import Intervention, InterventionEvent
from measures.workflow import InterventionState
from meetings.conferences import CASE_ITEM, conference_facts
from meetings.models import AgendaItem, Meeting, MeetingKind

# "Requested or in force": from the request to the competent authority until it ends.
REQUESTED_OR_IN_FORCE = (
    InterventionState.REQUESTED,
    InterventionState.INTENT_NOTIFIED,
    InterventionState.DECIDED,
    InterventionState.ACTIVE,
    InterventionState.EXTENDED,
)


def start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Plan of approach agreed (a version agreed on or after the event date). ---


def find_plan(case: Case, parameter: str, since: date) -> Fact | None:
    version = (
        PlanVersion.objects.filter(case=case, agreed_at__gte=start_of(since))
        .select_related("agreed_by")
        .order_by("agreed_at", "id")
        .first()
    )
    if version is None:
        return None
    return Fact(
        object_type="plan_version",
        object_id=version.pk,
        at=version.agreed_at,
        actor=version.agreed_by,
        detail=f"v{version.number}",
    )


def link_plan(actor: Actor, case: Case, facts: CaseFacts, object_id: int) -> str | None:
    if not may_view_case(actor, facts):
        return None
    return reverse("cases:plan", kwargs={"case_id": case.pk})


# --- A measure of a given type requested or in force. ---


def find_measure(case: Case, parameter: str, since: date) -> Fact | None:
    intervention = (
        Intervention.objects.filter(
            case=case, measure_type__code=parameter, state__in=REQUESTED_OR_IN_FORCE
        )
        .select_related("measure_type", "created_by")
        .order_by("created_at", "id")
        .first()
    )
    if intervention is None:
        return None
    step = (
        InterventionEvent.objects.filter(
            intervention=intervention, to_state__in=REQUESTED_OR_IN_FORCE
        )
        .select_related("actor")
        .order_by("at", "id")
        .first()
    )
    return Fact(
        object_type="intervention",
        object_id=intervention.pk,
        at=step.at if step else intervention.created_at,
        actor=step.actor if step else intervention.created_by,
        detail=intervention.measure_type.name,
    )


def link_measure(actor: Actor, case: Case, facts: CaseFacts, object_id: int) -> str | None:
    if not may_view_case(actor, facts):
        return None
    return reverse("measures:detail", kwargs={"case_id": case.pk, "intervention_id": object_id})


# --- A case conference held on or after the event date, with the case on its agenda. ---


def find_conference(case: Case, parameter: str, since: date) -> Fact | None:
    on_agenda = AgendaItem.objects.filter(item_type=CASE_ITEM, item_id=case.pk).values("meeting_id")
    meeting = (
        Meeting.objects.filter(
            pk__in=on_agenda,
            kind=MeetingKind.CASE_CONFERENCE,
            held_at__gte=start_of(since),
            held_at__lte=timezone.now(),
        )
        .select_related("chair")
        .order_by("held_at", "id")
        .first()
    )
    if meeting is None:
        return None
    return Fact(
        object_type="meeting",
        object_id=meeting.pk,
        at=meeting.held_at,
        actor=meeting.chair,
        detail=timezone.localtime(meeting.held_at).date().isoformat(),
    )


def link_conference(actor: Actor, case: Case, facts: CaseFacts, object_id: int) -> str | None:
    meeting = (
        Meeting.objects.select_related("municipality")
        .prefetch_related("attendees")
        .filter(pk=object_id, kind=MeetingKind.CASE_CONFERENCE)
        .first()
    )
    if meeting is None:
        return None
    if not may_view_conference(actor, conference_facts(meeting)):
        return None
    return reverse("conferences:detail", kwargs={"meeting_id": meeting.pk})


def _agenda_case(item: AgendaItem) -> list[int]:
    return [int(item.item_id)] if item.item_type == CASE_ITEM else []


def register_core_providers() -> None:
    from checklists.facts import register_fact_provider

    register_fact_provider(
        FactProvider(
            kind=FactKind.PLAN_AGREED,
            find=find_plan,
            link=link_plan,
            triggers=((PlanVersion, case_of_attribute),),
        )
    )
    register_fact_provider(
        FactProvider(
            kind=FactKind.MEASURE_REQUESTED,
            find=find_measure,
            link=link_measure,
            triggers=(
                (Intervention, case_of_attribute),
                (InterventionEvent, lambda event: [event.intervention.case_id]),
            ),
        )
    )
    register_fact_provider(
        FactProvider(
            kind=FactKind.CONFERENCE_HELD,
            find=find_conference,
            link=link_conference,
            # A conference's decisions and agenda are saved as it is held; the daily sweep
            # and the checklist page catch one whose date passes without either.
            triggers=((ConferenceDecision, case_of_attribute), (AgendaItem, _agenda_case)),
        )
    )
