"""Forms of the measures pages. They check the shape of the input; measures.services
checks the rules (dates within the maximum, the transition table), so the pages refuse
what the API refuses. Every form that changes something carries the version the user saw."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from cases.models import Case
from lib.forms import BoundedForm
from measures.models import Intervention, LegalRemedy, MeasureType
from measures.workflow import TRANSITIONS, InterventionState, Regime

S = InterventionState
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Enter a valid date, for example 2025-03-01 (year, month, day).")}
VERSION_ERRORS = {
    "required": _("The form was incomplete; open the page again."),
    "invalid": _("The form was incomplete; open the page again."),
}
REASON_ERRORS = {
    "required": _("Give the reason for this step."),
    "max_length": _("The reason is at most %(limit_value)d characters."),
}


def _date(label: Any, help_text: Any = "", *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DATE_WIDGET,
        error_messages={**DATE_ERRORS, "required": _("Give this date.")},
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)


def _reason(help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text or _("Kept in the history of the measure."),
        error_messages=REASON_ERRORS,
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def grouped_measure_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The active catalogue, grouped by regime (an optgroup per regime)."""
    types = MeasureType.objects.filter(active=True).order_by("name")
    groups: dict[str, list[tuple[str, str]]] = {regime.value: [] for regime in Regime}
    for measure in types:
        groups[measure.regime].append((str(measure.pk), measure.name))
    return [(str(Regime(regime).label), items) for regime, items in groups.items() if items]


class ProposeForm(BoundedForm):
    measure_type = forms.TypedChoiceField(
        label=_("Measure"),
        coerce=int,
        help_text=_("From the catalogue, grouped by regime."),
        error_messages={
            "required": _("Choose a measure from the list."),
            "invalid_choice": _("Choose a measure from the list."),
        },
    )
    responsible_organisation = OrganisationChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation of the region that prepares and follows the measure."),
        error_messages={
            "required": _("Choose the responsible organisation."),
            "invalid_choice": _("Choose an organisation of the region from the list."),
        },
    )
    competent_authority = forms.CharField(
        label=_("Competent authority"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the one in the catalogue."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the legal source in the catalogue."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Context for the team; no more than needed."),
    )
    reason = _reason(_("Why this measure, as agreed in the case conference."))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "propose")
        super().__init__(*args, **kwargs)
        measure = self.fields["measure_type"]
        assert isinstance(measure, forms.TypedChoiceField)
        measure.choices = [("", _("— choose a measure —")), *grouped_measure_choices()]
        organisation = self.fields["responsible_organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.filter(
            region_id=case.municipality.region_id
        ).order_by("name")

    def clean_measure_type(self) -> MeasureType:
        measure = MeasureType.objects.filter(pk=self.cleaned_data["measure_type"]).first()
        if measure is None:
            raise forms.ValidationError(_("Choose a measure from the list."))
        return measure


# --- The next step of an intervention. ---

# The date fields each step asks for (the others keep what they have).
STEP_DATES: dict[str, tuple[str, ...]] = {
    S.INTENT_NOTIFIED: ("decided_on",),
    S.DECIDED: ("decided_on",),
    S.ACTIVE: ("start_on", "end_on"),
    S.EXTENDED: ("decided_on", "end_on"),
    S.ENDED: ("end_on",),
}


def allowed_targets(intervention: Intervention) -> list[InterventionState]:
    """The steps the transition table allows from the current state, in workflow order."""
    allowed = TRANSITIONS[InterventionState(intervention.state)]
    return [target for target in InterventionState if target in allowed]


def _step_date_fields(target: str) -> dict[str, forms.Field]:
    labels: dict[str, dict[str, Any]] = {
        "decided_on": {
            "label": _("Notice sent on") if target == S.INTENT_NOTIFIED else _("Decision sent on"),
            "help_text": _(
                "The term for a view, objection or appeal starts the day after. Empty: today."
            ),
        },
        "start_on": {
            "label": _("First day of the measure"),
            "help_text": "",
            "required": True,
        },
        "end_on": {
            "label": _("Last day") if target != S.EXTENDED else _("New last day"),
            "help_text": {
                S.ACTIVE: _("Empty: the default duration from the catalogue."),
                S.EXTENDED: _("Empty: one renewal step from the catalogue."),
                S.ENDED: _("Empty: today."),
            }.get(InterventionState(target), ""),
        },
    }
    return {
        name: _date(
            labels[name]["label"],
            labels[name]["help_text"],
            required=labels[name].get("required", False),
        )
        for name in STEP_DATES.get(target, ())
    }


class TransitionForm(BoundedForm):
    """One step to one target; the page shows one such form per allowed target, each with
    only the dates that step needs."""

    version = _version()

    def __init__(self, *args: Any, intervention: Intervention, target: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"step-{target}")
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", intervention.version)
        super().__init__(*args, **kwargs)
        self.target = target
        self.target_label = InterventionState(target).label
        self.fields.update(_step_date_fields(target))
        self.fields["reason"] = _reason()

    @property
    def date_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in STEP_DATES.get(self.target, ())]


class RemedyForm(BoundedForm):
    lodged_on = _date(_("Lodged on"), _("Empty when it was not (yet) lodged."))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=LegalRemedy.Outcome.choices,
        error_messages={"invalid_choice": _("Choose an outcome from the list.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. the court's case number or the date of the hearing."),
    )
    version = _version()

    def __init__(self, *args: Any, remedy: LegalRemedy, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"remedy-{remedy.pk}")
        kwargs.setdefault(
            "initial",
            {
                "lodged_on": remedy.lodged_on,
                "outcome": remedy.outcome,
                "note": remedy.note,
                "version": remedy.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.remedy = remedy


class ReviewForm(BoundedForm):
    review_on = _date(_("Review on"), _("Empty: no review date. The lead gets it as a task."))
    version = _version()

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "review")
        kwargs.setdefault(
            "initial", {"review_on": intervention.review_on, "version": intervention.version}
        )
        super().__init__(*args, **kwargs)


class InterimReliefForm(BoundedForm):
    lodged_on = forms.DateField(
        label=_("Asked on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Give the day interim relief was asked."),
            "invalid": _("Give the date as day, month and year."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("The note is at most 1000 characters.")},
    )
