"""One strict parser for ids, cursors and versions that arrive as text.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads as another
number; and a number past 64 bits overflows the database. An id here is ASCII digits that fit
a signed 64-bit integer; anything else is "no id".
"""

from __future__ import annotations

import re

_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")
MAX_ID = 2**63 - 1


def parse_id(raw: object) -> int | None:
    if not isinstance(raw, str) or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None
