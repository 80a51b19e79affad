"""Forms of the weighing session: planning a session and writing down a weighing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Municipality, Organisation, Role, User
from lib.forms import BoundedForm, required_when
from meetings.services import current_leads
from meetings.weighing import (
    CRITERIA,
    Alternative,
    Answer,
    CriterionAnswer,
    Outcome,
    WeighingInput,
    criterion_field,
    weighing_errors,
)

if TYPE_CHECKING:  # a lazy translation's type exists only in the stubs
    from django.utils.functional import _StrPromise

# Who may be named as an attendee: the roles that take part in weighing sessions.
ATTENDING_ROLES = (Role.LEAD, Role.PARTNER, Role.PROCESS_DIRECTOR)


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.full_name} — {obj.organisation.name}"


class ChairChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


def moment_field(required: str | _StrPromise) -> forms.DateTimeField:
    """When a meeting is held: one field for every kind of meeting, its own "required" text."""
    return forms.DateTimeField(
        label=_("Date and time"),
        help_text=_("For example 2027-01-14 10:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": required,
            "invalid": _("Give the date and time as day, month, year, hours and minutes."),
        },
    )


def chair_field(help_text: str | _StrPromise) -> ChairChoiceField:
    """Who chairs a meeting; the view narrows the choice to those who may."""
    return ChairChoiceField(
        label=_("Chair"),
        queryset=User.objects.none(),
        empty_label=None,
        help_text=help_text,
        error_messages={
            "required": _("Choose the chair."),
            "invalid_choice": _("Choose the chair from the list."),
        },
    )


class MeetingForm(BoundedForm):
    held_at = moment_field(_("Give the date and time of the session."))
    chair = chair_field(_("A lead of the municipality chairs the weighing session."))
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations taking part"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The municipality, the police and the public prosecutor form the core. Partners "
            "of the organisations taking part see the signals on the agenda."
        ),
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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_id = municipality.region_id
        self.fields["chair"].queryset = current_leads(municipality).order_by("full_name")  # type: ignore[attr-defined]
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
        """Everyone the form names as a possible chair or attendee."""
        people = self.fields["people"].queryset  # type: ignore[attr-defined]
        chairs = self.fields["chair"].queryset  # type: ignore[attr-defined]
        return {m.user_id for m in people} | {u.pk for u in chairs}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class WeighingForm(BoundedForm):
    """The weighing of one signal: criteria with evidence, alternatives, reasons, outcome.

    The rules live in meetings.weighing.weighing_errors, which the decision service applies
    again, so a form and a service cannot disagree.
    """

    alternatives = forms.MultipleChoiceField(
        label=_("Alternative explanations considered"),
        choices=Alternative.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every other explanation for the behaviour that the session weighed."),
        error_messages={
            "required": _("Tick the alternative explanations the session considered."),
            "invalid_choice": _("Choose alternative explanations from the list."),
        },
    )
    alternatives_other = required_when(
        forms.CharField(
            label=_("Other explanation"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Describe it when you ticked 'other'."),
        )
    )
    proportionality = forms.CharField(
        label=_("Proportionality"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why is this outcome in proportion to the concern?"),
        error_messages={"required": _("Write down why this outcome is proportionate.")},
    )
    subsidiarity = forms.CharField(
        label=_("Subsidiarity"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why does a lighter way (regular care, no action) not suffice?"),
        error_messages={"required": _("Write down why a lighter way does not suffice.")},
    )
    reasoning = forms.CharField(
        label=_("Judgement"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The session's judgement and its reasons, in your own words."),
        error_messages={"required": _("Write down the session's judgement and its reasons.")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        help_text=_("Exactly one."),
        error_messages={
            "required": _("Choose the outcome."),
            "invalid_choice": _("Choose one of the outcomes in the list."),
        },
    )
    review_on = required_when(
        forms.DateField(
            label=_("Weigh again on"),
            required=False,
            widget=DateInput(),
            help_text=_(
                "Gathering information or escalating: the date, at most three months after the "
                "session, on which the signal returns to the agenda."
            ),
            error_messages={"invalid": _("Give the date as day, month and year.")},
        )
    )
    referral_organisation = required_when(
        forms.ModelChoiceField(
            label=_("Referred to"),
            queryset=Organisation.objects.none(),
            required=False,
            help_text=_("Referral to regular care: the organisation that takes over."),
            error_messages={"invalid_choice": _("Choose the organisation from the list.")},
        )
    )
    outcome_note = required_when(
        forms.CharField(
            label=_("Note on the outcome"),
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_(
                "Referral: what is handed over. Escalation: to whom in the triangle, and when."
            ),
        )
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Open the item again and record the decision there.")},
    )

    def __init__(self, *args: Any, meeting_day: date, region_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting_day = meeting_day
        self.fields["referral_organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            region_id=region_id
        ).order_by("name")
        criteria_fields: dict[str, forms.Field] = {}
        for code, label in CRITERIA:
            criteria_fields[criterion_field(code, "answer")] = forms.ChoiceField(
                label=label,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose met, not met or unknown for this criterion."),
                    "invalid_choice": _("Choose met, not met or unknown for this criterion."),
                },
            )
            criteria_fields[criterion_field(code, "evidence")] = required_when(
                forms.CharField(
                    label=_("Evidence"),
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    help_text=_(
                        "What was seen or heard, by whom; needed unless the answer is unknown."
                    ),
                )
            )
            criteria_fields[criterion_field(code, "source")] = required_when(
                forms.CharField(
                    label=_("Source"),
                    required=False,
                    max_length=300,
                    help_text=_(
                        "Required with evidence: where it comes from, e.g. the school or the "
                        "police."
                    ),
                )
            )
        # Criteria first, in the order of the list, then the rest of the weighing.
        self.fields = {**criteria_fields, **self.fields}

    def criteria_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (
                str(label),
                [self[criterion_field(code, part)] for part in ("answer", "evidence", "source")],
            )
            for code, label in CRITERIA
        ]

    def other_fields(self) -> list[forms.BoundField]:
        names = ("alternatives", "alternatives_other", "proportionality", "subsidiarity")
        return [self[name] for name in names]

    def outcome_fields(self) -> list[forms.BoundField]:
        names = ("reasoning", "outcome", "review_on", "referral_organisation", "outcome_note")
        return [self[name] for name in names]

    def weighing_input(self) -> WeighingInput:
        data = self.cleaned_data
        organisation = data.get("referral_organisation")
        return WeighingInput(
            criteria=tuple(
                CriterionAnswer(
                    code=code,
                    answer=data.get(criterion_field(code, "answer")) or "",
                    evidence=data.get(criterion_field(code, "evidence")) or "",
                    source=data.get(criterion_field(code, "source")) or "",
                )
                for code, _label in CRITERIA
            ),
            alternatives=tuple(data.get("alternatives") or ()),
            alternatives_other=data.get("alternatives_other") or "",
            proportionality=data.get("proportionality") or "",
            subsidiarity=data.get("subsidiarity") or "",
            reasoning=data.get("reasoning") or "",
            outcome=data.get("outcome") or "",
            review_on=data.get("review_on"),
            referral_organisation_id=organisation.pk if organisation else None,
            outcome_note=data.get("outcome_note") or "",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field, messages in weighing_errors(
            self.weighing_input(), meeting_day=self.meeting_day
        ).items():
            if field in self.errors:
                continue  # the field's own check already said what is wrong
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return cleaned
