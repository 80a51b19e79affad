from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.ids import MAX_ID, parse_id


@pytest.mark.parametrize("raw", ["", "²", "٣", "-1", "+1", "1.0", " 1", "1 ", "9" * 20, None, 7])
def test_anything_but_ascii_digits_within_64_bits_is_no_id(raw: object):
    assert parse_id(raw) is None


def test_the_largest_id_is_accepted_and_one_more_is_not():
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(str(MAX_ID + 1)) is None


@given(st.text(max_size=25))
def test_any_text_gives_an_id_in_range_or_none(raw: str):
    value = parse_id(raw)
    assert value is None or (
        (0 <= value <= MAX_ID and str(value) == raw.lstrip("0")) or raw == "0" * len(raw)
    )
