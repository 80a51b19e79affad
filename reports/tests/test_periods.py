"""Report periods: fixed calendar blocks of one size, ended, so that two reports never
overlap partly and cannot be subtracted to reveal a hidden figure (issue 7, point 10)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from reports.aggregates import TABLES, Aggregates, PeriodFigures, Table
from reports.periods import (
    QUARTER,
    YEAR,
    Period,
    block_size,
    period_from_code,
    recent_periods,
)
from reports.suppression import SHOWN, suppress_aggregates

TODAY = date(2026, 11, 29)
# Periods are judged on a given day; the clock stands on that day for every test here.
pytestmark = pytest.mark.clock(TODAY)


def test_a_quarter_code_gives_the_whole_quarter():
    period = period_from_code("2026-Q2", today=TODAY, block=QUARTER)
    assert (period.start, period.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert period.previous() == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert period_from_code("2026-Q1", today=TODAY, block=QUARTER).previous().code == "2025-Q4"


def test_a_year_code_gives_the_whole_year_where_years_are_the_block():
    period = period_from_code("2025", today=TODAY, block=YEAR)
    assert (period.start, period.end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert period.previous().code == "2024"


@pytest.mark.parametrize(
    ("code", "block", "message"),
    [
        ("2026-01-01/2026-07-31", QUARTER, "Choose a period"),
        ("2026-Q5", QUARTER, "Choose a period"),
        ("", QUARTER, "Choose a period"),
        ("2025", QUARTER, "not a year"),
        ("2025-Q3", YEAR, "not a quarter"),
        ("2026-Q4", QUARTER, "has not ended"),
        ("2026", YEAR, "has not ended"),
        ("1999-Q1", QUARTER, "2000"),
    ],
)
def test_a_period_outside_the_rule_is_refused_with_a_sentence(code, block, message):
    with pytest.raises(ValidationError) as refused:
        period_from_code(code, today=TODAY, block=block)
    assert message in " ".join(refused.value.messages)


def test_the_block_size_is_a_setting_with_two_values(settings):
    settings.COUNCIL_REPORT_BLOCK = "month"
    with pytest.raises(ImproperlyConfigured):
        block_size()
    settings.COUNCIL_REPORT_BLOCK = YEAR
    assert block_size() == YEAR
    del settings.COUNCIL_REPORT_BLOCK
    assert block_size() == QUARTER


def test_the_form_offers_ended_blocks_only_newest_first():
    quarters = recent_periods(today=TODAY, count=3, block=QUARTER)
    assert [p.code for p in quarters] == ["2026-Q3", "2026-Q2", "2026-Q1"]
    assert [p.code for p in recent_periods(today=TODAY, count=2, block=YEAR)] == ["2025", "2024"]


codes = st.one_of(
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2000, 2026), st.integers(1, 4)),
    st.builds(str, st.integers(2000, 2026)),
)


@given(first=codes, second=codes, block=st.sampled_from([QUARTER, YEAR]))
def test_two_allowed_periods_are_the_same_or_do_not_overlap(first, second, block):
    """So no report can be subtracted from another to isolate part of a period."""
    try:
        a = period_from_code(first, today=TODAY, block=block)
        b = period_from_code(second, today=TODAY, block=block)
    except ValidationError:
        return
    assert a == b or a.end < b.start or b.end < a.start
    assert (a.end - a.start).days // 300 == (b.end - b.start).days // 300  # one block size


def _figures(counts: dict[str, int]) -> PeriodFigures:
    tables = []
    for spec in TABLES:
        if spec.key == "interventions_by_regime":
            tables.append(Table(spec.key, tuple(counts.items())))
        else:
            tables.append(Table(spec.key, tuple((key, 0) for key, _ in spec.rows)))
    return PeriodFigures(date(2026, 1, 1), date(2026, 3, 31), tuple(tables))


def _shown(counts: dict[str, int]) -> dict[str, int | None]:
    figures = _figures(counts)
    published = suppress_aggregates(Aggregates((1,), figures, figures), 10)
    table = published.current.table("interventions_by_regime")
    return {cell.key: cell.value if cell.state == SHOWN else None for cell in table.cells}


def test_why_partly_overlapping_periods_are_refused():
    """January-June and January-July: each report on its own is safe, yet July's single
    criminal-law measure follows from subtracting them. Such periods cannot be chosen."""
    jan_jun = {"criminal": 20, "administrative": 30, "care": 12, "other": 0}
    jan_jul = {"criminal": 21, "administrative": 30, "care": 12, "other": 0}
    first, second = _shown(jan_jun), _shown(jan_jul)
    assert first["criminal"] is not None
    assert second["criminal"] is not None
    assert second["criminal"] - first["criminal"] == 1  # a single person's measure
    with pytest.raises(ValidationError):
        period_from_code("2026-01-01/2026-07-31", today=TODAY, block=QUARTER)


@given(
    st.lists(st.integers(0, 30), min_size=4, max_size=4),
)
def test_the_same_period_always_publishes_the_same_figures(counts):
    """Two reports of one block (made on different days) subtract to nothing."""
    keys = ["criminal", "administrative", "care", "other"]
    values = dict(zip(keys, counts, strict=True))
    assert _shown(values) == _shown(values)
