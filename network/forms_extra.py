"""Forms of a network follow-up: proposing, confirming (action or signal) and declining.

The rules live in network.followups; the forms parse input and say in a sentence what is
missing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from cases.forms_plan import DateInput, OwnerChoiceField
from lib.forms import BoundedForm
from network.followups import NOTE_LIMIT, REASON_LIMIT, SIGNAL_TEXT_LIMIT, SignalChoices
from network.models import FollowUp
from signals.forms import someone_else_reason_field
from signals.intake import SubjectDetails
from signals.models import ConcernType, Urgency

TOO_LONG = _("Write at most %(limit_value)d characters.")


class FollowUpForm(BoundedForm):
    reason = forms.CharField(
        label=_("Why does this person need attention?"),
        max_length=REASON_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What you observed, in facts and your own words. Only what the lead needs to decide."
        ),
        error_messages={
            "required": _("Write why this person needs attention."),
            "max_length": TOO_LONG,
        },
    )
    proposal = forms.ChoiceField(
        label=_("What do you propose?"),
        choices=FollowUp.Proposal.choices,
        widget=forms.RadioSelect,
        help_text=_("Nothing is created until the lead or the process director confirms it."),
        error_messages={
            "required": _("Choose what you propose: a preventive action or a new signal."),
            "invalid_choice": _("Choose what you propose from the list."),
        },
    )


_VERSION_MESSAGES = {
    "required": _("The page is out of date; open it again."),
    "invalid": _("The page is out of date; open it again."),
    "min_value": _("The page is out of date; open it again."),
}


def _version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, error_messages=_VERSION_MESSAGES
    )


def _note_field(required: bool, required_message: Any = "") -> forms.CharField:
    messages: dict[str, Any] = {"max_length": TOO_LONG}
    if required_message:
        messages["required"] = required_message
    return forms.CharField(
        label=_("Note on the decision"),
        max_length=NOTE_LIMIT,
        required=required,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=messages,
    )


class ConfirmActionForm(BoundedForm):
    version = _version_field()
    description = forms.CharField(
        label=_("Preventive action"),
        max_length=500,
        help_text=_("What is to be done, for example a conversation with the family."),
        error_messages={"required": _("Describe what is to be done."), "max_length": TOO_LONG},
    )
    owner = OwnerChoiceField(
        label=_("Owner"),
        queryset=Membership.objects.none(),
        help_text=_("The person who carries it out, for their organisation."),
        error_messages={
            "required": _("Choose who carries out the action."),
            "invalid_choice": _("Choose the owner from the list."),
        },
    )
    due_on = forms.DateField(
        label=_("Due"),
        widget=DateInput(),
        help_text=_("When it should be done."),
        error_messages={
            "required": _("Give the due date."),
            "invalid": _("Give the date as day, month and year."),
        },
    )
    note = _note_field(False)

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]

    def clean_due_on(self) -> Any:
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot lie in the past."))
        return due


class ConfirmSignalForm(BoundedForm):
    version = _version_field()
    concern_type = forms.ChoiceField(
        label=_("Type of concern"),
        choices=ConcernType.choices,
        initial=ConcernType.UNCLEAR,
        help_text=_("Choose “unclear” when it is not known; Schakel never infers it."),
        error_messages={
            "required": _("Choose the type of concern, or “unclear”."),
            "invalid_choice": _("Choose the type of concern from the list."),
        },
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        help_text=_("An acute signal alerts the lead and the police at once."),
        error_messages={
            "required": _("Choose the urgency."),
            "invalid_choice": _("Choose the urgency from the list."),
        },
    )
    text = forms.CharField(
        label=_("What the weighing session needs to know"),
        max_length=SIGNAL_TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The signal already says it came from a network follow-up. Do not copy the case: "
            "the weighing session may include people who do not see it."
        ),
        error_messages={"max_length": TOO_LONG},
    )
    given_names = forms.CharField(
        label=_("Given names"),
        max_length=200,
        required=False,
        help_text=_(
            "Only if you know who this is and the person is not linked to a known subject: "
            "the person is then recorded as a new subject. Otherwise leave the details empty."
        ),
        error_messages={"max_length": _("Given names are at most 200 characters.")},
    )
    surname_prefix = forms.CharField(
        label=_("Surname prefix"),
        max_length=30,
        required=False,
        error_messages={"max_length": _("The surname prefix is at most 30 characters.")},
    )
    surname = forms.CharField(
        label=_("Surname"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("The surname is at most 200 characters.")},
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        error_messages={"invalid": _("Give the year of birth as a number.")},
    )
    someone_else_reason = someone_else_reason_field()
    note = _note_field(False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = (data.get("given_names") or "").strip()
        surname = (data.get("surname") or "").strip()
        if bool(given) != bool(surname):
            self.add_error(
                "given_names" if not given else "surname",
                _("Give both the given names and the surname, or leave both empty."),
            )
        elif not given and (data.get("surname_prefix") or data.get("birth_year")):
            self.add_error(
                "given_names",
                _("Give the given names and the surname too, or leave all details empty."),
            )
        return data

    def choices(self) -> SignalChoices:
        data = self.cleaned_data
        details = None
        if (data.get("given_names") or "").strip():
            details = SubjectDetails(
                given_names=data["given_names"].strip(),
                surname=data["surname"].strip(),
                surname_prefix=(data.get("surname_prefix") or "").strip(),
                birth_year=data.get("birth_year"),
            )
        return SignalChoices(
            concern_type=data["concern_type"],
            urgency=data["urgency"],
            text=data.get("text") or "",
            subject=details,
            someone_else_reason=data.get("someone_else_reason") or "",
        )


class DeclineForm(BoundedForm):
    version = _version_field()
    note = _note_field(True, _("Say why the proposal is declined."))
