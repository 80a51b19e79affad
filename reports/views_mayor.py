"""The mayor's dashboard (issue 7, point 8): what the mayor's office of a municipality needs
to act on, without names.

- the suppressed aggregates of the running quarter (the same figures as the council report,
  reports.aggregates + reports.suppression);
- escalations of weighing sessions and case conferences to the local triangle that await
  the triangle's answer, each with the triangle meeting that has it on its agenda (or a
  button to put it on the next one's: meetings.triangle);
- press lines the local triangle still has to agree;
- measures the mayor decides on that ask for a decision now (measures.mayor).

The mayor's office has no access to cases (access.cases.may_view_case), so it sees counts,
conference dates, measure types and due dates only: no name, no case number. A viewer who
may see a case through the case gate (the municipality's lead, for the cases they direct)
also gets the case numbers as links; each case number shown is a read of that case's subject
and is logged as one. A page without case numbers shows nothing personal and logs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from access import roles as access_roles
from access.actor import request_actor
from access.facts import Actor
from access.signals import may_view_signal
from accounts.models import Municipality
from audit.models import Operation
from audit.services import log_processing
from cases.gates import ACTIVITY, case_facts, cases_visible_to, read_name
from cases.models import Case, ConferenceDecision
from conferences.triangle import awaiting_conference_escalations
from lib.access_rules import roles
from measures.mayor import measures_for_mayor
from measures.models import Intervention
from measures.workflow import IN_FORCE
from meetings import triangle as tri
from meetings.models import Meeting, MeetingKind
from reports import gates
from reports.aggregates import council_aggregates
from reports.periods import Period, quarter_period
from reports.suppression import PublishedAggregates, min_cell_threshold, suppress_aggregates
from signals.gates import log_signal_read, signals_facts
from signals.models import Signal, WeighingDecision
from signals.triangle import awaiting_weighing_escalations
from support.models import PressLine
from support.press import press_lines_awaiting_agreement

LOG_NAME = "reports.mayor_dashboard.read"


def running_quarter(today: date) -> Period:
    """The calendar quarter ``today`` falls in: the dashboards show it live."""
    return quarter_period(today.year, (today.month - 1) // 3 + 1)


def live_aggregates(municipality_ids: list[int], today: date) -> PublishedAggregates:
    """The running quarter's figures, suppressed exactly as in the council report."""
    quarter = running_quarter(today)
    raw = council_aggregates(municipality_ids, quarter.start, quarter.end)
    return suppress_aggregates(raw, min_cell_threshold())


# --- What the page shows. ------------------------------------------------------------------


@dataclass(frozen=True)
class CaseLink:
    """A case number the viewer may open (never a name)."""

    case_id: int
    url: str


@dataclass
class EscalationGroup:
    """The escalations of one case conference that still await the local triangle."""

    held_on: date
    count: int = 0
    cases: list[CaseLink] = field(default_factory=list)


@dataclass(frozen=True)
class EscalationRow:
    """One escalation awaiting the triangle: where it comes from, and its triangle meeting."""

    origin: str
    held_on: date
    item_type: str
    item_id: int
    # The triangle meeting that has it on its agenda; None when none has it yet.
    triangle: Meeting | None
    # Whether the viewer may put it on the agenda of the next triangle meeting (planned).
    schedulable: bool
    # (label, url) of the signal or case, only when the viewer may open it.
    link: tuple[str, str] | None = None


@dataclass
class MeasureTypeRow:
    """Per measure type: how many await a decision, how many end soon, the first end date."""

    name: str
    awaiting: int = 0
    ending: int = 0
    first_end: date | None = None


@dataclass(frozen=True)
class MeasureLink:
    name: str
    state: str
    end_on: date | None
    case: CaseLink


@dataclass(frozen=True)
class PressLineLink:
    valid_until: date
    url: str
    # None for a press line of the municipality itself (no case).
    case: CaseLink | None = None


@dataclass
class Dashboard:
    municipality: Municipality
    quarter: Period
    published: PublishedAggregates
    escalations: list[EscalationGroup]
    escalation_count: int
    press_line_count: int
    press_lines: list[PressLineLink]
    measure_types: list[MeasureTypeRow]
    measure_count: int
    measures: list[MeasureLink]
    # Cases whose number the page shows: each one is logged as a read of its subject.
    shown_cases: dict[int, Case] = field(default_factory=dict)
    # Every escalation awaiting the triangle, of weighing sessions and case conferences.
    escalation_rows: list[EscalationRow] = field(default_factory=list)
    weighing_escalation_count: int = 0
    next_triangle: Meeting | None = None
    # Signals whose number the page shows: each one is logged as a read of its subject.
    shown_signals: list[Signal] = field(default_factory=list)

    @property
    def shows_case_numbers(self) -> bool:
        return bool(self.shown_cases)

    @property
    def escalation_links(self) -> bool:
        """Whether the escalation table needs its column of case numbers."""
        return any(group.cases for group in self.escalations)


def awaiting_escalations(municipality: Municipality) -> list[ConferenceDecision]:
    """Decisions of case conferences to escalate to the local triangle that nothing has
    followed yet: not answered by the triangle, by a later conference or by closing the case
    (conferences.triangle)."""
    return list(awaiting_conference_escalations(municipality.pk))


def _link(case: Case, url: str, shown: dict[int, Case]) -> CaseLink:
    shown[case.pk] = case
    return CaseLink(case_id=case.pk, url=url)


def _escalation_groups(
    decisions: Iterable[ConferenceDecision], visible: set[int], shown: dict[int, Case]
) -> tuple[list[EscalationGroup], int]:
    groups: dict[int, EscalationGroup] = {}
    counted: set[tuple[int, int]] = set()
    for decision in decisions:
        meeting = decision.agenda_item.meeting
        key = (meeting.pk, decision.case_id)
        if key in counted:
            continue  # the same case escalated twice at one conference counts once
        counted.add(key)
        group = groups.setdefault(
            meeting.pk, EscalationGroup(held_on=timezone.localdate(meeting.held_at))
        )
        group.count += 1
        if decision.case_id in visible:
            url = reverse("cases:detail", args=[decision.case_id])
            group.cases.append(_link(decision.case, url, shown))
    return list(groups.values()), len(counted)


def _measure_rows(
    measures: Iterable[Intervention], visible: set[int], shown: dict[int, Case]
) -> tuple[list[MeasureTypeRow], list[MeasureLink]]:
    rows: dict[int, MeasureTypeRow] = {}
    links: list[MeasureLink] = []
    for measure in measures:
        row = rows.setdefault(
            measure.measure_type_id, MeasureTypeRow(name=str(measure.measure_type))
        )
        if measure.state in IN_FORCE:
            row.ending += 1
            if measure.end_on and (row.first_end is None or measure.end_on < row.first_end):
                row.first_end = measure.end_on
        else:
            row.awaiting += 1
        if measure.case_id in visible:
            url = reverse("measures:detail", args=[measure.case_id, measure.pk])
            links.append(
                MeasureLink(
                    name=str(measure.measure_type),
                    state=measure.get_state_display(),
                    end_on=measure.end_on,
                    case=_link(measure.case, url, shown),
                )
            )
    return sorted(rows.values(), key=lambda r: r.name), links


def _escalation_rows(
    actor: Actor,
    decisions: list[ConferenceDecision],
    weighed: list[WeighingDecision],
    visible: set[int],
    shown: dict[int, Case],
    upcoming: Meeting | None,
) -> tuple[list[EscalationRow], list[Signal]]:
    conference_triangles = tri.triangles_holding(
        tri.CONFERENCE_ESCALATION, [d.pk for d in decisions]
    )
    weighing_triangles = tri.triangles_holding(tri.WEIGHING_ESCALATION, [d.pk for d in weighed])
    rows: list[EscalationRow] = []

    def schedulable(held_at: datetime, triangle: Meeting | None) -> bool:
        return triangle is None and upcoming is not None and held_at <= upcoming.held_at

    for decision in decisions:
        meeting = decision.agenda_item.meeting
        link = None
        if decision.case_id in visible:
            url = reverse("cases:detail", args=[decision.case_id])
            _link(decision.case, url, shown)
            link = (str(_("Case %(number)s") % {"number": decision.case_id}), url)
        triangle = conference_triangles.get(decision.pk)
        rows.append(
            EscalationRow(
                origin=str(MeetingKind.CASE_CONFERENCE.label),
                held_on=timezone.localdate(meeting.held_at),
                item_type=tri.CONFERENCE_ESCALATION,
                item_id=decision.pk,
                triangle=triangle,
                schedulable=schedulable(meeting.held_at, triangle),
                link=link,
            )
        )
    facts = signals_facts([d.signal for d in weighed])
    shown_signals: list[Signal] = []
    for weighing in weighed:
        link = None
        if may_view_signal(actor, facts[weighing.signal_id]):
            shown_signals.append(weighing.signal)
            url = reverse("signals:detail", args=[weighing.signal_id])
            link = (str(_("Signal %(number)s") % {"number": weighing.signal_id}), url)
        triangle = weighing_triangles.get(weighing.pk)
        rows.append(
            EscalationRow(
                origin=str(MeetingKind.WEIGHING.label),
                held_on=timezone.localdate(weighing.meeting.held_at),
                item_type=tri.WEIGHING_ESCALATION,
                item_id=weighing.pk,
                triangle=triangle,
                schedulable=schedulable(weighing.meeting.held_at, triangle),
                link=link,
            )
        )
    rows.sort(key=lambda row: (row.held_on, row.item_type, row.item_id))
    return rows, shown_signals


def _press_line_url(line: PressLine) -> str:
    return reverse("support:press_detail", kwargs={"case_id": line.case_id, "line_id": line.pk})


def dashboard_for(actor: Actor, municipality: Municipality, *, today: date) -> Dashboard:
    """Everything the dashboard shows to ``actor``; case numbers only where the case gate
    lets the actor see the case."""
    decisions = awaiting_escalations(municipality)
    weighed = list(
        awaiting_weighing_escalations(municipality.pk).select_related("signal__municipality")
    )
    press_lines = list(press_lines_awaiting_agreement(municipality))
    measures = list(measures_for_mayor(municipality))
    candidates = (
        {d.case_id for d in decisions}
        | {line.case_id for line in press_lines if line.case_id is not None}
        | {m.case_id for m in measures}
    )
    # One query, the same gate as the case list: the mayor's office gets an empty set.
    visible = set(cases_visible_to(actor).filter(pk__in=candidates).values_list("pk", flat=True))
    shown: dict[int, Case] = {}
    groups, escalation_count = _escalation_groups(decisions, visible, shown)
    upcoming = tri.next_triangle(municipality.pk)
    rows, shown_signals = _escalation_rows(actor, decisions, weighed, visible, shown, upcoming)
    measure_types, measure_links = _measure_rows(measures, visible, shown)
    line_links = []
    for line in press_lines:
        if line.case is None:
            # The municipality's own lines name nobody; both readers of this page keep them.
            url = reverse("press:detail", kwargs={"line_id": line.pk})
            line_links.append(PressLineLink(valid_until=line.valid_until, url=url))
        elif line.case_id in visible:
            url = _press_line_url(line)
            case_link = _link(line.case, url, shown)
            line_links.append(PressLineLink(valid_until=line.valid_until, url=url, case=case_link))
    quarter = running_quarter(today)
    return Dashboard(
        municipality=municipality,
        quarter=quarter,
        published=live_aggregates([municipality.pk], today),
        escalations=groups,
        escalation_count=escalation_count,
        press_line_count=len(press_lines),
        press_lines=line_links,
        measure_types=measure_types,
        measure_count=len(measures),
        measures=measure_links,
        shown_cases=shown,
        escalation_rows=rows,
        weighing_escalation_count=len(weighed),
        next_triangle=upcoming,
        shown_signals=shown_signals,
    )


def log_shown_cases(actor: Actor, municipality: Municipality, cases: Iterable[Case]) -> None:
    """One read per subject whose case number is on the page; a case seen only through
    emergency access is marked as such, as on the case pages."""
    by_name: dict[str, list[str]] = {}
    for case in cases:
        name = read_name(actor, case_facts(case), LOG_NAME)
        by_name.setdefault(name, []).append(f"subject:{case.subject_id}")
    for name, subjects in by_name.items():
        log_processing(
            activity=ACTIVITY,
            name=name,
            operation=Operation.READ,
            actor=actor,
            subjects=subjects,
            object_type="municipality",
            object_id=municipality.pk,
        )


@roles(access_roles.MAYOR_DASHBOARD_READERS)
def mayor_dashboard_view(request: HttpRequest) -> HttpResponse:
    """The dashboard of the viewer's own municipality; other roles get 404 (access rule)."""
    actor = request_actor(request)
    # The same gate as the council reports: the own municipality, through the policy.
    municipality = gates.own_municipality(actor)
    dashboard = dashboard_for(actor, municipality, today=timezone.localdate())
    if dashboard.shows_case_numbers:
        log_shown_cases(actor, municipality, dashboard.shown_cases.values())
    if dashboard.shown_signals:
        log_signal_read(actor, dashboard.shown_signals, name=LOG_NAME)
    context = {
        "dashboard": dashboard,
        "municipality": municipality,
        "published": dashboard.published,
        "warning_days": settings.MEASURE_END_WARNING_DAYS,
    }
    return render(request, "reports/mayor_dashboard.html", context)
