"""Forms of the case conference, the plan of approach and actions.

The rules live in the services (cases.conference_services, cases.plans, cases.actions); the
forms parse input and say in a sentence what is missing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Municipality, Organisation, User
from cases.conference_services import ATTENDING_ROLES, possible_chairs
from cases.models import ActionStatus, ConferenceDecision, Goal, InformationCategory


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.full_name} — {obj.organisation.name}"


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.full_name} — {obj.organisation.name}"


class ChairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


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


class ConferenceForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        help_text=_("The municipality whose cases are discussed."),
        error_messages={
            "required": _("Choose the municipality."),
            "invalid_choice": _("Choose the municipality from the list."),
        },
    )
    held_at = forms.DateTimeField(
        label=_("Date and time"),
        help_text=_("For example 2027-01-14 10:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Give the date and time of the conference."),
            "invalid": _("Give the date and time as day, month, year, hours and minutes."),
        },
    )
    chair = ChairChoiceField(
        label=_("Chair"),
        queryset=User.objects.none(),
        empty_label=None,
        help_text=_("The process director chairs; the lead when no process director is there."),
        error_messages={
            "required": _("Choose the chair."),
            "invalid_choice": _("Choose the chair from the list."),
        },
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Partners see only the cases their organisation is on the team of."),
        error_messages={"invalid_choice": _("Choose organisations from the list.")},
    )
    people = PersonChoiceField(
        label=_("People taking part"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional. A person takes part for their organisation."),
        error_messages={"invalid_choice": _("Choose people from the list.")},
    )

    def __init__(
        self, *args: Any, municipalities: list[Municipality], region_id: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        ids = [m.pk for m in municipalities]
        self.fields["municipality"].queryset = Municipality.objects.filter(  # type: ignore[attr-defined]
            pk__in=ids
        ).order_by("name")
        chairs: set[int] = set()
        for municipality in municipalities:
            chairs |= {u.pk for u in possible_chairs(municipality)}
        self.fields["chair"].queryset = User.objects.filter(pk__in=chairs).order_by("full_name")  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            region_id=region_id
        ).order_by("name")
        self.fields["people"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.current()
            .filter(organisation__region_id=region_id, role__in=ATTENDING_ROLES)
            .select_related("user", "organisation")
            .order_by("user__full_name", "organisation__name")
        )

    def offered_user_ids(self) -> set[int]:
        people = self.fields["people"].queryset  # type: ignore[attr-defined]
        chairs = self.fields["chair"].queryset  # type: ignore[attr-defined]
        return {m.user_id for m in people} | {u.pk for u in chairs}


class MinutesForm(forms.Form):
    source_organisation = forms.ModelChoiceField(
        label=_("Contribution of"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The organisation whose contribution this is; it confirms the text."),
        error_messages={
            "required": _("Choose the organisation whose contribution this is."),
            "invalid_choice": _("Choose the organisation from the list."),
        },
    )
    category = forms.ChoiceField(
        label=_("Information category"),
        choices=InformationCategory.choices,
        help_text=_("Decides who may read this part of the minutes."),
        error_messages={
            "required": _("Choose the information category."),
            "invalid_choice": _("Choose the information category from the list."),
        },
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        max_length=300,
        help_text=_("Needed for all but general information, e.g. consent or a law."),
    )
    text = forms.CharField(
        label=_("Minutes"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the minutes of this contribution.")},
    )

    def __init__(self, *args: Any, sources: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in sources]
        ).order_by("name")


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Decision"),
        choices=ConferenceDecision.Kind.choices,
        error_messages={
            "required": _("Choose the kind of decision."),
            "invalid_choice": _("Choose the kind of decision from the list."),
        },
    )
    text = forms.CharField(
        label=_("Explanation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write down what was decided and why.")},
    )


class ActionForm(forms.Form):
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


class ActionUpdateForm(forms.Form):
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


class VersionForm(forms.Form):
    """Confirming or closing: the version the user saw."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Open the page again and try once more.")},
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Corrected text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the corrected text.")},
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        error_messages={"required": _("Give the reason for the correction.")},
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Open the minutes again and correct them there.")},
    )


class PlanForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the approach"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Summarise the approach in a few sentences.")},
    )
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=500,
        help_text=_("Required for a new version: what changed against the previous one."),
    )
    expected_number = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": _("Open the plan again and agree it there.")},
    )
    meeting = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GoalForm(forms.Form):
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
