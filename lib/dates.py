"""Calendar arithmetic the law uses: months, not multiples of thirty days (model-free)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later; the last day of the month when that day does not exist
    (31 August + 6 months = 28 or 29 February), as the Algemene termijnenwet reads terms."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def period_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` months that starts on ``start``.

    Normally the day before the corresponding day (1 December + 6 months ends 31 May). When
    the corresponding day does not exist (30 November + 3 months: no 30 February), the
    period ends on the last day of that month, not a day earlier.
    """
    corresponding = add_months(start, months)
    if corresponding.day < start.day:
        return corresponding
    return corresponding - timedelta(days=1)
