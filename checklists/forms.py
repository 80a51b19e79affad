"""Forms for starting and ticking checklists, and for the administrator's template pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from checklists.facts import FactKind
from checklists.holders import HolderChoice
from checklists.models import (
    AppliesTo,
    ChecklistItem,
    ChecklistTemplate,
    ItemState,
    Scenario,
    TaskOwner,
)
from lib.forms import BoundedForm, required_when

# The municipality's own items stay with the lead: its kind is no holder.
HOLDER_KINDS = [
    (value, label)
    for value, label in Organisation.Kind.choices
    if value != Organisation.Kind.MUNICIPALITY
]

VERSION_ERRORS = {
    "required": _("The form was incomplete; open the checklist again."),
    "invalid": _("The form was incomplete; open the checklist again."),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class StartForm(BoundedForm):
    past_dates = frozenset({"event_date"})
    template = TemplateChoiceField(
        label=_("Checklist"),
        queryset=ChecklistTemplate.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choose the checklist to start."),
            "invalid_choice": _("Choose a checklist from the list."),
        },
    )
    event_date = forms.DateField(
        label=_("Event date"),
        widget=DateInput(),
        help_text=_("The date the deadlines count from, such as the date of departure."),
        error_messages={
            "required": _("Give the event date."),
            "invalid": _("Give the date as day, month and year."),
        },
    )

    def __init__(self, *args: Any, templates: QuerySet[ChecklistTemplate], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = templates


MARKS = [
    (ItemState.DONE, _("done")),
    (ItemState.NOT_APPLICABLE, _("not applicable")),
    (ItemState.OPEN, _("open again")),
]


class ItemForm(BoundedForm):
    state = forms.ChoiceField(
        label=_("The item is"),
        choices=[],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether the item is done or does not apply."),
            "invalid_choice": _("Choose whether the item is done or does not apply."),
        },
    )
    reason = required_when(
        forms.CharField(
            label=_("Reason it does not apply"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Required when the item does not apply to this case."),
            error_messages={"max_length": _("The reason is at most %(limit_value)d characters.")},
        )
    )
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)

    def __init__(
        self, *args: Any, current: str = ItemState.OPEN, done_only: bool = False, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        # Only the states the item can move to: an open item is not "opened again". The
        # organisation that holds an item marks it done; judging it is for the lead.
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (value, label)
            for value, label in MARKS
            if value != current and (value == ItemState.DONE or not done_only)
        ]
        if done_only:
            # Only "done" is theirs to give: no reason for "not applicable" to ask.
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("state") == ItemState.NOT_APPLICABLE and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the reason why this item does not apply."))
        return data


class HolderForm(BoundedForm):
    """Who holds an open item: the lead, a team organisation as a whole, or one of its
    professionals. One list, grouped per organisation."""

    # The item page holds three forms: prefixes keep their fields (and ids) apart.
    prefix = "holder"

    holder = forms.ChoiceField(
        label=_("Held by"),
        required=False,
        help_text=_("The organisation, or one of its professionals, that does this item."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)

    def __init__(self, *args: Any, choices: list[HolderChoice], **kwargs: Any):
        super().__init__(*args, **kwargs)
        options: list[Any] = [("", _("the lead of the case"))]
        for choice in choices:
            group = [
                (
                    f"o{choice.organisation.pk}",
                    _("%(name)s (whole organisation)") % {"name": choice.organisation.name},
                )
            ]
            group += [
                (f"p{choice.organisation.pk}-{person.pk}", person.full_name)
                for person in choice.professionals
            ]
            options.append((choice.organisation.name, group))
        field = self.fields["holder"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = options

    def organisation_and_holder(self) -> tuple[int | None, int | None]:
        value = self.cleaned_data.get("holder") or ""
        if value.startswith("o"):
            return int(value[1:]), None
        if value.startswith("p"):
            organisation, person = value[1:].split("-")
            return int(organisation), int(person)
        return None, None


def holder_value(item: ChecklistItem) -> str:
    """The list value of the item's current holder, for the form's initial choice."""
    if item.holder_organisation_id is None:
        return ""
    if item.holder_id is None:
        return f"o{item.holder_organisation_id}"
    return f"p{item.holder_organisation_id}-{item.holder_id}"


class ReportForm(BoundedForm):
    prefix = "report"
    feedback = forms.CharField(
        label=_("Your report"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What your organisation did or still awaits; facts, no judgements."),
        error_messages={
            "required": _("Write what you report back."),
            "max_length": _("The report is at most %(limit_value)d characters."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)


class SettleForm(BoundedForm):
    """Closing the open items of a checklist whose situation passed, in one step. Each
    irreversible item asks for the lead's reason; the others may carry one."""

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=VERSION_ERRORS)

    def __init__(self, *args: Any, items: list[ChecklistItem], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            field = forms.CharField(
                label=item.text,
                required=item.irreversible,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=(
                    _(
                        "Irreversible: give the reason it lapses (for example: not carried "
                        "out, the person is back)."
                    )
                    if item.irreversible
                    else _("Optional: a note why it lapses.")
                ),
                error_messages={
                    "required": _("Give the reason why this irreversible item lapses."),
                    "max_length": _("The reason is at most %(limit_value)d characters."),
                },
            )
            self.fields[f"reason_{item.pk}"] = field

    def rows(self) -> list[tuple[ChecklistItem, forms.BoundField]]:
        return [(item, self[f"reason_{item.pk}"]) for item in self.items]

    def reasons(self) -> dict[int, str]:
        return {
            item.pk: self.cleaned_data.get(f"reason_{item.pk}", "").strip() for item in self.items
        }


# --- Administration. ---


class TemplateForm(BoundedForm):
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("A fixed short name in lower case letters, digits and hyphens."),
        error_messages={
            "required": _("Give the code of the checklist."),
            "invalid": _("Use only lower case letters, digits and hyphens in the code."),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Give the name of the checklist.")},
    )
    scenario = forms.ChoiceField(
        label=_("Scenario"),
        choices=Scenario.choices,
        error_messages={
            "required": _("Choose the scenario."),
            "invalid_choice": _("Choose the scenario from the list."),
        },
    )
    event_label = forms.CharField(
        label=_("Event date label"),
        max_length=100,
        required=False,
        help_text=_("What the event date means here, e.g. 'Datum van vertrek'."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    active = forms.BooleanField(
        label=_("Active"), required=False, help_text=_("Only active checklists can be started.")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if editing:
            # The code is how the loader finds the template: it does not change.
            del self.fields["code"]


class TemplateItemForm(BoundedForm):
    position = forms.IntegerField(
        label=_("Position"),
        min_value=1,
        max_value=999,
        error_messages={
            "required": _("Give the position of the item."),
            "invalid": _("Give the position as a whole number."),
            "min_value": _("The position is at least 1."),
            "max_value": _("The position is at most 999."),
        },
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=300,
        error_messages={"required": _("Give the text of the item.")},
    )
    help_text = forms.CharField(
        label=_("Help and source"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Explanation shown with the item, with the source of any period."),
    )
    applies_to = forms.ChoiceField(
        label=_("Applies to"),
        choices=AppliesTo.choices,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    creates_task = forms.BooleanField(
        label=_("Creates a task"),
        required=False,
        help_text=_("Starting the checklist gives someone a dated task for this item."),
    )
    task_offset_days = forms.IntegerField(
        label=_("Task due after (days)"),
        required=False,
        min_value=0,
        max_value=3650,
        help_text=_("Days after the event date; for example 90 for three months."),
        error_messages={
            "invalid": _("Give the number of days as a whole number."),
            "min_value": _("The number of days cannot be negative."),
            "max_value": _("The number of days is at most 3650."),
        },
    )
    task_owner = forms.ChoiceField(
        label=_("Task owner"),
        choices=TaskOwner.choices,
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    usual_holder = forms.ChoiceField(
        label=_("Usually done by"),
        choices=[("", _("the task owner above")), *HOLDER_KINDS],
        required=False,
        help_text=_(
            "The kind of team organisation that usually does the item; when one is on the "
            "case team, the item and its task go to it."
        ),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    source_note = forms.CharField(label=_("Source"), max_length=300, required=False)
    fulfilled_by = forms.ChoiceField(
        label=_("Fulfilled by"),
        choices=[("", _("nothing: ticked by hand")), *FactKind.choices],
        required=False,
        help_text=_("What, once recorded in Schakel, marks the item done by itself."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    fact_parameter = forms.CharField(
        label=_("Which measure"),
        max_length=60,
        required=False,
        help_text=_("Only for a measure: the code of its measure type, e.g. brp-deregistration."),
    )
    irreversible = forms.BooleanField(
        label=_("Irreversible"),
        required=False,
        help_text=_(
            "Carrying it out cannot be undone: when the situation changes, it lapses only "
            "with the lead's reason."
        ),
    )
    active = forms.BooleanField(
        label=_("Active"),
        required=False,
        initial=True,
        help_text=_("Inactive items are left out of new checklists."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
