"""Forms of the network pages. Each change carries the version the user saw, so a change
based on an outdated page is refused with a conflict instead of overwriting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from lib.forms import BoundedForm
from network.analysis import DEPTHS, Filters
from network.models import Direction, Nature, NetworkPerson, NodeKind, RelationKind, Reliability

VERSION_ERRORS = {
    "required": _("The form was incomplete; open the network again."),
    "invalid": _("The form was incomplete; open the network again."),
}
NODE_ERRORS = {
    "required": _("Choose a person from this network."),
    "invalid_choice": _("Choose a person from this network."),
}
MINOR_CHOICES = [("", _("not known")), ("yes", _("yes, under 18")), ("no", _("no, 18 or older"))]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)


def node_choices(people: Sequence[NetworkPerson]) -> list[tuple[int, str]]:
    return [(p.pk, f"{p.name} ({p.get_kind_display()})") for p in people]


def _choice(label: Any, choices: Any, message: Any, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PersonForm(BoundedForm):
    """A node: a person, or a place or organisation they meet at."""

    kind = _choice(
        _("Kind"),
        NodeKind.choices,
        _("Choose whether this is a person, a place or an organisation."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("As known to the professionals; a first name or a role is often enough."),
        error_messages={
            "required": _("Give a name or a role."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_("Only if known and needed."),
        error_messages={"invalid": _("Write the year of birth as four digits, e.g. 2010.")},
    )
    minor = forms.ChoiceField(
        label=_("Under 18?"),
        choices=MINOR_CHOICES,
        required=False,
        help_text=_("Only when the year of birth is not known."),
        error_messages={"invalid_choice": _("Choose whether the person is under 18.")},
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only what the case conference needs to know."),
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )

    def minor_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("minor") or "")

    @staticmethod
    def initial_for(person: NetworkPerson) -> dict[str, Any]:
        minor = {True: "yes", False: "no"}.get(person.minor, "") if person.minor is not None else ""
        return {
            "kind": person.kind,
            "name": person.name,
            "birth_year": person.birth_year,
            "minor": minor,
            "note": person.note,
            "version": person.version,
        }


class PersonAddForm(PersonForm):
    source_organisation = OrganisationChoiceField(
        label=_("Source organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation that knows of this person, place or organisation."),
        error_messages={
            "required": _("Choose the organisation that knows of this."),
            "invalid_choice": _("Choose the source organisation from the list."),
        },
    )

    def __init__(self, *args: Any, organisations: Sequence[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source_organisation"]
        field.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
        if len(organisations) == 1:
            field.initial = organisations[0].pk


class PersonEditForm(PersonForm):
    version = _version()


class LinkSubjectForm(BoundedForm):
    subject = forms.IntegerField(
        label=_("Subject number"),
        min_value=1,
        help_text=_("The number of the known subject in this municipality."),
        error_messages={
            "required": _("Give the number of the known subject."),
            "invalid": _("Give the number of the known subject."),
            "min_value": _("Give the number of the known subject."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you are sure this is the same person."),
        error_messages={
            "required": _("Say why this is the same person."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    version = _version()


class RelationForm(BoundedForm):
    """What is known of a tie; the pair is chosen when it is added."""

    kind = _choice(
        _("Kind of relation"),
        RelationKind.choices,
        _("Choose the kind of relation from the list."),
    )
    direction = _choice(
        _("Direction"),
        Direction.choices,
        _("Choose the direction of the relation from the list."),
        initial=Direction.MUTUAL,
    )
    nature = _choice(
        _("Nature"),
        Nature.choices,
        _("Choose whether the relation is protective, a risk, ambivalent or unknown."),
        initial=Nature.UNKNOWN,
    )
    reliability = _choice(
        _("Reliability"),
        Reliability.choices,
        _("Choose how reliable the information is."),
        initial=Reliability.UNCONFIRMED,
    )
    started_on = forms.DateField(
        label=_("Since"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Start of the period, if known."),
        error_messages={"invalid": _("Give the date as day-month-year, e.g. 1-3-2024.")},
    )
    ended_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("End of the period, if it ended."),
        error_messages={"invalid": _("Give the date as day-month-year, e.g. 1-3-2024.")},
    )
    observed_on = forms.DateField(
        label=_("Observed on"),
        widget=DATE_WIDGET,
        help_text=_("When the relation was observed or reported."),
        error_messages={
            "required": _("Give the date the relation was observed or reported."),
            "invalid": _("Give the date as day-month-year, e.g. 1-3-2024."),
        },
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Context the conference needs."),
        error_messages={"max_length": _("Write at most %(limit_value)d characters.")},
    )

    @staticmethod
    def initial_for(relation: Any) -> dict[str, Any]:
        return {
            "kind": relation.kind,
            "direction": relation.direction,
            "nature": relation.nature,
            "reliability": relation.reliability,
            "started_on": relation.started_on,
            "ended_on": relation.ended_on,
            "observed_on": relation.observed_on,
            "note": relation.note,
            "version": relation.version,
        }


class RelationAddForm(RelationForm):
    source = forms.TypedChoiceField(
        label=_("First"), coerce=int, choices=[], error_messages=NODE_ERRORS
    )
    target = forms.TypedChoiceField(
        label=_("Second"), coerce=int, choices=[], error_messages=NODE_ERRORS
    )
    source_organisation = OrganisationChoiceField(
        label=_("Source organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The organisation that observed the relation."),
        error_messages={
            "required": _("Choose the organisation that observed the relation."),
            "invalid_choice": _("Choose the source organisation from the list."),
        },
    )
    field_order = ["source", "target", "kind", "direction", "nature", "reliability"]

    def __init__(
        self,
        *args: Any,
        people: Sequence[NetworkPerson],
        organisations: Sequence[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose…")), *node_choices(people)]
        self.fields["source"].choices = choices  # type: ignore[attr-defined]
        self.fields["target"].choices = choices  # type: ignore[attr-defined]
        field = self.fields["source_organisation"]
        field.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
        if len(organisations) == 1:
            field.initial = organisations[0].pk


class RelationEditForm(RelationForm):
    version = _version()


class RelationRemoveForm(BoundedForm):
    prefix = "remove"
    reason = forms.CharField(
        label=_("Reason for removing"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Say why the relation is removed."),
            "max_length": _("Write at most %(limit_value)d characters."),
        },
    )
    version = _version()


class NetworkQueryForm(BoundedForm):
    """What to draw: filters, a neighbourhood and a path. Sent with GET; nothing changes."""

    kinds = forms.MultipleChoiceField(
        label=_("Kinds of relation"),
        choices=RelationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose kinds of relation from the list.")},
    )
    natures = forms.MultipleChoiceField(
        label=_("Nature"),
        choices=Nature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose natures from the list.")},
    )
    reliabilities = forms.MultipleChoiceField(
        label=_("Reliability"),
        choices=Reliability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose reliabilities from the list.")},
    )
    focus = forms.TypedChoiceField(
        label=_("Expand around"),
        coerce=int,
        choices=[],
        required=False,
        empty_value=None,
        help_text=_("Show only who is within a few ties of this person."),
        error_messages=NODE_ERRORS,
    )
    depth = forms.TypedChoiceField(
        label=_("Depth"),
        coerce=int,
        choices=[(d, str(d)) for d in DEPTHS],
        required=False,
        empty_value=None,
        help_text=_("1 = direct ties; 2 and 3 reach further."),
        error_messages={"invalid_choice": _("Choose a depth of 1, 2 or 3.")},
    )
    path_from = forms.TypedChoiceField(
        label=_("Shortest path from"),
        coerce=int,
        choices=[],
        required=False,
        empty_value=None,
        error_messages=NODE_ERRORS,
    )
    path_to = forms.TypedChoiceField(
        label=_("to"),
        coerce=int,
        choices=[],
        required=False,
        empty_value=None,
        error_messages=NODE_ERRORS,
    )

    def __init__(self, *args: Any, people: Sequence[NetworkPerson], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("nobody")), *node_choices(people)]
        for name in ("focus", "path_from", "path_to"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("path_from"), data.get("path_to")
        if (start is None) != (end is None):
            self.add_error("path_to", _("Choose both people to find the path between them."))
        elif start is not None and start == end:
            self.add_error("path_to", _("Choose two different people."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            kinds=frozenset(data.get("kinds") or ()),
            natures=frozenset(data.get("natures") or ()),
            reliabilities=frozenset(data.get("reliabilities") or ()),
        )
