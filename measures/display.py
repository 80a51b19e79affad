"""How a measure's period and a legal remedy's term read (issue 13): "van … tot en met …",
"sinds … (geen einddatum)", and a term that has passed says so instead of "termijn loopt".

Each function returns HTML with the dates in <time> elements (the text around them is
escaped); templates use them through the filters in measures/templatetags/measure_display.py.
"""

from __future__ import annotations

from datetime import date

from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from measures.models import Intervention, LegalRemedy
from measures.workflow import IN_FORCE


def _day(day: date) -> SafeString:
    return format_html(
        '<time datetime="{}">{}</time>', day.isoformat(), formats.date_format(day, "j F Y")
    )


def _words(text: str, **days: date) -> SafeString:
    """The translated text, escaped, with its dates filled in as <time> elements."""
    return mark_safe(conditional_escape(text) % {name: _day(day) for name, day in days.items()})  # noqa: S308


def period_html(intervention: Intervention, *, today: date | None = None) -> SafeString:
    """The period of a measure in words: from and to (inclusive), since when without an end,
    and, for a measure still in force, that its end date has passed."""
    today = today or timezone.localdate()
    start, end = intervention.start_on, intervention.end_on
    if start is not None and end is not None:
        text = _words(_("from %(start)s up to and including %(end)s"), start=start, end=end)
    elif start is not None and start <= today:
        text = _words(_("since %(start)s (no end date)"), start=start)
    elif start is not None:
        text = _words(_("from %(start)s (no end date)"), start=start)
    elif end is not None:
        text = _words(_("up to and including %(end)s"), end=end)
    else:
        return mark_safe(conditional_escape(_("no start date yet")))  # noqa: S308
    if intervention.state in IN_FORCE and end is not None and end < today:
        return format_html("{}; {}", text, _("the end date has passed"))
    return text


def remedy_term_html(remedy: LegalRemedy, *, today: date | None = None) -> SafeString:
    """Where a legal remedy stands: an open term runs until its deadline or has passed;
    otherwise its recorded outcome."""
    today = today or timezone.localdate()
    if remedy.outcome != LegalRemedy.Outcome.OPEN:
        return format_html("{}", remedy.get_outcome_display())
    if remedy.deadline < today:
        return _words(_("term passed on %(date)s"), date=remedy.deadline)
    return _words(_("term runs until %(date)s"), date=remedy.deadline)
