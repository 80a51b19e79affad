"""The base of every DRF serializer of Schakel: input that is bounded and of its own type.

DRF's own fields are lenient where the database is not: ``CharField`` stores ``0`` or
``true`` as the text "0" / "True", ``IntegerField`` and ``PrimaryKeyRelatedField`` take a
number past 64 bits (an overflow in the database: a 500), and dates run from year 1 to 9999.
``BoundedSerializer.get_fields`` swaps each such field for its strict counterpart below, made
from the same arguments, so a serializer declares plain DRF fields and still gets these
rules; a field that needs a narrower domain says so itself (``min_value``/``max_value``).
``tests/test_hostile_inputs.py`` checks that every serializer of the project derives from it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import Field

from lib.dates import DateRange
from lib.ids import MAX_INT, MIN_INT, IntegerRange, parse_id

_IN = TypeVar("_IN")


# The longest texts Schakel takes; a text field that names no max_length gets this one.
TEXT_LIMIT = 10_000


class StrictCharField(serializers.CharField):
    """Text, and only text: a number or a boolean is refused instead of turned into text."""

    default_error_messages = {"not_text": _("Send this as text (a JSON string).")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", TEXT_LIMIT)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class StrictSlugField(StrictCharField, serializers.SlugField):
    pass


class StrictEmailField(StrictCharField, serializers.EmailField):
    pass


class StrictURLField(StrictCharField, serializers.URLField):
    pass


class BoundedIntegerField(serializers.IntegerField):
    """A whole number within 64 bits unless the field gives its own, narrower bounds."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(IntegerRange())
        # Shown in the OpenAPI schema as the field's minimum and maximum.
        if self.min_value is None:
            self.min_value = MIN_INT
        if self.max_value is None:
            self.max_value = MAX_INT


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id as ``lib.ids.parse_id`` reads it: a JSON number or ASCII digits within 64 bits;
    ``true`` is not the object with id 1, and a huge number is no object at all."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        pk = parse_id(data) if isinstance(data, str) else data
        if pk is None or not 0 <= pk <= MAX_INT:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(pk)


class BoundedDateField(serializers.DateField):
    def __init__(self, *, past_only: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(DateRange(past_only=past_only))


class BoundedDateTimeField(serializers.DateTimeField):
    def __init__(self, *, past_only: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.date_range = DateRange(past_only=past_only)

    def enforce_timezone(self, value: datetime) -> datetime:
        # Before DRF converts the moment to UTC: at 0001-01-01 that conversion overflows.
        try:
            self.date_range(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return super().enforce_timezone(value)


# The plain DRF field -> its strict counterpart (exact types: a subclass such as EmailField
# keeps its own rules).
STRICT: dict[type[Field[Any, Any, Any, Any]], type[Field[Any, Any, Any, Any]]] = {
    serializers.CharField: StrictCharField,
    serializers.SlugField: StrictSlugField,
    serializers.EmailField: StrictEmailField,
    serializers.URLField: StrictURLField,
    serializers.IntegerField: BoundedIntegerField,
    serializers.PrimaryKeyRelatedField: BoundedPrimaryKeyRelatedField,
    serializers.DateField: BoundedDateField,
    serializers.DateTimeField: BoundedDateTimeField,
}
DATE_FIELDS = (BoundedDateField, BoundedDateTimeField)


def strict_field(field: Any, *, past_only: bool = False) -> Any:
    """The strict counterpart of a plain DRF field, built from the arguments it was declared
    with (DRF keeps them for copying); any other field is returned as it is."""
    if isinstance(field, serializers.ListField | serializers.DictField):
        child = strict_field(field.child)
        if child is not field.child:
            field.child = child
            child.bind(field_name="", parent=field)
        return field
    strict = STRICT.get(type(field))
    if strict is None:
        return field
    kwargs = dict(field._kwargs)
    if strict in DATE_FIELDS:
        kwargs["past_only"] = past_only
    return strict(*field._args, **kwargs)


class BoundedSerializer(serializers.Serializer[_IN]):
    # Dates of what has already happened (a receipt, a contact): up to today, not beyond.
    past_dates: ClassVar[frozenset[str]] = frozenset()

    def get_fields(self) -> dict[str, Any]:
        return {
            name: strict_field(field, past_only=name in self.past_dates)
            for name, field in super().get_fields().items()
        }
