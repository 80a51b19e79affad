from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lib.workdays import add_working_days, easter_sunday, is_working_day, public_holidays


def test_easter_dates_are_right():
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert easter_sunday(2027) == date(2027, 3, 28)


def test_the_holidays_of_2026():
    assert public_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 4, 3),  # Goede Vrijdag
        date(2026, 4, 6),  # tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 5),
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    }


def test_kings_day_on_a_sunday_moves_to_saturday():
    assert date(2025, 4, 26) in public_holidays(2025)
    assert date(2025, 4, 27) not in public_holidays(2025)


def test_five_working_days_over_easter():
    # Thursday 2 April 2026: Good Friday, the weekend and Easter Monday do not count.
    assert add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 13)


def test_five_working_days_over_christmas_and_new_year():
    # Wednesday 23 December 2026: both Christmas days fall on Friday and Saturday.
    assert add_working_days(date(2026, 12, 23), 5) == date(2026, 12, 31)
    # Monday 28 December: New Year's Day (a Friday) does not count.
    assert add_working_days(date(2026, 12, 28), 5) == date(2027, 1, 5)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 30))
def test_the_result_is_a_working_day_with_the_right_count_between(start, days):
    end = add_working_days(start, days)
    assert is_working_day(end)
    between = [start + timedelta(days=n) for n in range(1, (end - start).days + 1)]
    assert sum(is_working_day(day) for day in between) == days
