"""The case list: its filters, sortable columns and export (the mechanics are lib.listing).

Filters are a municipality the user sees cases of, a situation and a status; none names a
person, so they may be kept in the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.list_filters import choice_filter, limit_municipalities, municipality_filter
from cases.models import Case
from cases.workflow import CaseStatus, Situation
from lib.forms import BoundedForm
from lib.listing import ListSpec, SortColumn
from lib.spreadsheet import Sheet

CASE_LIST = ListSpec(
    name="cases",
    columns=(
        SortColumn("nummer", _("Case"), "id"),
        SortColumn("persoon", _("Person"), "subject__surname"),
        SortColumn("gemeente", _("Municipality"), "municipality__name"),
        SortColumn("geopend", _("Opened"), "opened_at"),
    ),
    default_key="geopend",
    default_descending=True,
    filter_fields=("municipality", "situation", "status"),
)


class CaseFilterForm(BoundedForm):
    municipality = municipality_filter()
    situation = choice_filter(
        _("Situation"), Situation.choices, _("Choose a situation from the list.")
    )
    status = choice_filter(_("Status"), CaseStatus.choices, _("Choose a status from the list."))

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only municipalities of cases the user sees: the list never offers more.
        limit_municipalities(self, cases)

    def apply(self, cases: QuerySet[Case]) -> QuerySet[Case]:
        if not self.is_bound:
            return cases
        data = self.cleaned_data
        if data.get("municipality") is not None:
            cases = cases.filter(municipality=data["municipality"])
        if data.get("situation"):
            cases = cases.filter(situation=data["situation"])
        if data.get("status"):
            cases = cases.filter(status=data["status"])
        return cases


def case_sheet(cases: Sequence[Case]) -> Sheet:
    return Sheet(
        title=gettext("Cases"),
        headers=[
            gettext("Case"),
            gettext("Person"),
            gettext("Municipality"),
            gettext("Situation"),
            gettext("Status"),
            gettext("Opened"),
        ],
        rows=[
            [
                case.pk,
                case.subject.display_name,
                case.municipality.name,
                str(case.get_situation_display()),
                str(case.get_status_display()),
                case.opened_at,
            ]
            for case in cases
        ],
    )
