"""Raw counts for the council report (issue 7, point 6): counts only, never a person.

``council_aggregates`` answers, for one or more municipalities and a period, how many
signals, cases and interventions there were, broken down into the tables of ``TABLES``, and
the same for the previous period (the trend). Every figure is one aggregate query; no name,
case number or date of an individual event leaves this module.

These are *raw* counts: they may hold small numbers that identify people. Only
``reports.suppression.suppress_aggregates`` turns them into something that may be shown.

What is counted (the period runs from its first day 00:00 to its last day 24:00, local time):

- signals: received in the period (merged duplicates left out), by the outcome of their
  latest weighing decided before the period ended ("not yet weighed" when there is none),
  and by type of concern;
- cases: open at some moment in the period (opened before its end, not closed before its
  start), by situation and status as they stood at the end of the period (read back from
  the case's timeline), and by age band of the subject (age = year of the period's end minus
  year of birth). A death that was reported but not confirmed at the end of the period is
  not counted as a death: the case counts in the situation it had before the report (issue
  14, point 6), so the table has no row that would single out such a report;
- interventions: in force at some moment in the period (started on or before its last day,
  not ended before its first day), by regime of the measure;
- returns: changes of situation to "returned" in the period, by the motive recorded with
  them (issue 14, point 7; "not recorded" for returns from before the motive was asked). Going
  back to "returned" from a death report that proved wrong is not a return;
- intended travel that ended: changes of situation away from "intends to travel" in the
  period, by how it ended (travel prevented, intention given up, departed; "not recorded"
  for one that ended otherwise, e.g. by death, or before the outcome was asked). A death
  reported during intended travel ends it only when it is confirmed: it counts in the period
  of the confirmation; a report that proved wrong ends nothing.

Returns and ended intentions are events, not people: someone who returned twice in one
period counts twice. Each is its own population for the small-cell protection.

Reading the state "as it stood at the end of the period" makes a report of an ended period
come out the same whenever it is generated (until retention destroys data).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Case as Choose
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseEvent
from cases.workflow import CaseStatus, ReturnMotive, Situation, TravelOutcome
from measures.models import Intervention
from measures.workflow import Regime
from meetings.weighing import Outcome
from reports.periods import Period
from signals.models import ConcernType, Signal, WeighingDecision
from signals.workflow import Status as SignalStatus

# Populations: tables of one population share its total (a reader can add them up), so the
# suppression treats them together.
SIGNALS = "signals"
CASES = "cases"
INTERVENTIONS = "interventions"
RETURNS = "returns"
TRAVEL = "travel"
POPULATIONS: dict[str, Promise] = {
    SIGNALS: _("signals"),
    CASES: _("cases"),
    INTERVENTIONS: _("interventions"),
    RETURNS: _("returns"),
    TRAVEL: _("ended intentions to travel"),
}

NOT_WEIGHED = "not_weighed"
UNDER_18 = "under_18"
AGE_18_23 = "18_23"
AGE_24_PLUS = "24_plus"
AGE_UNKNOWN = "unknown"
NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class TableSpec:
    key: str
    title: Promise
    population: str
    rows: tuple[tuple[str, Promise], ...]

    def label(self, row_key: str) -> str:
        return str(dict(self.rows).get(row_key, row_key))


def _choices(choices: Iterable[tuple[str, Promise]]) -> tuple[tuple[str, Promise], ...]:
    return tuple((str(value), label) for value, label in choices)


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "signals_by_outcome",
        _("Signals by outcome of the weighing"),
        SIGNALS,
        (*_choices(Outcome.choices), (NOT_WEIGHED, _("not yet weighed"))),
    ),
    TableSpec(
        "signals_by_concern",
        _("Signals by type of concern"),
        SIGNALS,
        _choices(ConcernType.choices),
    ),
    TableSpec(
        "cases_by_situation",
        _("Cases by situation at the end of the period"),
        CASES,
        # An unconfirmed death report has no row: such a case counts as it stood before.
        _choices(c for c in Situation.choices if c[0] != Situation.REPORTED_DECEASED),
    ),
    TableSpec(
        "cases_by_status",
        _("Cases by status at the end of the period"),
        CASES,
        _choices(CaseStatus.choices),
    ),
    TableSpec(
        "cases_by_age",
        _("Cases by age of the person at the end of the period"),
        CASES,
        (
            (UNDER_18, _("under 18")),
            (AGE_18_23, _("18 to 23")),
            (AGE_24_PLUS, _("24 and older")),
            (AGE_UNKNOWN, _("age unknown")),
        ),
    ),
    TableSpec(
        "interventions_by_regime",
        _("Interventions in force, by regime"),
        INTERVENTIONS,
        _choices(Regime.choices),
    ),
    TableSpec(
        "returns_by_motive",
        _("Returns in the period, by motive"),
        RETURNS,
        (*_choices(ReturnMotive.choices), (NOT_RECORDED, _("motive not recorded"))),
    ),
    TableSpec(
        "travel_by_outcome",
        _("Intended travel that ended in the period, by outcome"),
        TRAVEL,
        (*_choices(TravelOutcome.choices), (NOT_RECORDED, _("other or not recorded"))),
    ),
)
TABLE_SPECS: dict[str, TableSpec] = {spec.key: spec for spec in TABLES}


@dataclass(frozen=True)
class Table:
    """One raw table: a count per row (in the fixed row order of its spec) and the total."""

    key: str
    counts: tuple[tuple[str, int], ...]

    @property
    def spec(self) -> TableSpec:
        return TABLE_SPECS[self.key]

    @property
    def population(self) -> str:
        return self.spec.population

    @property
    def total(self) -> int:
        return sum(count for _key, count in self.counts)

    def as_mapping(self) -> dict[str, int]:
        return dict(self.counts)


@dataclass(frozen=True)
class PeriodFigures:
    start: date
    end: date
    tables: tuple[Table, ...]

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    def population_total(self, population: str) -> int:
        return next(t.total for t in self.tables if t.population == population)


@dataclass(frozen=True)
class Aggregates:
    """Raw counts of a period and of the period before it. Never shown as they are."""

    municipality_ids: tuple[int, ...]
    current: PeriodFigures
    previous: PeriodFigures


def _table(key: str, counts: Mapping[Any, int]) -> Table:
    spec = TABLE_SPECS[key]
    return Table(key=key, counts=tuple((row, int(counts.get(row, 0))) for row, _ in spec.rows))


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _counts(queryset: QuerySet[Any], field: str) -> dict[Any, int]:
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return dict(rows)


def _signal_tables(ids: list[int], begin: datetime, finish: datetime) -> list[Table]:
    signals = Signal.objects.filter(
        municipality_id__in=ids, received_at__gte=begin, received_at__lt=finish
    ).exclude(status=SignalStatus.MERGED)
    latest_outcome = (
        WeighingDecision.objects.filter(signal=OuterRef("pk"), decided_at__lt=finish)
        .order_by("-decided_at", "-id")
        .values("outcome")[:1]
    )
    by_outcome = _counts(
        signals.annotate(
            outcome_at_end=Coalesce(
                Subquery(latest_outcome, output_field=CharField()),
                Value(NOT_WEIGHED),
                output_field=CharField(),
            )
        ),
        "outcome_at_end",
    )
    return [
        _table("signals_by_outcome", by_outcome),
        _table("signals_by_concern", _counts(signals, "concern_type")),
    ]


def _value_at(kind: str, field: str, finish: datetime) -> Coalesce:
    """A case's situation or status at ``finish``: the last change before it, else what the
    first change after it changed from, else (never changed) the current value."""
    before = (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind=kind, at__lt=finish)
        .order_by("-at", "-id")
        .values("to_value")[:1]
    )
    after = (
        CaseEvent.objects.filter(case=OuterRef("pk"), kind=kind, at__gte=finish)
        .order_by("at", "id")
        .values("from_value")[:1]
    )
    return Coalesce(
        Subquery(before, output_field=CharField()),
        Subquery(after, output_field=CharField()),
        F(field),
        output_field=CharField(),
    )


def _with_situation_at_end(cases: QuerySet[Case], finish: datetime) -> QuerySet[Case]:
    """The cases with ``at_end``, their situation at ``finish`` as the report counts it: a
    death reported but not confirmed by then counts as the situation before the report."""
    before_report = (
        CaseEvent.objects.filter(
            case=OuterRef("pk"),
            kind=CaseEvent.Kind.SITUATION,
            to_value=Situation.REPORTED_DECEASED,
            at__lt=finish,
        )
        .order_by("-at", "-id")
        .values("from_value")[:1]
    )
    return cases.annotate(
        recorded_at_end=_value_at(CaseEvent.Kind.SITUATION, "situation", finish)
    ).annotate(
        at_end=Choose(
            When(
                recorded_at_end=Situation.REPORTED_DECEASED,
                then=Subquery(before_report, output_field=CharField()),
            ),
            default=F("recorded_at_end"),
            output_field=CharField(),
        )
    )


def _case_tables(ids: list[int], begin: datetime, finish: datetime, end: date) -> list[Table]:
    closed_before = CaseEvent.objects.filter(
        case=OuterRef("pk"),
        kind=CaseEvent.Kind.STATUS,
        to_value=CaseStatus.CLOSED,
        at__lt=begin,
    )
    cases = Case.objects.filter(municipality_id__in=ids, opened_at__lt=finish).exclude(
        Exists(closed_before)
    )
    situation = _counts(_with_situation_at_end(cases, finish), "at_end")
    status = _counts(
        cases.annotate(at_end=_value_at(CaseEvent.Kind.STATUS, "status", finish)), "at_end"
    )
    year = end.year
    born = "subject__birth_year"
    ages = cases.order_by().aggregate(
        **{
            UNDER_18: Count("pk", filter=Q(**{f"{born}__gt": year - 18})),
            AGE_18_23: Count(
                "pk", filter=Q(**{f"{born}__lte": year - 18, f"{born}__gte": year - 23})
            ),
            AGE_24_PLUS: Count("pk", filter=Q(**{f"{born}__lt": year - 23})),
            AGE_UNKNOWN: Count("pk", filter=Q(**{f"{born}__isnull": True})),
        }
    )
    return [
        _table("cases_by_situation", situation),
        _table("cases_by_status", status),
        _table("cases_by_age", ages),
    ]


def _intervention_tables(ids: list[int], start: date, end: date) -> list[Table]:
    interventions = Intervention.objects.filter(
        case__municipality_id__in=ids, start_on__isnull=False, start_on__lte=end
    ).filter(Q(end_on__isnull=True) | Q(end_on__gte=start))
    return [_table("interventions_by_regime", _counts(interventions, "measure_type__regime"))]


def _left() -> Choose:
    """The situation a change left, as the outcome tables count it: the confirmation of a
    death left the situation the case had before the report (it ends an intention to travel
    then, not when the unconfirmed report came)."""
    reported_from = (
        CaseEvent.objects.filter(
            case=OuterRef("case"),
            kind=CaseEvent.Kind.SITUATION,
            to_value=Situation.REPORTED_DECEASED,
            at__lte=OuterRef("at"),
            id__lt=OuterRef("id"),
        )
        .order_by("-at", "-id")
        .values("from_value")[:1]
    )
    return Choose(
        When(
            from_value=Situation.REPORTED_DECEASED,
            to_value=Situation.DECEASED,
            then=Subquery(reported_from, output_field=CharField()),
        ),
        default=F("from_value"),
        output_field=CharField(),
    )


def _outcome_tables(ids: list[int], begin: datetime, finish: datetime) -> list[Table]:
    """Returns by motive and ended intentions to travel by outcome, in one grouped query
    over the situation changes of the period. An unconfirmed death report is neither: the
    way back from it is no return, and a report ends no intention until it is confirmed."""
    reported = Situation.REPORTED_DECEASED
    rows = (
        CaseEvent.objects.filter(
            case__municipality_id__in=ids,
            kind=CaseEvent.Kind.SITUATION,
            at__gte=begin,
            at__lt=finish,
        )
        .annotate(left=_left())
        .filter(
            (Q(to_value=Situation.RETURNED) & ~Q(from_value=reported))
            | (Q(left=Situation.INTENDS_TO_TRAVEL) & ~Q(to_value=reported))
        )
        .order_by()
        .values("left", "to_value", "return_motive", "travel_outcome")
        .annotate(n=Count("pk"))
    )
    motives: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    for row in rows:
        if row["to_value"] == Situation.RETURNED and row["left"] != reported:
            key = row["return_motive"] or NOT_RECORDED
            motives[key] = motives.get(key, 0) + row["n"]
        if row["left"] == Situation.INTENDS_TO_TRAVEL and row["to_value"] != reported:
            key = row["travel_outcome"] or NOT_RECORDED
            outcomes[key] = outcomes.get(key, 0) + row["n"]
    return [_table("returns_by_motive", motives), _table("travel_by_outcome", outcomes)]


def period_figures(municipality_ids: list[int], start: date, end: date) -> PeriodFigures:
    """Raw counts of one period (first and last day inclusive)."""
    begin = _moment(start)
    finish = _moment(end + timedelta(days=1))
    tables = (
        _signal_tables(municipality_ids, begin, finish)
        + _case_tables(municipality_ids, begin, finish, end)
        + _intervention_tables(municipality_ids, start, end)
        + _outcome_tables(municipality_ids, begin, finish)
    )
    order = {spec.key: index for index, spec in enumerate(TABLES)}
    return PeriodFigures(
        start=start, end=end, tables=tuple(sorted(tables, key=lambda t: order[t.key]))
    )


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of equal length just before: the previous quarter or year for a calendar
    block, otherwise the same number of days."""
    period = Period(start=start, end=end)
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if (months == 3 and start.month % 3 == 1) or (months == 12 and start.month == 1):
            before = period.previous()
            return before.start, before.end
    length = end - start
    previous_end = start - timedelta(days=1)
    return previous_end - length, previous_end


def council_aggregates(municipality_ids: list[int], start: date, end: date) -> Aggregates:
    """Raw counts for the municipalities in the period and in the period before it."""
    ids = sorted(set(municipality_ids))
    previous_start, previous_end = previous_period(start, end)
    return Aggregates(
        municipality_ids=tuple(ids),
        current=period_figures(ids, start, end),
        previous=period_figures(ids, previous_start, previous_end),
    )
