"""Small-cell protection: turns raw counts into figures that may be published.

The rule in plain words is in docs/reports.md. In short, for a threshold t (setting
``COUNCIL_REPORT_MIN_CELL``, default 10, never below 5):

1. Primary suppression: every count from 1 to t-1 is shown as "< t". Zero is shown as 0.
   A total from 1 to t-1 is shown as "< t" as well.
2. Complementary suppression: a reader who knows the rule can still reason. Shown figures
   are exact, a "< t" cell lies between 1 and t-1, a hidden cell between 0 and anything, and
   all tables of one population (the signal tables, the case tables) add up to the same
   total. ``attacker_intervals`` works out, exactly, the range each hidden figure could still
   have. While any hidden figure (or hidden total) has only one possible value, one more cell
   of the table it sits in is hidden as "hidden": the smallest non-zero cell first, then a
   zero cell, then the total of the population (also a "< t" total, whose upper bound can
   give the cells away); the loop ends when every hidden figure has at least two possible
   values.
3. Totals: a shown total is the true total. Shown cells of a table never add up to more
   than it, and add up to exactly it when nothing in the table is hidden.

Periods do the rest (reports.periods): two reports are either about the same block or about
disjoint blocks, so subtracting reports yields nothing either.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reports.aggregates import (
    POPULATIONS,
    TABLE_SPECS,
    TABLES,
    Aggregates,
    PeriodFigures,
    Table,
    TableSpec,
)
from reports.periods import Period

MINIMUM_THRESHOLD = 5
DEFAULT_THRESHOLD = 10

SHOWN = "shown"
SMALL = "small"  # primary: 1..t-1, shown as "< t"
HIDDEN = "hidden"  # complementary: hidden so that no small figure can be worked out

INFINITY = math.inf


def min_cell_threshold() -> int:
    """The threshold of this installation; a misconfiguration stops it from starting a report."""
    value = getattr(settings, "COUNCIL_REPORT_MIN_CELL", DEFAULT_THRESHOLD)
    try:
        validate_threshold(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"COUNCIL_REPORT_MIN_CELL: {error}") from None
    return int(value)


def validate_threshold(value: object) -> None:
    """A threshold below 5 protects too little to publish anything (docs/reports.md)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < MINIMUM_THRESHOLD:
        raise ValueError(f"The threshold must be a whole number of at least {MINIMUM_THRESHOLD}.")


# --- Published figures. --------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedCell:
    key: str
    label: str
    value: int | None  # None unless shown
    state: str
    threshold: int

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def display(self) -> str:
        if self.state == SHOWN:
            return str(self.value)
        if self.state == SMALL:
            return f"< {self.threshold}"
        return _("hidden")


@dataclass(frozen=True)
class Bar:
    """One bar of a server-rendered SVG chart (coordinates in SVG user units)."""

    label: str
    display: str
    y: int
    width: int
    shown: bool

    @property
    def text_y(self) -> int:
        return self.y + 15

    @property
    def value_x(self) -> int:
        return CHART_LABEL_WIDTH + self.width + 6


CHART_LABEL_WIDTH = 230
CHART_BAR_AREA = 300
CHART_ROW = 28


@dataclass(frozen=True)
class PublishedTable:
    key: str
    cells: tuple[PublishedCell, ...]
    total: PublishedCell

    @property
    def spec(self) -> TableSpec:
        return TABLE_SPECS[self.key]

    @property
    def title(self) -> str:
        return str(self.spec.title)

    @property
    def population(self) -> str:
        return self.spec.population

    @property
    def has_suppression(self) -> bool:
        return any(not cell.shown for cell in (*self.cells, self.total))

    @property
    def chart_height(self) -> int:
        return CHART_ROW * len(self.cells) + 8

    @property
    def chart_bar_x(self) -> int:
        return CHART_LABEL_WIDTH

    @property
    def bars(self) -> list[Bar]:
        """Bars for shown figures only; a hidden figure gets its text, never a length."""
        largest = max([cell.value or 0 for cell in self.cells if cell.shown] + [1])
        return [
            Bar(
                label=cell.label,
                display=cell.display,
                y=4 + index * CHART_ROW,
                width=round(CHART_BAR_AREA * (cell.value or 0) / largest) if cell.shown else 0,
                shown=cell.shown,
            )
            for index, cell in enumerate(self.cells)
        ]


@dataclass(frozen=True)
class PublishedPeriod:
    start: date
    end: date
    tables: tuple[PublishedTable, ...]

    def table(self, key: str) -> PublishedTable:
        return next(table for table in self.tables if table.key == key)

    def total(self, population: str) -> PublishedCell:
        return next(t.total for t in self.tables if t.population == population)

    def has(self, population: str) -> bool:
        """Reports stored before a population was counted do not hold its tables."""
        return any(t.population == population for t in self.tables)


def period_label(start: date, end: date) -> str:
    if start.day == 1 and start.month in (1, 4, 7, 10) and end.day in (30, 31):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months in (3, 12):
            return Period(start=start, end=end).label
    return _("%(start)s to %(end)s") % {"start": date_format(start), "end": date_format(end)}


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    now: str
    before: str


@dataclass(frozen=True)
class Comparison:
    """One table of the period next to the same table of the previous period."""

    table: PublishedTable
    rows: tuple[ComparisonRow, ...]
    total: ComparisonRow


@dataclass(frozen=True)
class PublishedAggregates:
    """What may be shown: suppressed figures of a period and of the period before it."""

    municipality_ids: tuple[int, ...]
    threshold: int
    current: PublishedPeriod
    previous: PublishedPeriod

    @property
    def current_label(self) -> str:
        return period_label(self.current.start, self.current.end)

    @property
    def previous_label(self) -> str:
        return period_label(self.previous.start, self.previous.end)

    @property
    def comparisons(self) -> list[Comparison]:
        result = []
        for now in self.current.tables:
            before = self.previous.table(now.key)
            rows = tuple(
                ComparisonRow(a.label, a.display, b.display)
                for a, b in zip(now.cells, before.cells, strict=True)
            )
            total = ComparisonRow(now.total.label, now.total.display, before.total.display)
            result.append(Comparison(table=now, rows=rows, total=total))
        return result

    @property
    def trend(self) -> list[str]:
        """The trend against the previous period in words, from published totals only."""
        sentences = []
        for population, name in POPULATIONS.items():
            if not (self.current.has(population) and self.previous.has(population)):
                continue
            now = self.current.total(population)
            before = self.previous.total(population)
            if not (now.shown and before.shown):
                sentences.append(
                    _(
                        "The number of %(things)s cannot be compared with the previous period, "
                        "because small numbers are not shown."
                    )
                    % {"things": name}
                )
                continue
            values = {"things": name, "now": now.value, "before": before.value}
            if (now.value or 0) > (before.value or 0):
                text = _("More %(things)s than in the previous period: %(now)s against %(before)s.")
            elif (now.value or 0) < (before.value or 0):
                text = _(
                    "Fewer %(things)s than in the previous period: %(now)s against %(before)s."
                )
            else:
                text = _("As many %(things)s as in the previous period: %(now)s.")
            sentences.append(text % values)
        return sentences

    def to_json(self) -> dict[str, Any]:
        """Only what is published: a hidden figure is stored without its value."""
        return {
            "threshold": self.threshold,
            "municipality_ids": list(self.municipality_ids),
            "current": _period_json(self.current),
            "previous": _period_json(self.previous),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PublishedAggregates:
        threshold = int(data["threshold"])
        return cls(
            municipality_ids=tuple(data["municipality_ids"]),
            threshold=threshold,
            current=_period_from_json(data["current"], threshold),
            previous=_period_from_json(data["previous"], threshold),
        )


def _cell_json(cell: PublishedCell) -> dict[str, Any]:
    return {"key": cell.key, "state": cell.state, "value": cell.value if cell.shown else None}


def _period_json(period: PublishedPeriod) -> dict[str, Any]:
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "tables": [
            {
                "key": table.key,
                "cells": [_cell_json(cell) for cell in table.cells],
                "total": _cell_json(table.total),
            }
            for table in period.tables
        ],
    }


def _cell_from_json(data: dict[str, Any], spec: TableSpec, threshold: int) -> PublishedCell:
    key = str(data["key"])
    label = _("Total") if key == "total" else spec.label(key)
    value = data["value"] if data["state"] == SHOWN else None
    return PublishedCell(key, label, value, str(data["state"]), threshold)


def _period_from_json(data: dict[str, Any], threshold: int) -> PublishedPeriod:
    tables = []
    for table in data["tables"]:
        spec = TABLE_SPECS[table["key"]]
        tables.append(
            PublishedTable(
                key=spec.key,
                cells=tuple(_cell_from_json(cell, spec, threshold) for cell in table["cells"]),
                total=_cell_from_json(table["total"], spec, threshold),
            )
        )
    return PublishedPeriod(
        start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(data["end"]),
        tables=tuple(tables),
    )


# --- What a reader can work out. -----------------------------------------------------------


Interval = tuple[float, float]


def cell_range(state: str, value: int | None, threshold: int) -> Interval:
    """What a reader knows of one figure from how it is shown."""
    if state == SHOWN:
        assert value is not None
        return (value, value)
    if state == SMALL:
        return (1, threshold - 1)
    return (0, INFINITY)


def attacker_intervals(
    tables: Sequence[Sequence[Interval]], total: Interval
) -> tuple[list[list[Interval]], Interval]:
    """The exact range of every figure of a population, given what is shown.

    The tables share one unknown total N and are otherwise independent; each says only
    that its cells add up to N. Then N's feasible range is the intersection of the total's
    own range with [sum of lows, sum of highs] of every table, and each cell's range is
    N's range minus what the other cells of its table can add up to. (For one sum over
    boxes of whole numbers every value in between is reachable, so this is exact.)
    """
    low, high = total
    for cells in tables:
        low = max(low, sum(lo for lo, _hi in cells))
        high = min(high, sum(hi for _lo, hi in cells))
    result = []
    for cells in tables:
        sum_low = sum(lo for lo, _hi in cells)
        sum_high = sum(hi for _lo, hi in cells)
        ranges = []
        for lo, hi in cells:
            others_low = sum_low - lo
            others_high = sum_high - hi if hi != INFINITY else _sum_except_one_infinite(cells)
            ranges.append((max(lo, low - others_high), min(hi, high - others_low)))
        result.append(ranges)
    return result, (low, high)


def _sum_except_one_infinite(cells: Sequence[Interval]) -> float:
    """The sum of the highs of the other cells when this cell's high is infinite."""
    highs = [hi for _lo, hi in cells]
    highs.remove(INFINITY)
    return sum(highs)


def _pinned(interval: Interval) -> bool:
    """A figure a reader can work out: only one value is possible."""
    return interval[0] >= interval[1]


def _suppress_population(tables: Sequence[Table], threshold: int) -> tuple[list[list[str]], str]:
    counts = [[count for _key, count in table.counts] for table in tables]
    total = tables[0].total
    total_state = SMALL if 1 <= total < threshold else SHOWN
    states = [[SMALL if 1 <= count < threshold else SHOWN for count in row] for row in counts]

    def pinned_tables() -> tuple[list[int], bool]:
        ranges = [
            [cell_range(s, c, threshold) for s, c in zip(row_states, row, strict=True)]
            for row_states, row in zip(states, counts, strict=True)
        ]
        cells, total_range = attacker_intervals(ranges, cell_range(total_state, total, threshold))
        pinned = [
            index
            for index, row in enumerate(cells)
            if any(_pinned(r) for r, s in zip(row, states[index], strict=True) if s != SHOWN)
        ]
        return pinned, total_state != SHOWN and _pinned(total_range)

    def hide_smallest(index: int, *, zero: bool) -> bool:
        candidates = [
            (count, position)
            for position, (count, state) in enumerate(
                zip(counts[index], states[index], strict=True)
            )
            if state == SHOWN and (count == 0) == zero
        ]
        if not candidates:
            return False
        states[index][min(candidates)[1]] = HIDDEN
        return True

    while True:
        pinned, total_pinned = pinned_tables()
        if not pinned and not total_pinned:
            break
        targets = pinned or list(range(len(tables)))
        if any(hide_smallest(i, zero=False) for i in targets):
            continue
        if any(hide_smallest(i, zero=True) for i in targets):
            continue
        if total_state != HIDDEN:
            # A "< t" total still caps the cells below it; "hidden" does not.
            total_state = HIDDEN
            continue
        if any(hide_smallest(i, zero=z) for z in (False, True) for i in range(len(tables))):
            continue
        break  # everything is hidden; nothing is left to reveal
    return states, total_state


def _published_period(figures: PeriodFigures, threshold: int) -> PublishedPeriod:
    published: dict[str, PublishedTable] = {}
    for population in POPULATIONS:
        tables = [table for table in figures.tables if table.population == population]
        if not tables:
            continue
        states, total_state = _suppress_population(tables, threshold)
        for table, row_states in zip(tables, states, strict=True):
            spec = table.spec
            cells = tuple(
                PublishedCell(
                    key,
                    spec.label(key),
                    count if state == SHOWN else None,
                    state,
                    threshold,
                )
                for (key, count), state in zip(table.counts, row_states, strict=True)
            )
            total = PublishedCell(
                "total",
                _("Total"),
                table.total if total_state == SHOWN else None,
                total_state,
                threshold,
            )
            published[table.key] = PublishedTable(key=table.key, cells=cells, total=total)
    return PublishedPeriod(
        start=figures.start,
        end=figures.end,
        tables=tuple(published[spec.key] for spec in TABLES if spec.key in published),
    )


def suppress_aggregates(aggregates: Aggregates, threshold: int) -> PublishedAggregates:
    """The publishable form of raw aggregates: small cells and what betrays them hidden."""
    validate_threshold(threshold)
    return PublishedAggregates(
        municipality_ids=aggregates.municipality_ids,
        threshold=threshold,
        current=_published_period(aggregates.current, threshold),
        previous=_published_period(aggregates.previous, threshold),
    )
