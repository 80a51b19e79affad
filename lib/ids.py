"""One strict parser for ids, cursors and versions that arrive as text.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads as another
number; and a number past 64 bits overflows the database. An id here is ASCII digits that fit
a signed 64-bit integer; anything else is "no id".
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")
MAX_ID = 2**63 - 1


def parse_id(raw: object) -> int | None:
    if not isinstance(raw, str) or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None


class IdConverter:
    """The ``<id:...>`` path converter: the same rule as ``parse_id``.

    Django's ``<id:...>`` takes any length of digits, and an id past 64 bits overflows the
    database before a gate can answer; this one does not match such a path, so it is a 404
    like any other unknown address.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        parsed = parse_id(value)
        if parsed is None:
            raise ValueError(value)  # Django treats this as "no match": a 404
        return parsed

    def to_url(self, value: int) -> str:
        return str(value)


# --- Every whole number that arrives as input fits the database's 64-bit integer. ---

MIN_INT = -(2**63)
MAX_INT = MAX_ID


@deconstructible
class IntegerRange:
    """Refuses a whole number outside ``minimum`` .. ``maximum`` (by default: 64 bits).

    A Django validator, so forms and DRF serializers use the same one (lib.forms,
    lib.serializers). A field with its own, narrower domain (a birth year, a day count)
    says so with ``min_value``/``max_value`` as well; this one only keeps the database safe."""

    code = "integer_out_of_range"

    def __init__(self, minimum: int = MIN_INT, maximum: int = MAX_INT) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def __call__(self, value: int) -> None:
        if value > self.maximum:
            raise ValidationError(_("This number is too large."), code=self.code)
        if value < self.minimum:
            raise ValidationError(_("This number is too small."), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IntegerRange) and (other.minimum, other.maximum) == (
            self.minimum,
            self.maximum,
        )

    def __hash__(self) -> int:
        return hash((IntegerRange, self.minimum, self.maximum))
