"""Small-cell protection (issue 7, point 10): planted small cells are never published, no
hidden figure can be worked out from what is shown, and totals stay consistent.

Raw tables are built from random records (each record falls in one row of every table of
its population), so the tables of a population add up to one total as in real data.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.aggregates import POPULATIONS, TABLES, Aggregates, PeriodFigures, Table
from reports.suppression import (
    HIDDEN,
    SHOWN,
    SMALL,
    PublishedAggregates,
    min_cell_threshold,
    suppress_aggregates,
)
from reports.tests.attacker import feasible

START, END = date(2026, 4, 1), date(2026, 6, 30)


def _records(population: str) -> st.SearchStrategy[list[tuple[int, ...]]]:
    specs = [spec for spec in TABLES if spec.population == population]
    # Few categories per record make small cells, equal cells and lone cells likely.
    row = st.tuples(*(st.integers(0, len(spec.rows) - 1) for spec in specs))
    return st.lists(st.one_of(row, st.just((0,) * len(specs))), max_size=45)


@st.composite
def period_figures(draw: st.DrawFn) -> PeriodFigures:
    tables = []
    for population in POPULATIONS:
        specs = [spec for spec in TABLES if spec.population == population]
        records = draw(_records(population))
        for position, spec in enumerate(specs):
            counts = [0] * len(spec.rows)
            for record in records:
                counts[record[position]] += 1
            keys = [key for key, _label in spec.rows]
            tables.append(Table(spec.key, tuple(zip(keys, counts, strict=True))))
    return PeriodFigures(start=START, end=END, tables=tuple(tables))


@st.composite
def aggregates(draw: st.DrawFn) -> Aggregates:
    return Aggregates((1,), draw(period_figures()), draw(period_figures()))


thresholds = st.sampled_from([5, 6, 10, 11])
checks = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pairs(raw: PeriodFigures, published: PublishedAggregates):
    for table in raw.tables:
        shown = published.current.table(table.key)
        for (key, count), cell in zip(table.counts, shown.cells, strict=True):
            assert cell.key == key
            yield table, count, cell


@checks
@given(raw=aggregates(), threshold=thresholds)
def test_a_small_count_is_never_published(raw: Aggregates, threshold: int):
    published = suppress_aggregates(raw, threshold)
    for _table, count, cell in _pairs(raw.current, published):
        if 1 <= count < threshold:
            assert cell.state != SHOWN
            assert cell.value is None
            assert cell.display in (f"< {threshold}", "hidden", "verborgen")
        if cell.shown:
            assert cell.value == count
            assert count == 0 or count >= threshold
    for population in POPULATIONS:
        total = raw.current.population_total(population)
        if 1 <= total < threshold:
            assert published.current.total(population).state in (SMALL, HIDDEN)


@checks
@given(raw=aggregates(), threshold=thresholds)
def test_the_stored_form_holds_no_value_of_a_hidden_figure(raw: Aggregates, threshold: int):
    published = suppress_aggregates(raw, threshold)
    stored = published.to_json()
    for period in (stored["current"], stored["previous"]):
        for table in period["tables"]:
            for cell in [*table["cells"], table["total"]]:
                assert (cell["value"] is None) == (cell["state"] != SHOWN)
    assert PublishedAggregates.from_json(json.loads(json.dumps(stored))) == published


@checks
@given(raw=aggregates(), threshold=thresholds)
def test_no_hidden_figure_can_be_worked_out_from_what_is_shown(raw: Aggregates, threshold: int):
    published = suppress_aggregates(raw, threshold)
    for figures, shown in ((raw.current, published.current), (raw.previous, published.previous)):
        for population in POPULATIONS:
            true_total = figures.population_total(population)
            cap = 2 * true_total + 2 * threshold
            options = feasible(shown, population, threshold, cap)
            truth = {("total", population): true_total}
            states = {("total", population): shown.total(population).state}
            for table in figures.tables:
                if table.population != population:
                    continue
                for (key, count), cell in zip(
                    table.counts, shown.table(table.key).cells, strict=True
                ):
                    truth[(table.key, key)] = count
                    states[(table.key, key)] = cell.state
            for figure, values in options.items():
                assert truth[figure] in values, f"the attacker model excludes the truth: {figure}"
                if states[figure] != SHOWN:
                    assert len(values) >= 2, f"{figure} can be worked out: {values}"


@checks
@given(raw=aggregates(), threshold=thresholds)
def test_totals_stay_consistent_with_what_is_shown(raw: Aggregates, threshold: int):
    published = suppress_aggregates(raw, threshold)
    for population in POPULATIONS:
        tables = [t for t in published.current.tables if t.population == population]
        true_total = raw.current.population_total(population)
        assert len({(t.total.state, t.total.value) for t in tables}) == 1
        for table in tables:
            shown_sum = sum(cell.value or 0 for cell in table.cells if cell.shown)
            if table.total.shown:
                assert table.total.value == true_total
                assert shown_sum <= true_total
                if all(cell.shown for cell in table.cells):
                    assert shown_sum == true_total
            if not table.has_suppression:
                assert shown_sum == true_total


def test_a_lone_small_cell_takes_the_next_smallest_cell_with_it():
    counts = {"criminal": 3, "administrative": 40, "care": 25, "other": 0}
    table = Table("interventions_by_regime", tuple(counts.items()))
    others = tuple(t for t in _empty().tables if t.key != table.key)
    figures = PeriodFigures(START, END, (*others, table))
    published = suppress_aggregates(Aggregates((1,), figures, _empty()), 10)
    cells = {c.key: c for c in published.current.table("interventions_by_regime").cells}
    assert cells["criminal"].state == SMALL
    assert cells["care"].state == HIDDEN
    assert cells["administrative"].display == "40"
    assert cells["other"].display == "0"
    assert published.current.table("interventions_by_regime").total.display == "68"


def test_a_threshold_below_five_is_refused(settings):
    with pytest.raises(ValueError, match="at least 5"):
        suppress_aggregates(Aggregates((1,), _empty(), _empty()), 4)
    settings.COUNCIL_REPORT_MIN_CELL = 3
    with pytest.raises(ImproperlyConfigured):
        min_cell_threshold()
    settings.COUNCIL_REPORT_MIN_CELL = "10"
    with pytest.raises(ImproperlyConfigured):
        min_cell_threshold()
    settings.COUNCIL_REPORT_MIN_CELL = 7
    assert min_cell_threshold() == 7


def test_the_threshold_is_ten_unless_configured(settings):
    del settings.COUNCIL_REPORT_MIN_CELL
    assert min_cell_threshold() == 10


def _empty() -> PeriodFigures:
    return PeriodFigures(
        START,
        END,
        tuple(Table(spec.key, tuple((key, 0) for key, _ in spec.rows)) for spec in TABLES),
    )
