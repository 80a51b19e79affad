"""Working days under the Dutch Algemene termijnenwet (Atw).

Art. 3 Atw: Nieuwjaarsdag, tweede Paasdag, tweede Pinksterdag, beide Kerstdagen,
Hemelvaartsdag, Koningsdag, 5 mei, and (lid 2) Goede Vrijdag count as public holidays;
Saturdays and Sundays are never working days. Days a royal decree adds per year (bridging
days) are not included.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Meeus/Jones/Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    # 27 April; when that is a Sunday, the Saturday before (Wet van 2013).
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),  # Goede Vrijdag (art. 3 lid 2 Atw)
            easter + timedelta(days=1),  # tweede Paasdag
            kings_day(year),
            date(year, 5, 5),
            easter + timedelta(days=39),  # Hemelvaartsdag
            easter + timedelta(days=50),  # tweede Pinksterdag
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
