"""Forms of the triangle meeting: planning it and recording its decision on an escalation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Municipality, Organisation
from lib.forms import BoundedForm
from meetings.forms import chair_field, moment_field
from meetings.models import TriangleOutcome
from meetings.triangle import TEXT_LIMIT, TriangleInput, mayor_office_users, triangle_organisations


class TriangleForm(BoundedForm):
    held_at = moment_field(_("Give the date and time of the meeting."))
    chair = chair_field(_("The mayor chairs the local triangle; choose who of the mayor's office."))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The mayor's office (the municipality), the police and the public prosecutor."),
        error_messages={
            "required": _("Choose the organisations that take part."),
            "invalid_choice": _("Choose organisations from the list."),
        },
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = mayor_office_users(municipality).order_by("full_name")  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = triangle_organisations(municipality)  # type: ignore[attr-defined]

    def offered_user_ids(self) -> set[int]:
        return {u.pk for u in self.fields["chair"].queryset}  # type: ignore[attr-defined]


class TriangleDecisionForm(BoundedForm):
    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=TriangleOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the decisions in the list."),
            "invalid_choice": _("Choose one of the decisions in the list."),
        },
    )
    text = forms.CharField(
        label=_("Explanation"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the triangle decided and why. No names: the case file has them."),
        error_messages={
            "required": _("Write down what the triangle decided and why."),
            "max_length": _("Keep this under %(limit_value)d characters."),
        },
    )

    def triangle_input(self) -> TriangleInput:
        return TriangleInput(kind=self.cleaned_data["kind"], text=self.cleaned_data["text"])
