"""The list of case conferences: filters (municipality, upcoming or held), sortable columns
and the export (the mechanics are lib.listing). A conference row names no data subject; the
export names the chair, a colleague, and is logged as such."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db.models import QuerySet, TextChoices
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.list_filters import choice_filter, limit_municipalities, municipality_filter
from lib.forms import BoundedForm
from lib.listing import ListSpec, SortColumn
from lib.spreadsheet import Sheet
from meetings.models import Meeting

CONFERENCE_LIST = ListSpec(
    name="conferences",
    columns=(
        SortColumn("datum", _("Date and time"), "held_at"),
        SortColumn("gemeente", _("Municipality"), "municipality__name"),
    ),
    default_key="datum",
    default_descending=True,
    filter_fields=("municipality", "period"),
)


class Period(TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    HELD = "held", _("Held")


class ConferenceFilterForm(BoundedForm):
    municipality = municipality_filter()
    period = choice_filter(_("Period"), Period.choices, _("Choose a period from the list."))

    def __init__(self, *args: Any, conferences: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_municipalities(self, conferences)

    def apply(self, conferences: QuerySet[Meeting], *, now: datetime) -> QuerySet[Meeting]:
        if not self.is_bound:
            return conferences
        data = self.cleaned_data
        if data.get("municipality") is not None:
            conferences = conferences.filter(municipality=data["municipality"])
        if data.get("period") == Period.UPCOMING:
            conferences = conferences.filter(held_at__gte=now)
        elif data.get("period") == Period.HELD:
            conferences = conferences.filter(held_at__lt=now)
        return conferences


def conference_sheet(conferences: Sequence[Meeting]) -> Sheet:
    closed, open_ = gettext("closed"), gettext("open")
    return Sheet(
        title=gettext("Case conferences"),
        headers=[
            gettext("Date and time"),
            gettext("Municipality"),
            gettext("Chair"),
            gettext("Minutes"),
        ],
        rows=[
            [
                meeting.held_at,
                meeting.municipality.name,
                meeting.chair.full_name,
                closed if meeting.minutes_closed_at else open_,
            ]
            for meeting in conferences
        ],
    )
