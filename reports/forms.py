"""The form that makes a council report. It only parses input; the service validates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import BoundedForm
from reports.models import Channel, Classification
from reports.periods import recent_periods


class CouncilReportForm(BoundedForm):
    period = forms.ChoiceField(
        label=_("Period"),
        help_text=_(
            "A whole period that has ended. Reports cover fixed periods only, so that two "
            "reports can never be subtracted to reveal a hidden figure."
        ),
        error_messages={
            "required": _("Choose the period the report covers."),
            "invalid_choice": _("Choose one of the periods in the list."),
        },
    )
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=Classification.choices,
        help_text=_(
            "Secret: for a closed session of the council under Gemeentewet art. 25; every "
            "page of the PDF says so."
        ),
        error_messages={
            "required": _("Choose public or secret."),
            "invalid_choice": _("Choose public or secret."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=Channel.choices,
        help_text=_("How the council receives the report."),
        error_messages={
            "required": _("Choose how the council receives the report."),
            "invalid_choice": _("Choose how the council receives the report."),
        },
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p.code, p.label) for p in recent_periods(today=today)]
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)
        period_field.choices = choices
