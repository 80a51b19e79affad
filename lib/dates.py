"""Calendar arithmetic the law uses: months, not multiples of thirty days; and the range of
dates Schakel accepts as input (model-free)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext as _


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


# --- The dates Schakel accepts as input. ---

# Nobody whose case is kept was born, or did anything on record, before this day; and
# 0001-01-01 or 9999-12-31 make date arithmetic and time zone conversions overflow (a 500).
EARLIEST = date(1900, 1, 1)
# Plans, reviews and legal terms reach a few years ahead, never further.
FUTURE_YEARS = 5


def latest(*, past_only: bool) -> date:
    """The last day a date field accepts today: today itself for a date that has happened."""
    today = timezone.localdate()
    return today if past_only else add_months(today, 12 * FUTURE_YEARS)


@deconstructible
class DateRange:
    """Refuses a date (or the date of a moment) outside ``EARLIEST`` .. ``latest()``.

    A Django validator, so forms and DRF serializers use the same one (lib.forms,
    lib.serializers); ``past_only`` for what has happened (a receipt, a contact)."""

    code = "date_out_of_range"

    def __init__(self, *, past_only: bool = False) -> None:
        self.past_only = past_only

    def __call__(self, value: Any) -> None:
        # The date as given, without converting the moment to another time zone: for a
        # datetime at the edge of the calendar that conversion is what overflows.
        day = value.date() if isinstance(value, datetime) else value
        last = latest(past_only=self.past_only)
        if EARLIEST <= day <= last:
            return
        earliest = date_format(EARLIEST, "DATE_FORMAT")
        if self.past_only:
            message = _("Enter a date from %(earliest)s up to today.") % {"earliest": earliest}
        else:
            message = _("Enter a date from %(earliest)s to %(latest)s.") % {
                "earliest": earliest,
                "latest": date_format(last, "DATE_FORMAT"),
            }
        raise ValidationError(message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateRange) and other.past_only == self.past_only

    def __hash__(self) -> int:
        return hash((DateRange, self.past_only))


def validate_birth_year(value: int) -> None:
    """A year of birth: from the first year Schakel accepts to this year."""
    if not EARLIEST.year <= value <= timezone.localdate().year:
        raise ValidationError(
            _("The year of birth must lie between 1900 and this year."), code="birth_year"
        )
