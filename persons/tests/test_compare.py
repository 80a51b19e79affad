"""Comparing two identities field by field, without the database."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation

from persons.matching import (
    Agreement,
    DateComparison,
    PartialDate,
    PersonQuery,
    Strength,
    close_spelling,
    compare,
    compare_dates,
    compare_given_names,
)

D = DateComparison


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ((1998, 3, 14), (1998, 3, 14), D.EXACT),
        ((1998, 3, 4), (1998, 4, 3), D.SWAPPED),
        ((1998, 1, 1), (1998, 6, 20), D.PLACEHOLDER),
        ((1998, 6, 20), (1998, 1, 1), D.PLACEHOLDER),
        ((1998, None, None), (1998, 6, 20), D.PARTIAL),
        ((1998, 6, None), (1998, 6, 20), D.PARTIAL),
        ((1998, None, None), (1998, None, None), D.PARTIAL),
        ((1998, 1, None), (1998, 6, 20), D.YEAR_ONLY),
        ((1998, 1, 1), (1998, 6, None), D.PLACEHOLDER),
        ((1998, 6, 20), (1998, 11, 2), D.YEAR_ONLY),
        ((1997, 6, 20), (1998, 6, 20), D.YEAR_OFF_BY_ONE),
        ((1997, 6, 20), (1998, 6, 21), D.DISAGREE),
        ((1997, None, None), (1998, None, None), D.DISAGREE),
        ((1996, 6, 20), (1998, 6, 20), D.DISAGREE),
        ((None, None, None), (1998, 6, 20), D.UNKNOWN),
    ],
)
def test_dates_of_birth_compare_as_expected(first, second, expected):
    assert compare_dates(PartialDate(*first), PartialDate(*second)) == expected
    assert compare_dates(PartialDate(*second), PartialDate(*first)) == expected


@pytest.mark.parametrize(
    ("first", "second", "close"),
    [
        ("bakker", "bakkr", True),
        ("jansen", "janssen", True),
        ("amrani", "amarni", True),  # two neighbours swapped
        ("vermeulen", "fermuelen", True),  # long name: two edits allowed
        ("bakker", "backer", True),
        ("bakker", "bekkar", False),
        ("ali", "aly", False),  # too short to call a typo
        ("smit", "smid", True),
        ("jansen", "pietersen", False),
    ],
)
def test_close_spelling_threshold(first, second, close):
    assert close_spelling(first, second) is close


@pytest.mark.parametrize(
    ("first", "second", "agreement", "name"),
    [
        ("Mohammed", "mohammed", Agreement.GIVEN_SAME, ""),
        ("Mohamed", "Muhammad", Agreement.GIVEN_VARIANT, "Mohammed"),
        ("Abdel Kader Omar", "Abdelkader Umar", Agreement.GIVEN_VARIANT, "Omar"),
        ("Abd el-Kader", "Abdulkadir", Agreement.GIVEN_VARIANT, "Abdelkader"),
        ("Mohammed", "Mohammed Amin", Agreement.GIVEN_FEWER, ""),
        ("Yusuf Ali", "Youssef", Agreement.GIVEN_FEWER_VARIANT, "Youssef"),
        ("Mohammed Amin", "Mohammed Amien", Agreement.GIVEN_CLOSE, ""),
        ("Pieternella", "Pieternela", Agreement.GIVEN_CLOSE, ""),
        ("Jan Willem", "Willem", Agreement.GIVEN_OTHER_NAME, ""),
        ("Hamza Osman", "Hamza Oguz", Agreement.GIVEN_FIRST_ONLY, ""),
        ("Mohamed Osman", "Mohammed Othman Ali", Agreement.GIVEN_FEWER_VARIANT, "Mohammed"),
        ("M.A.", "Mohammed Amin", Agreement.GIVEN_INITIALS, ""),
    ],
)
def test_given_names_agree_with_the_right_reason(first, second, agreement, name):
    reason = compare_given_names(first, second)
    assert reason is not None
    assert (reason.agreement, reason.name) == (agreement, name)


def test_different_given_names_do_not_agree():
    assert compare_given_names("Fatima", "Khadija") is None
    assert compare_given_names("J.", "Mohammed") is None


def test_the_description_names_the_variant():
    reason = compare_given_names("Mohamed", "Muhammad")
    assert reason is not None
    with translation.override("en"):
        assert reason.description == "given name: transliteration variant of Mohammed"
    with translation.override("nl"):
        assert "Mohammed" in reason.description


def _person(**fields):
    base = PersonQuery(
        surname="Amrani",
        surname_prefix="el",
        given_names="Mohammed",
        birth_year=1998,
        birth_month=3,
        birth_day=14,
    )
    return dataclasses.replace(base, **fields)


def test_known_variants_on_every_field_are_strong():
    outcome = compare(
        _person(surname="Elamrani", surname_prefix="", given_names="Muhammad"), _person()
    )
    assert outcome is not None
    reasons, strength = outcome
    assert [r.agreement for r in reasons] == [
        Agreement.SURNAME_PREFIX_JOINED,
        Agreement.GIVEN_VARIANT,
        Agreement.DATE_SAME,
    ]
    assert strength == Strength.STRONG


def test_two_close_names_are_only_possible():
    outcome = compare(_person(surname="Amarni", given_names="Mohammd"), _person())
    assert outcome is not None
    assert outcome[1] == Strength.POSSIBLE


def test_only_the_year_needs_both_names_exact():
    assert compare(_person(birth_month=11, birth_day=2), _person()) is not None
    assert compare(_person(surname="Amarni", birth_month=11, birth_day=2), _person()) is None


def test_without_a_date_one_side_listing_fewer_given_names_is_not_enough():
    no_date = {"birth_year": None, "birth_month": None, "birth_day": None}
    assert compare(_person(**no_date), _person()) is not None
    assert compare(_person(given_names="Mohammed Amin", **no_date), _person()) is None


def test_weak_given_names_need_a_date_that_agrees_on_more_than_the_year():
    assert compare(_person(given_names="M."), _person()) is not None
    assert compare(_person(given_names="M.", birth_month=1, birth_day=1), _person()) is None
    assert compare(_person(given_names="Ali Mohammed", birth_day=None), _person()) is None


def test_a_disagreeing_date_is_no_candidate():
    assert compare(_person(birth_year=1970), _person()) is None


def test_a_different_bsn_is_another_person_and_the_same_bsn_is_strong():
    assert compare(_person(bsn="111222333"), _person(bsn="123456782")) is None
    outcome = compare(
        _person(bsn="111222333", surname="Jansen", given_names="Fatima", birth_year=1970),
        _person(bsn="111222333"),
    )
    assert outcome is not None
    reasons, strength = outcome
    assert [r.agreement for r in reasons] == [Agreement.BSN_SAME]
    assert strength == Strength.STRONG
