"""The case list: its filters, sortable columns and export (the mechanics are lib.listing).

Filters are a municipality the user sees cases of, a situation and a status; none names a
person, so they may be kept in the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality
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
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        required=False,
        queryset=Municipality.objects.none(),
        empty_label=_("All"),
        error_messages={"invalid_choice": _("Choose a municipality from the list.")},
    )
    situation = forms.ChoiceField(
        label=_("Situation"),
        required=False,
        choices=[("", _("All")), *Situation.choices],
        error_messages={"invalid_choice": _("Choose a situation from the list.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *CaseStatus.choices],
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )

    def __init__(self, *args: Any, cases: QuerySet[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only municipalities of cases the user sees: the list never offers more.
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            pk__in=cases.values("municipality_id")
        ).order_by("name")

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
