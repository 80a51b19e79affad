"""Small helpers for forms, shared by every app (model-free).

Every form of Schakel derives from ``BoundedForm`` or ``BoundedModelForm``: before the form
is judged, each date gets ``lib.dates.DateRange`` and each number ``lib.ids.IntegerRange``,
whether the form declares the field or takes it from a model, so no date of year 1 or number
past 64 bits reaches a service (date arithmetic and the database overflow: a 500).
``tests/test_hostile_inputs.py`` checks that every form of the project is one of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

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


def _add_once(field: forms.Field, validator: DateRange | IntegerRange | MaxLengthValidator) -> None:
    if not any(isinstance(present, type(validator)) for present in field.validators):
        field.validators.append(validator)


class BoundedForm(forms.Form):
    # Dates of what has already happened (a receipt, a contact): up to today, not beyond.
    past_dates: ClassVar[frozenset[str]] = frozenset()

    def full_clean(self) -> None:
        # Here rather than in __init__: a form may add fields after its own super().__init__.
        bound_fields(self.fields, past_dates=self.past_dates)
        super().full_clean()


class BoundedModelForm(forms.ModelForm):
    past_dates: ClassVar[frozenset[str]] = frozenset()

    def full_clean(self) -> None:
        bound_fields(self.fields, past_dates=self.past_dates)
        super().full_clean()


BOUNDED_FORMS = (BoundedForm, BoundedModelForm)
