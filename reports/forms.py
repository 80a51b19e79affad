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


TEXT_ERRORS = {
    "required": _("Write the text."),
    "max_length": _("Write at most %(limit_value)d characters."),
}


class CouncilTextForm(BoundedForm):
    """The text in outline or a partner's explanation. The service checks it for names."""

    text = forms.CharField(
        label=_("Text"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What the council reads. Never names or numbers of individual cases: the text is "
            "checked for the names of the municipality's persons and for numbers of people."
        ),
        error_messages=TEXT_ERRORS,
    )
    despite_check = forms.CharField(
        label=_("Reason to publish despite the check"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when the check finds a name or a number of people that may go to the council "
            "anyway (a street name, say): why. It is kept with the text, with your name."
        ),
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("The form was incomplete; open the page again."),
            "invalid": _("The form was incomplete; open the page again."),
            "min_value": _("The form was incomplete; open the page again."),
        },
    )
