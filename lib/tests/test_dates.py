from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from lib.dates import add_months, period_end


def test_months_are_calendar_months_and_clamp_to_the_month_end():
    assert add_months(date(2026, 3, 1), 6) == date(2026, 9, 1)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 12, 29), 12) == date(2027, 12, 29)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 60))
def test_adding_months_lands_in_the_right_month_never_earlier(day: date, months: int):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later >= day
    assert later.day <= day.day


def test_a_period_ends_the_day_before_the_corresponding_day_or_at_the_month_end():
    assert period_end(date(2026, 12, 1), 6) == date(2027, 5, 31)
    assert period_end(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert period_end(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert period_end(date(2027, 1, 15), 12) == date(2028, 1, 14)
