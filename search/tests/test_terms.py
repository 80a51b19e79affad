"""Reading what was typed: a number, or the ways a name may be split."""

from __future__ import annotations

import pytest

from search.terms import NameSplit, name_splits, search_terms


@pytest.mark.parametrize(("typed", "number"), [("12", 12), ("#12", 12), (" # 7 ", 7)])
def test_ascii_digits_are_a_number(typed: str, number: int):
    terms = search_terms(typed)
    assert terms.is_number
    assert terms.number == number
    assert terms.names == ()


def test_digits_past_64_bits_are_a_number_that_names_nothing():
    terms = search_terms("9" * 30)
    assert terms.is_number
    assert terms.number is None


@pytest.mark.parametrize("typed", ["²", "١٣", "12a", "0x10"])
def test_other_digits_are_no_number(typed: str):
    assert not search_terms(typed).is_number


def test_the_whole_text_is_tried_as_a_surname_first_then_given_names_first_or_last():
    assert name_splits("Lina  van der Berg") == (
        NameSplit("", "Lina van der Berg"),
        NameSplit("Lina", "van der Berg"),
        NameSplit("Berg", "Lina van der"),
        NameSplit("Lina van", "der Berg"),
        NameSplit("der Berg", "Lina van"),
        NameSplit("Lina van der", "Berg"),
        NameSplit("van der Berg", "Lina"),
    )


def test_a_comma_puts_the_surname_first():
    assert name_splits("Voorbeeld, Lina") == (
        NameSplit("", "Voorbeeld, Lina"),
        NameSplit("Lina", "Voorbeeld"),
    )
