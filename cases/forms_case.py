"""Forms for directing a case (situation, status, team, review date), for its entries, and
for emergency access. Each form that changes the case carries the version the user saw, so
a change based on an outdated page is refused with a conflict instead of overwriting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from cases.models import Case, CaseEntry, InformationCategory
from cases.situations import targets_of
from cases.workflow import (
    STATUS_TRANSITIONS,
    TRAVEL_OUTCOME_ASKED,
    TRAVEL_OUTCOME_CHOSEN,
    CaseStatus,
    ClosureReason,
    DeathSource,
    ReturnMotive,
    Situation,
    TravelOutcome,
    is_way_back,
)
from lib.forms import BoundedForm, required_when

REASON_ERRORS = {
    "required": _("Give the reason for this change."),
    "max_length": _("The reason is at most %(limit_value)d characters."),
}
VERSION_ERRORS = {
    "required": _("The form was incomplete; open the case again."),
    "invalid": _("The form was incomplete; open the case again."),
}


TIMELINE_HELP = _("Kept in the case's timeline.")


def _reason() -> Any:
    return forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=TIMELINE_HELP,
        error_messages=REASON_ERRORS,
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name or obj.email)


class CaseForm(BoundedForm):
    """A change to the case: carries the version the user saw."""

    version = _version()

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", case.version)
        super().__init__(*args, **kwargs)
        self.case = case


# --- Directing the case. ---


def situation_targets(case: Case) -> list[Situation]:
    """The situations offered: from a death report only its confirmation and the way back
    to the situation before it (cases.situations)."""
    return targets_of(case)


def status_targets(case: Case) -> list[CaseStatus]:
    allowed = STATUS_TRANSITIONS[CaseStatus(case.status)]
    return [target for target in CaseStatus if target in allowed]


class SituationForm(CaseForm):
    prefix = "situation"
    to = forms.ChoiceField(
        label=_("New situation"),
        choices=[],
        error_messages={
            "required": _("Choose the new situation."),
            "invalid_choice": _("This situation cannot follow the current one."),
        },
    )
    return_motive = required_when(
        forms.ChoiceField(
            label=_("Motive for return"),
            choices=[("", _("Choose…")), *ReturnMotive.choices],
            required=False,
            help_text=_(
                "Required when the person has returned. Counted in the council report; "
                "never a score."
            ),
            error_messages={"invalid_choice": _("Choose the motive for return from the list.")},
        )
    )
    return_motive_note = forms.CharField(
        label=_("About the motive"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required for 'other motive'. Medical details belong in an entry of the special "
            "category, not here."
        ),
    )
    travel_outcome = required_when(
        forms.ChoiceField(
            label=_("How did the intention to travel end?"),
            choices=[
                ("", _("Choose…")),
                *[(o.value, o.label) for o in TravelOutcome if o in TRAVEL_OUTCOME_CHOSEN],
            ],
            required=False,
            help_text=_(
                "Required when the case leaves 'intends to travel' without the person "
                "departing. Counted in the council report."
            ),
            error_messages={"invalid_choice": _("Choose how the intention ended from the list.")},
        )
    )
    death_source = required_when(
        forms.ChoiceField(
            label=_("What confirms the death?"),
            choices=[("", _("Choose…")), *DeathSource.choices],
            required=False,
            help_text=_(
                "Required for 'deceased'. A report that is not confirmed yet (by phone, on "
                "social media) is recorded as 'reported deceased, not confirmed'."
            ),
            error_messages={"invalid_choice": _("Choose what confirms the death from the list.")},
        )
    )
    death_source_note = forms.CharField(
        label=_("About the source"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Which document or who confirmed the death, and when. Required for 'other source'."
        ),
    )
    reason = _reason()
    field_order = [
        "to",
        "return_motive",
        "return_motive_note",
        "travel_outcome",
        "death_source",
        "death_source_note",
        "reason",
    ]

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        targets = situation_targets(case)
        self.fields["to"].choices = [(t.value, t.label) for t in targets]  # type: ignore[attr-defined]
        # Only the questions that can apply to this case are asked. Going back from a death
        # report to "returned" is not a new return: no motive is asked then.
        self.asks_return_motive = Situation.RETURNED in targets and not is_way_back(
            case.situation, Situation.RETURNED
        )
        self.asks_travel_outcome = case.situation == Situation.INTENDS_TO_TRAVEL
        self.asks_death_source = Situation.DECEASED in targets
        # From a death report: the situation before it, the only way back.
        back = [t for t in targets if is_way_back(case.situation, t)]
        self.way_back = back[0] if back else None
        if not self.asks_return_motive:
            del self.fields["return_motive"]
            del self.fields["return_motive_note"]
        if not self.asks_travel_outcome:
            del self.fields["travel_outcome"]
        if not self.asks_death_source:
            del self.fields["death_source"]
            del self.fields["death_source_note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        to = data.get("to")
        if "return_motive" in self.fields:
            if to != Situation.RETURNED:
                data["return_motive"] = ""
                data["return_motive_note"] = ""
            elif not data.get("return_motive"):
                self.add_error(
                    "return_motive", _("Choose the motive for return, or 'motive not known'.")
                )
            elif (
                data["return_motive"] == ReturnMotive.OTHER
                and not data.get("return_motive_note", "").strip()
            ):
                self.add_error("return_motive_note", _("Describe the other motive."))
        if "travel_outcome" in self.fields:
            if to not in TRAVEL_OUTCOME_ASKED:
                data["travel_outcome"] = ""
            elif not data.get("travel_outcome"):
                self.add_error("travel_outcome", _("Say how the intention to travel ended."))
        if "death_source" in self.fields:
            if to != Situation.DECEASED:
                data["death_source"] = ""
                data["death_source_note"] = ""
            elif not data.get("death_source"):
                self.add_error(
                    "death_source",
                    _(
                        "Choose what confirms the death. Without confirmation, choose "
                        "'reported deceased, not confirmed'."
                    ),
                )
            elif (
                data["death_source"] == DeathSource.OTHER
                and not data.get("death_source_note", "").strip()
            ):
                self.add_error("death_source_note", _("Describe the other source."))
        return data


class StatusForm(CaseForm):
    prefix = "status"
    to = forms.ChoiceField(
        label=_("New status"),
        choices=[],
        error_messages={
            "required": _("Choose the new status."),
            "invalid_choice": _("This status cannot follow the current one."),
        },
    )
    closure_reason = required_when(
        forms.ChoiceField(
            label=_("Reason for closing"),
            choices=[("", _("Choose…")), *ClosureReason.choices],
            required=False,
            help_text=_("Required when the case is closed."),
            error_messages={"invalid_choice": _("Choose the reason for closing from the list.")},
        )
    )
    decided_by = required_when(
        UserChoiceField(
            label=_("Closing decided by"),
            queryset=User.objects.none(),
            required=False,
            empty_label=_("Choose…"),
            help_text=_(
                "Required when the case is closed: the lead or process director who decided."
            ),
            error_messages={"invalid_choice": _("Choose who decided from the list.")},
        )
    )
    reason = _reason()
    field_order = ["to", "closure_reason", "decided_by", "reason", "version"]

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        choices = [(t.value, t.label) for t in status_targets(case)]
        self.fields["to"].choices = choices  # type: ignore[attr-defined]
        deciders = [pk for pk in (case.lead_id, case.process_director_id) if pk is not None]
        self.fields["decided_by"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=deciders
        ).order_by("full_name")
        self.may_close = CaseStatus.CLOSED in status_targets(case)
        if not self.may_close:
            del self.fields["closure_reason"]
            del self.fields["decided_by"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") == CaseStatus.CLOSED:
            if not data.get("closure_reason"):
                self.add_error("closure_reason", _("Choose why the case is closed."))
            if not data.get("decided_by"):
                self.add_error("decided_by", _("Choose who decided to close the case."))
        return data


class TeamAddForm(CaseForm):
    prefix = "team_add"
    organisation = OrganisationChoiceField(
        label=_("Organisation to add"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("Its partner professionals can see the case from this moment."),
        error_messages={
            "required": _("Choose the organisation to add."),
            "invalid_choice": _("Choose an organisation of the region that is not on the team."),
        },
    )
    reason = _reason()
    field_order = ["organisation", "reason", "version"]

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        on_team = case.team.filter(removed_at__isnull=True).values_list("organisation_id")
        queryset = (
            Organisation.objects.filter(region_id=case.municipality.region_id)
            .exclude(pk__in=on_team)
            .order_by("name")
        )
        self.fields["organisation"].queryset = queryset  # type: ignore[attr-defined]


class TeamRemoveForm(CaseForm):
    prefix = "team_remove"
    organisation = OrganisationChoiceField(
        label=_("Organisation to remove"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("Its partner professionals lose access to the case at once."),
        error_messages={
            "required": _("Choose the organisation to remove."),
            "invalid_choice": _("Choose an organisation that is on the team."),
        },
    )
    reason = _reason()
    field_order = ["organisation", "reason", "version"]

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        on_team = case.team.filter(removed_at__isnull=True).values_list("organisation_id")
        queryset = Organisation.objects.filter(pk__in=on_team).order_by("name")
        self.fields["organisation"].queryset = queryset  # type: ignore[attr-defined]


class ReviewForm(CaseForm):
    prefix = "review"
    review_on = forms.DateField(
        label=_("Next review"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the case conference looks at the case again."),
        error_messages={
            "required": _("Give the date of the next review."),
            "invalid": _("Give an existing date as day, month and year."),
        },
    )
    reason = _reason()
    field_order = ["review_on", "reason", "version"]


# --- Entries. ---

CATEGORY_HELP = _(
    "General: every team organisation reads it. Special personal data (health, religion, ...): "
    "only the source, the lead and organisations it is shared with. Criminal data: also the "
    "police, the prosecution service, probation and the process director. Professional "
    "secrecy: only the source and organisations it is shared with."
)


class EntryForm(BoundedForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(CaseEntry.Kind.NOTE.value, _("note")), (CaseEntry.Kind.FACT.value, _("fact"))],
        initial=CaseEntry.Kind.NOTE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether this is a note or a fact."),
            "invalid_choice": _("Choose note or fact."),
        },
    )
    category = forms.ChoiceField(
        label=_("Information category"),
        choices=[("", _("Choose…")), *InformationCategory.choices],
        help_text=CATEGORY_HELP,
        error_messages={
            "required": _("Choose the information category."),
            "invalid_choice": _("Choose the information category from the list."),
        },
    )
    source_organisation = OrganisationChoiceField(
        label=_("Source organisation"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The organisation the information comes from."),
        error_messages={
            "required": _("Choose the source organisation."),
            "invalid_choice": _("You cannot record information for this organisation."),
        },
    )
    legal_basis = required_when(
        forms.CharField(
            label=_("Legal basis"),
            max_length=300,
            required=False,
            help_text=_(
                "Why your organisation may share this, e.g. consent or a legal exception. "
                "Required for all but general information."
            ),
            error_messages={"max_length": _("The legal basis is at most 300 characters.")},
        )
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Record facts and what was agreed; judgements with their reasons."),
        error_messages={
            "required": _("Write the text of the entry."),
            "max_length": _("The text is at most 10000 characters."),
        },
    )

    def __init__(self, *args: Any, sources: Sequence[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source_organisation"]
        field.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in sources]
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        category = data.get("category")
        needs_basis = category and category != InformationCategory.GENERAL
        if needs_basis and not (data.get("legal_basis") or "").strip():
            self.add_error(
                "legal_basis",
                _("Give the legal basis for recording this information, e.g. consent."),
            )
        return data


class EntryCorrectForm(BoundedForm):
    prefix = "correct"
    text = forms.CharField(
        label=_("Corrected text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The previous text stays readable in the history."),
        error_messages={
            "required": _("Write the corrected text."),
            "max_length": _("The text is at most 10000 characters."),
        },
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Give the reason for the correction."),
            "max_length": _("The reason is at most 500 characters."),
        },
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form was incomplete; open the entry again."),
            "invalid": _("The form was incomplete; open the entry again."),
        },
    )


class GrantForm(BoundedForm):
    prefix = "grant"
    organisation = OrganisationChoiceField(
        label=_("Share with"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose…"),
        help_text=_("A team organisation that does not have the entry yet."),
        error_messages={
            "required": _("Choose the organisation to share with."),
            "invalid_choice": _(
                "Choose an organisation on the team that does not have the entry yet."
            ),
        },
    )
    reason = forms.CharField(
        label=_("Ground"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The consent or legal exception that allows sharing."),
        error_messages={
            "required": _("Give the ground for sharing: consent or a legal exception."),
            "max_length": _("The ground is at most 500 characters."),
        },
    )

    def __init__(self, *args: Any, choices: Sequence[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in choices]
        ).order_by("name")


class EntrySearchForm(BoundedForm):
    q = forms.CharField(
        label=_("Search the entries"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Search for at most 200 characters.")},
    )


# --- Emergency access. ---


class BreakGlassForm(BoundedForm):
    reason = forms.CharField(
        label=_("Why do you need access now?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The privacy officer reads this when reviewing your access."),
        error_messages={
            "required": _("Give the reason why you need access now."),
            "max_length": _("The reason is at most 2000 characters."),
        },
    )


class BreakGlassFindForm(BoundedForm):
    number = forms.IntegerField(
        label=_("Case number"),
        min_value=1,
        error_messages={
            "required": _("Give the case number."),
            "invalid": _("A case number consists of digits only."),
            "min_value": _("A case number consists of digits only."),
        },
    )
