"""The work queue on each role's start page: counts that lead to the work (issue 13, point 1).

Every count is taken on the actor's own scope — the same list scopes the pages behind the
links use (``cases_visible_to``, ``signals_visible_to``, ``meetings_visible_to``,
``conferences_visible_to``, ``approval_scope``, ...) — so a count never tells a user that
something exists which they may not open.

Logging: the start page shows numbers, dates, municipality names and links, never a name of
a person or a case number. Counting is not reading a subject's data, so nothing here writes a
processing record; the pages behind the links log what they show. (The conference list makes
the same choice for dates and municipalities.) Whoever adds names or case numbers here must
log them as the list pages do.

Apps later in the import order than ``portal`` (the privacy officer's reviews) add their
counts through ``register_queue_source``, as meetings learn of agenda sources.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.facts import Actor
from access.grants import approval_scope, may_approve_grants
from access.signals import may_verify_intelligence_notice
from accounts.models import Membership, Role, User
from cases.actions import OPEN_STATUSES
from cases.gates import cases_visible_to
from cases.models import Action, Case
from cases.workflow import CaseStatus, Situation
from measures.mayor import measures_for_mayor
from measures.models import Intervention
from measures.workflow import IN_FORCE
from meetings.conferences import conferences_visible_to
from meetings.gates import meetings_visible_to
from meetings.models import Meeting
from reports import gates as report_gates
from reports.views_mayor import awaiting_escalations
from signals.gates import signals_facts, signals_visible_to
from signals.models import IntelligenceNotice
from signals.reading import VERIFICATION_STATUSES
from signals.workflow import Status as SignalStatus
from support.press import press_lines_awaiting_agreement
from tasks.gates import held_by
from tasks.models import Task, TaskStatus

# "Due soon": the coming seven days, today included, whatever the weekday.
SOON_DAYS = 7
# Memberships that end within this many days are shown to the administrator.
MEMBERSHIP_ENDING_DAYS = 30
# How many upcoming case conferences the process director's agenda lists.
AGENDA_ROWS = 5


# --- What the pages show. ------------------------------------------------------------------


@dataclass(frozen=True)
class TaskCounts:
    """Open tasks of the actor, in cases they still see (as on "Mijn taken")."""

    overdue: int = 0
    due_soon: int = 0
    open: int = 0


@dataclass(frozen=True)
class ActionCounts:
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class SituationCount:
    situation: str
    label: str
    count: int


@dataclass(frozen=True)
class UpcomingMeeting:
    """A weighing session or case conference: date, municipality and link, no names."""

    held_at: datetime
    municipality: str
    url: str
    agenda_items: int = 0


@dataclass(frozen=True)
class QueueCount:
    """A count a later app adds to a role's queue (see ``register_queue_source``)."""

    label: str
    count: int
    url: str
    # True when a count above zero asks for action; the page says so in words.
    needs_attention: bool = True


@dataclass(frozen=True)
class LeadQueue:
    signals_to_verify: int
    signals_overdue: int
    signals_awaiting_weighing: int
    cases_by_situation: list[SituationCount]
    cases_open: int
    tasks: TaskCounts
    # Overdue tasks of others (partners, colleagues) in the cases the lead directs.
    others_overdue_in_led_cases: int
    next_weighing: UpcomingMeeting | None
    next_conference: UpcomingMeeting | None
    measures_ending: int
    measure_warning_days: int
    # None when the lead does not approve grants in this installation (MEMBERSHIP_APPROVERS).
    grants_awaiting_approval: int | None
    # The lead does not review emergency accesses: the privacy officer does
    # (privacy:break_glass admits the privacy officer only), so the lead's queue has none.


@dataclass(frozen=True)
class PartnerQueue:
    tasks: TaskCounts
    actions: ActionCounts
    cases_open: int
    next_conference: UpcomingMeeting | None
    next_weighing: UpcomingMeeting | None
    # Draft council reports the partner's organisation is invited to explain (issue 14).
    reports_to_explain: int = 0


@dataclass(frozen=True)
class ProcessDirectorQueue:
    upcoming_conferences: list[UpcomingMeeting]
    upcoming_conference_count: int
    overdue_actions: int
    cases_open: int
    tasks: TaskCounts


@dataclass(frozen=True)
class MayorQueue:
    notices_to_verify: int
    escalations: int
    press_lines: int
    measures_awaiting_decision: int
    measures_ending: int
    measure_warning_days: int


@dataclass(frozen=True)
class PrivacyOfficerQueue:
    grants_awaiting_approval: int
    # Counts of the privacy app: emergency accesses to review, accounts marked on the usage
    # page (registered by privacy.work_queue).
    reviews: list[QueueCount] = field(default_factory=list)


@dataclass(frozen=True)
class AdminQueue:
    memberships_ending: int
    memberships_ending_days: int
    accounts_without_second_factor: int


WorkQueue = (
    LeadQueue | PartnerQueue | ProcessDirectorQueue | MayorQueue | PrivacyOfficerQueue | AdminQueue
)


# --- Counts of later apps. -----------------------------------------------------------------

QueueSource = Callable[[Actor, date], QueueCount]
_SOURCES: dict[str, list[QueueSource]] = {}


def register_queue_source(role: str, source: QueueSource) -> None:
    """Adds a count to ``role``'s queue; the source counts on the actor's scope itself."""
    sources = _SOURCES.setdefault(role, [])
    if source not in sources:
        sources.append(source)


def registered_counts(actor: Actor, today: date) -> list[QueueCount]:
    return [source(actor, today) for source in _SOURCES.get(actor.role, [])]


# --- Building blocks, each on the actor's scope. --------------------------------------------


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _visible_case_ids(actor: Actor) -> QuerySet[Case, Any]:
    """The ids of the cases the actor may see, as a subquery (the case list's scope)."""
    return cases_visible_to(actor).values("pk")


def task_counts(actor: Actor, today: date) -> TaskCounts:
    """The rule of "Mijn taken": own open tasks; a case task only while its case is visible."""
    soon_end = today + timedelta(days=SOON_DAYS - 1)
    counts = (
        Task.objects.filter(held_by(actor), status=TaskStatus.OPEN)
        .filter(Q(case__isnull=True) | Q(case__in=_visible_case_ids(actor)))
        .aggregate(
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            due_soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon_end)),
            open=Count("pk"),
        )
    )
    return TaskCounts(**counts)


def _open_actions(actor: Actor) -> QuerySet[Action]:
    return Action.objects.filter(status__in=OPEN_STATUSES, case__in=_visible_case_ids(actor))


def open_cases(actor: Actor) -> QuerySet[Case]:
    return Case.objects.filter(pk__in=_visible_case_ids(actor)).exclude(status=CaseStatus.CLOSED)


def cases_by_situation(actor: Actor) -> list[SituationCount]:
    rows = open_cases(actor).values("situation").annotate(n=Count("pk")).order_by()
    counts = {row["situation"]: row["n"] for row in rows}
    return [
        SituationCount(
            situation=situation.value, label=str(situation.label), count=counts[situation]
        )
        for situation in Situation
        if counts.get(situation)
    ]


def _upcoming(meetings: QuerySet[Meeting], today: date) -> QuerySet[Meeting]:
    """Meetings from the start of today on (one held this morning is still today's work),
    soonest first. Re-selected by id: the scopes are distinct() over joins."""
    return (
        Meeting.objects.filter(pk__in=meetings.values("pk"), held_at__gte=_start_of(today))
        .select_related("municipality")
        .order_by("held_at", "id")
    )


def _upcoming_meeting(meeting: Meeting, url_name: str) -> UpcomingMeeting:
    return UpcomingMeeting(
        held_at=meeting.held_at,
        municipality=meeting.municipality.name,
        url=reverse(url_name, args=[meeting.pk]),
        agenda_items=getattr(meeting, "item_count", 0),
    )


def _upcoming_conference(meeting: Meeting) -> UpcomingMeeting:
    return _upcoming_meeting(meeting, "conferences:detail")


def next_weighing(actor: Actor, today: date) -> UpcomingMeeting | None:
    meeting = _upcoming(meetings_visible_to(actor), today).first()
    return _upcoming_meeting(meeting, "meetings:detail") if meeting else None


def next_conference(actor: Actor, today: date) -> UpcomingMeeting | None:
    meeting = _upcoming(conferences_visible_to(actor), today).first()
    return _upcoming_conference(meeting) if meeting else None


def measures_ending(actor: Actor, today: date) -> int:
    horizon = today + timedelta(days=settings.MEASURE_END_WARNING_DAYS)
    return Intervention.objects.filter(
        case__in=_visible_case_ids(actor),
        state__in=IN_FORCE,
        end_on__gte=today,
        end_on__lte=horizon,
    ).count()


def grants_awaiting_approval(actor: Actor) -> int:
    """The approval list's rule (administration.gates.grants_awaiting_approval)."""
    return Membership.objects.pending().filter(approval_scope(actor)).count()


# --- One queue per role. --------------------------------------------------------------------


def lead_queue(actor: Actor, today: date) -> LeadQueue:
    signals = signals_visible_to(actor).aggregate(
        to_verify=Count("pk", filter=Q(status__in=VERIFICATION_STATUSES)),
        overdue=Count(
            "pk", filter=Q(status__in=VERIFICATION_STATUSES, verification_deadline__lt=today)
        ),
        awaiting=Count("pk", filter=Q(status=SignalStatus.AWAITING_WEIGHING)),
    )
    situations = cases_by_situation(actor)
    others_overdue = (
        Task.objects.filter(
            status=TaskStatus.OPEN,
            due_on__lt=today,
            case__lead_id=actor.user_id,
            case__in=_visible_case_ids(actor),
        )
        .exclude(owner_id=actor.user_id)
        .count()
    )
    return LeadQueue(
        signals_to_verify=signals["to_verify"],
        signals_overdue=signals["overdue"],
        signals_awaiting_weighing=signals["awaiting"],
        cases_by_situation=situations,
        cases_open=sum(row.count for row in situations),
        tasks=task_counts(actor, today),
        others_overdue_in_led_cases=others_overdue,
        next_weighing=next_weighing(actor, today),
        next_conference=next_conference(actor, today),
        measures_ending=measures_ending(actor, today),
        measure_warning_days=settings.MEASURE_END_WARNING_DAYS,
        grants_awaiting_approval=(
            grants_awaiting_approval(actor) if may_approve_grants(actor) else None
        ),
    )


def partner_queue(actor: Actor, today: date) -> PartnerQueue:
    actions = (
        _open_actions(actor)
        .filter(owner_id=actor.user_id)
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )
    return PartnerQueue(
        tasks=task_counts(actor, today),
        actions=ActionCounts(**actions),
        cases_open=open_cases(actor).count(),
        next_conference=next_conference(actor, today),
        next_weighing=next_weighing(actor, today),
        reports_to_explain=report_gates.reports_to_explain(actor).count(),
    )


def process_director_queue(actor: Actor, today: date) -> ProcessDirectorQueue:
    upcoming = _upcoming(conferences_visible_to(actor), today)
    rows = list(upcoming.annotate(item_count=Count("agenda_items"))[:AGENDA_ROWS])
    return ProcessDirectorQueue(
        upcoming_conferences=[_upcoming_conference(row) for row in rows],
        upcoming_conference_count=upcoming.count(),
        overdue_actions=_open_actions(actor).filter(due_on__lt=today).count(),
        cases_open=open_cases(actor).count(),
        tasks=task_counts(actor, today),
    )


def _notices_to_verify(actor: Actor) -> int:
    """Notices of the actor's municipality without a verification note that the rule lets
    the actor verify (the notice list of signals.views_notices, narrowed to the open ones)."""
    if actor.municipality_id is None:
        return 0
    notices = list(
        IntelligenceNotice.objects.select_related("signal__municipality").filter(
            signal__municipality_id=actor.municipality_id, verification_note=""
        )
    )
    facts = signals_facts([notice.signal for notice in notices])
    return sum(
        1 for notice in notices if may_verify_intelligence_notice(actor, facts[notice.signal_id])
    )


def mayor_queue(actor: Actor, today: date) -> MayorQueue:
    """What awaits the mayor: the mayor's dashboard's own queries, on the own municipality."""
    warning_days = settings.MEASURE_END_WARNING_DAYS
    try:
        municipality = report_gates.own_municipality(actor)
    except Http404:
        return MayorQueue(0, 0, 0, 0, 0, warning_days)
    decisions = awaiting_escalations(municipality)
    measures = measures_for_mayor(municipality).aggregate(
        ending=Count("pk", filter=Q(state__in=IN_FORCE)),
        awaiting=Count("pk", filter=~Q(state__in=IN_FORCE)),
    )
    return MayorQueue(
        notices_to_verify=_notices_to_verify(actor),
        # As on the dashboard: a case escalated twice at one conference counts once.
        escalations=len({(d.agenda_item.meeting_id, d.case_id) for d in decisions}),
        press_lines=press_lines_awaiting_agreement(municipality).count(),
        measures_awaiting_decision=measures["awaiting"],
        measures_ending=measures["ending"],
        measure_warning_days=warning_days,
    )


def privacy_officer_queue(actor: Actor, today: date) -> PrivacyOfficerQueue:
    return PrivacyOfficerQueue(
        grants_awaiting_approval=grants_awaiting_approval(actor),
        reviews=registered_counts(actor, today),
    )


def admin_queue(actor: Actor, today: date) -> AdminQueue:
    """Accounts only: the administrator manages every account of the installation (the user
    list is not scoped further) and sees nothing of cases or subjects."""
    horizon = today + timedelta(days=MEMBERSHIP_ENDING_DAYS)
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return AdminQueue(
        memberships_ending=Membership.objects.current()
        .filter(valid_until__isnull=False, valid_until__lte=horizon)
        .count(),
        memberships_ending_days=MEMBERSHIP_ENDING_DAYS,
        accounts_without_second_factor=User.objects.filter(is_active=True)
        .exclude(Exists(confirmed))
        .count(),
    )


QUEUES: dict[str, Callable[[Actor, date], WorkQueue]] = {
    Role.LEAD: lead_queue,
    Role.PARTNER: partner_queue,
    Role.PROCESS_DIRECTOR: process_director_queue,
    Role.MAYOR_OFFICE: mayor_queue,
    Role.PRIVACY_OFFICER: privacy_officer_queue,
    Role.ADMIN: admin_queue,
}


def queue_for(actor: Actor, *, today: date | None = None) -> WorkQueue | None:
    """The actor's work queue; None for a role without one (the intake desk)."""
    build = QUEUES.get(actor.role)
    if build is None:
        return None
    return build(actor, today or timezone.localdate())
