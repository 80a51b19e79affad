"""Forms of the plan of approach and its actions (the conference's forms are in
conferences.forms).

The rules live in the services (cases.plans, cases.actions); the forms parse input and say in
a sentence what is missing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Organisation
from cases.models import ActionStatus, Goal
from lib.forms import BoundedForm, required_when


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.full_name} — {obj.organisation.name}"


def _date_field(label: Any, help_text: Any, required_message: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        help_text=help_text,
        error_messages={
            "required": required_message,
            "invalid": _("Give the date as day, month and year."),
        },
    )


class ActionForm(BoundedForm):
    description = forms.CharField(
        label=_("Action"),
        max_length=500,
        error_messages={"required": _("Describe what is to be done.")},
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
    due_on = _date_field(_("Due"), _("When it should be done."), _("Give the due date."))
    goal_position = forms.IntegerField(
        label=_("Goal number"),
        required=False,
        min_value=1,
        help_text=_("The number of the plan goal it serves, if any."),
        error_messages={
            "invalid": _("Give the goal as a number."),
            "min_value": _("Give the goal as a number from 1."),
        },
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]

    def clean_due_on(self) -> Any:
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot lie in the past."))
        return due


class ActionUpdateForm(BoundedForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        error_messages={
            "required": _("Choose the status of the action."),
            "invalid_choice": _("Choose the status from the list."),
        },
    )
    feedback = forms.CharField(
        label=_("Feedback"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was done, or what stands in the way."),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Open the action again and report there.")},
    )


class PlanForm(BoundedForm):
    summary = forms.CharField(
        label=_("Summary of the approach"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Summarise the approach in a few sentences.")},
    )
    change_note = required_when(
        forms.CharField(
            label=_("What changed"),
            required=False,
            max_length=500,
            help_text=_("Required for a new version: what changed against the previous one."),
        )
    )
    expected_number = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": _("Open the plan again and agree it there.")},
    )
    meeting = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GoalForm(BoundedForm):
    text = forms.CharField(
        label=_("Goal"),
        max_length=500,
        error_messages={"required": _("Describe the goal.")},
    )
    domain = forms.ChoiceField(
        label=_("Domain"),
        # An empty first choice: an unused goal row must arrive empty, not half-filled.
        choices=[("", _("Choose…")), *Goal.Domain.choices],
        error_messages={
            "required": _("Choose the domain."),
            "invalid_choice": _("Choose the domain from the list."),
        },
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Choose the organisation responsible for the goal."),
            "invalid_choice": _("Choose the owner from the list."),
        },
    )
    review_on = _date_field(
        _("Review date"), _("When progress is reviewed."), _("Give the review date.")
    )

    def __init__(self, *args: Any, owners: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in owners]
        ).order_by("name")

    def clean_review_on(self) -> Any:
        day = self.cleaned_data["review_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("A review date cannot lie in the past."))
        return day


class BaseGoalFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        if not self.goal_rows():
            raise forms.ValidationError(_("A plan needs at least one goal."))

    def goal_rows(self) -> list[dict[str, Any]]:
        """The cleaned goals that stay: filled in and not ticked for removal."""
        return [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


GoalFormSet = forms.formset_factory(
    GoalForm, formset=BaseGoalFormSet, extra=3, can_delete=True, max_num=30, absolute_max=40
)


def goal_formset(
    data: Any = None, *, owners: list[Organisation], initial: list[dict[str, Any]] | None = None
) -> BaseGoalFormSet:
    """The goals of a plan version: the current goals, and a few empty rows to add one."""
    formset = GoalFormSet(data, initial=initial, form_kwargs={"owners": owners}, prefix="goals")
    assert isinstance(formset, BaseGoalFormSet)
    return formset
