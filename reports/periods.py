"""Report periods: whole calendar blocks of one size only, and only once they have ended.

Why so strict (docs/reports.md): two published reports whose periods overlap partly
(January-June and January-July) let a reader subtract one from the other and find a figure
that each report hid. With fixed blocks of one size, two periods are either the same or
disjoint. One size per installation (setting ``COUNCIL_REPORT_BLOCK``: ``quarter``, the
default, or ``year``), because a year is the sum of its quarters: subtracting three published
quarters from a published year would reveal a figure hidden in the fourth. A period must have
ended, because a running quarter reported twice is the same subtraction again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

QUARTER = "quarter"
YEAR = "year"
BLOCKS = (QUARTER, YEAR)

_CODE = re.compile(r"^(?P<year>\d{4})(?:-Q(?P<quarter>[1-4]))?$")


def block_size() -> str:
    """The one block size of this installation (setting ``COUNCIL_REPORT_BLOCK``)."""
    block = getattr(settings, "COUNCIL_REPORT_BLOCK", QUARTER)
    if block not in BLOCKS:
        raise ImproperlyConfigured("COUNCIL_REPORT_BLOCK must be 'quarter' or 'year'.")
    return str(block)


@dataclass(frozen=True, order=True)
class Period:
    """A whole calendar quarter or year; ``end`` is the last day, inclusive."""

    start: date
    end: date

    @property
    def code(self) -> str:
        if self.start.month == 1 and self.end.month == 12:
            return f"{self.start.year}"
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def label(self) -> str:
        if self.start.month == 1 and self.end.month == 12:
            return str(_("the year %(year)s") % {"year": self.start.year})
        return str(
            _("quarter %(quarter)s of %(year)s")
            % {"quarter": (self.start.month - 1) // 3 + 1, "year": self.start.year}
        )

    def previous(self) -> Period:
        """The block of the same size just before this one (for the trend)."""
        if self.start.month == 1 and self.end.month == 12:
            return year_period(self.start.year - 1)
        before = self.start - timedelta(days=1)
        return quarter_period(before.year, (before.month - 1) // 3 + 1)


def quarter_period(year: int, quarter: int) -> Period:
    start = date(year, 3 * (quarter - 1) + 1, 1)
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(start=start, end=next_start - timedelta(days=1))


def year_period(year: int) -> Period:
    return Period(start=date(year, 1, 1), end=date(year, 12, 31))


def period_from_code(code: str, *, today: date, block: str | None = None) -> Period:
    """``2025-Q1`` or ``2025`` to a Period; refuses what the rule above does not allow."""
    block = block or block_size()
    match = _CODE.match((code or "").strip())
    if match is None:
        raise ValidationError(
            _("Choose a period: a whole quarter (such as 2025-Q1) or a whole year (2025)."),
            code="period_format",
        )
    year = int(match["year"])
    quarter = match["quarter"]
    if year < 2000:
        raise ValidationError(_("Choose a period from the year 2000 onwards."), code="period_old")
    if block == QUARTER and quarter is None:
        raise ValidationError(
            _(
                "Reports here cover a whole quarter (such as 2025-Q1), not a year: a year "
                "next to its quarters would let a reader work out hidden figures."
            ),
            code="period_block",
        )
    if block == YEAR and quarter is not None:
        raise ValidationError(
            _(
                "Reports here cover a whole year (such as 2025), not a quarter: a quarter "
                "next to its year would let a reader work out hidden figures."
            ),
            code="period_block",
        )
    period = quarter_period(year, int(quarter)) if quarter else year_period(year)
    if period.end >= today:
        raise ValidationError(
            _(
                "This period has not ended yet. Choose a period that is over: figures of a "
                "running period change, and two versions would reveal hidden figures."
            ),
            code="period_running",
        )
    return period


def recent_periods(*, today: date, count: int = 8, block: str | None = None) -> list[Period]:
    """The last ``count`` ended blocks, newest first (the choices of the form)."""
    block = block or block_size()
    periods: list[Period] = []
    if block == YEAR:
        year = today.year - 1
        while len(periods) < count:
            periods.append(year_period(year))
            year -= 1
        return periods
    current = quarter_period(today.year, (today.month - 1) // 3 + 1)
    period = current.previous()
    while len(periods) < count:
        periods.append(period)
        period = period.previous()
    return periods
