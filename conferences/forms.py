"""Forms of the case conference: planning it, minutes, decisions and corrections.

The rules live in conferences.services; the forms parse input and say in a sentence what is
missing.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Municipality, Organisation, User
from cases.models import ConferenceDecision, InformationCategory
from conferences.services import ATTENDING_ROLES, possible_chairs
from lib.forms import BoundedForm
from meetings.forms import PersonChoiceField, chair_field, moment_field


class ConferenceForm(BoundedForm):
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
    held_at = moment_field(_("Give the date and time of the conference."))
    chair = chair_field(
        _("The process director chairs; the lead when no process director is there.")
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


class MinutesForm(BoundedForm):
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


class DecisionForm(BoundedForm):
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


class VersionForm(BoundedForm):
    """Confirming or closing: the version the user saw."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": _("Open the page again and try once more.")},
    )


class CorrectionForm(BoundedForm):
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
