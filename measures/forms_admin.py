"""The form of the catalogue of measure types (functional administrator). It validates;
measures.services_catalogue writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import BoundedModelForm
from measures.forms import DATE_ERRORS, DATE_WIDGET, VERSION_ERRORS
from measures.models import MeasureType
from measures.services_catalogue import EDITABLE_FIELDS

MONTHS_ERRORS = {
    "invalid": _("Give a whole number of months, for example 6."),
    "min_value": _("Give a whole number of months, for example 6."),
}


class MeasureTypeForm(BoundedModelForm):
    figures_checked = forms.BooleanField(
        label=_("I checked these figures against the current law text"),
        required=False,
        help_text=_(
            "Tick only after comparing the durations, terms and legal source with the law text. "
            "Saving with this ticked after changing a figure records today as the day of the "
            "check."
        ),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, error_messages=VERSION_ERRORS
    )

    class Meta:
        model = MeasureType
        fields = ["code", *EDITABLE_FIELDS]
        widgets = {
            "law_expires_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "code": {
                "required": _("Give a short code, for example twbmt-area-ban."),
                "unique": _("Another measure type already has this code."),
                "invalid": _("Use only letters, digits, hyphens and underscores in the code."),
            },
            "name": {"required": _("Give the name of the measure.")},
            "regime": {
                "required": _("Choose the regime."),
                "invalid_choice": _("Choose the regime from the list."),
            },
            "competent_authority": {"required": _("Give the competent authority.")},
            "legal_source": {"required": _("Give the article of law the measure rests on.")},
            "default_duration_months": MONTHS_ERRORS,
            "renewal_step_months": MONTHS_ERRORS,
            "maximum_total_months": MONTHS_ERRORS,
            "appeal_term_days": {
                "invalid": _("Give a whole number of days, for example 42."),
                "min_value": _("Give a whole number of days, for example 42."),
            },
            "law_expires_on": DATE_ERRORS,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # The code is the type's stable name (the starting catalogue finds it by code).
            del self.fields["code"]
            self.fields["version"].required = True
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault("figures_checked", self.instance.figures_checked)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        default = data.get("default_duration_months")
        maximum = data.get("maximum_total_months")
        if default is not None and maximum is not None and maximum < default:
            self.add_error(
                "maximum_total_months",
                _(
                    "The maximum total duration (%(maximum)s months) cannot be shorter than "
                    "the default duration (%(default)s months)."
                )
                % {"maximum": maximum, "default": default},
            )
        return data
