"""Small helpers for forms, shared by every app (model-free).

Every form of Schakel derives from ``BoundedForm`` or ``BoundedModelForm``: before the form
is judged, each date gets ``lib.dates.DateRange`` and each number ``lib.ids.IntegerRange``,
whether the form declares the field or takes it from a model, so no date of year 1 or number
past 64 bits reaches a service (date arithmetic and the database overflow: a 500).
``tests/test_hostile_inputs.py`` checks that every form of the project is one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.boundfield import BoundField

from lib.dates import DateRange
from lib.ids import IntegerRange


def add_service_errors(form: Any, error: ValidationError) -> None:
    """Shows a service's refusal on the form: on its field when the form has that field."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


# The longest texts Schakel takes; a text field that names no max_length (a model's
# TextField) gets this one.
TEXT_LIMIT = 10_000


def bound_fields(fields: Mapping[str, forms.Field], *, past_dates: frozenset[str]) -> None:
    """Adds the range validators a field does not have yet (a field may bring its own)."""
    for name, field in fields.items():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            _add_once(field, DateRange(past_only=name in past_dates))
        elif isinstance(field, forms.IntegerField):  # DecimalField and FloatField too
            _add_once(field, IntegerRange())
        elif isinstance(field, forms.CharField) and field.max_length is None:
            _add_once(field, MaxLengthValidator(TEXT_LIMIT))


# --- How fields present themselves (templates/includes/field.html reads these) ---

FieldT = TypeVar("FieldT", bound=forms.Field)


def required_when(field: FieldT) -> FieldT:
    """Marks a field that the form requires under a condition its ``clean()`` checks.

    Such a field is not labelled "(optional)": that would be untrue in the common case. Its
    hint (``help_text``) states the condition, e.g. "Required when the item does not apply".
    """
    field.conditionally_required = True  # type: ignore[attr-defined]
    return field


def is_conditionally_required(field: forms.Field) -> bool:
    return bool(getattr(field, "conditionally_required", False))


class SchakelBoundField(BoundField):
    """A bound field that states its text limit instead of letting the browser enforce it.

    A textarea's ``maxlength`` makes the browser cut pasted text silently (10,000 pasted
    characters become 5,000 without a word). Schakel's textareas carry the limit as
    ``data-maxlength`` instead: the hint "At most N characters" says it, static/js/forms.js
    counts along, and the server refuses a longer text with a message, changing nothing.
    Single-line inputs keep ``maxlength``: their limits are far above what is typed there.
    """

    def __init__(self, form: forms.BaseForm, field: forms.Field, name: str) -> None:
        super().__init__(form, field, name)
        # ``field`` is the form's own copy of the field, so its widget may be changed here.
        widget = field.widget
        if isinstance(widget, forms.Textarea) and isinstance(field, forms.CharField):
            stated = widget.attrs.pop("maxlength", None)
            # A text without max_length gets TEXT_LIMIT from bound_fields() when judged.
            limit = stated or field.max_length or TEXT_LIMIT
            widget.attrs["data-maxlength"] = str(limit)

    @property
    def text_limit(self) -> int | None:
        """The limit the page states next to a textarea, or None."""
        limit = self.field.widget.attrs.get("data-maxlength")
        return int(limit) if limit is not None else None

    @property
    def conditionally_required(self) -> bool:
        return is_conditionally_required(self.field)

    @property
    def aria_describedby(self) -> str | None:
        described = super().aria_describedby
        if described is None or self.text_limit is None or not self.auto_id:
            return described
        return " ".join(part for part in (described, f"{self.auto_id}_limit") if part)


def _add_once(field: forms.Field, validator: DateRange | IntegerRange | MaxLengthValidator) -> None:
    if not any(isinstance(present, type(validator)) for present in field.validators):
        field.validators.append(validator)


class BoundedForm(forms.Form):
    bound_field_class = SchakelBoundField
    # Dates of what has already happened (a receipt, a contact): up to today, not beyond.
    past_dates: ClassVar[frozenset[str]] = frozenset()

    def full_clean(self) -> None:
        # Here rather than in __init__: a form may add fields after its own super().__init__.
        bound_fields(self.fields, past_dates=self.past_dates)
        super().full_clean()


class BoundedModelForm(forms.ModelForm):
    bound_field_class = SchakelBoundField
    past_dates: ClassVar[frozenset[str]] = frozenset()

    def full_clean(self) -> None:
        bound_fields(self.fields, past_dates=self.past_dates)
        super().full_clean()


BOUNDED_FORMS = (BoundedForm, BoundedModelForm)
