"""The "already known?" check against the database: each variant finds the person, with why."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection

from persons.matching import (
    Agreement,
    Candidate,
    PersonQuery,
    Reason,
    Strength,
    block_rows,
    find_candidates,
)
from persons.models import Subject
from tests.factories import MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality():
    return MunicipalityFactory.create()


def person(municipality, **fields):
    values = {
        "given_names": "Mohammed Amin",
        "surname_prefix": "el",
        "surname": "Amrani",
        "birth_year": 1998,
        "birth_month": 3,
        "birth_day": 4,
    }
    values.update(fields)
    subject = Subject(municipality=municipality, created_by=UserFactory.create(), **values)
    subject.full_clean()
    subject.save()
    return subject


def query(**fields):
    base = PersonQuery(
        given_names="Mohammed Amin",
        surname_prefix="el",
        surname="Amrani",
        birth_year=1998,
        birth_month=3,
        birth_day=4,
    )
    return dataclasses.replace(base, **fields)


def only(candidates, subject):
    assert [c.subject_id for c in candidates] == [subject.pk]
    return candidates[0]


def agreements(candidate):
    return {reason.agreement for reason in candidate.reasons}


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ({}, {Agreement.SURNAME_SAME, Agreement.GIVEN_SAME, Agreement.DATE_SAME}),
        ({"given_names": "Muhammad Amin"}, {Agreement.GIVEN_VARIANT}),
        ({"given_names": "MOHAMED"}, {Agreement.GIVEN_FEWER_VARIANT}),
        ({"given_names": "Mohammed Amien"}, {Agreement.GIVEN_CLOSE}),
        ({"surname_prefix": "", "surname": "El Amrani"}, {Agreement.SURNAME_SAME}),
        ({"surname_prefix": "", "surname": "Elamrani"}, {Agreement.SURNAME_PREFIX_JOINED}),
        ({"surname_prefix": "al"}, {Agreement.SURNAME_PREFIX_DIFFERS}),
        ({"surname_prefix": "", "surname": "Alamrani"}, {Agreement.SURNAME_PREFIX_DIFFERS}),
        ({"surname": "Amarni"}, {Agreement.SURNAME_CLOSE}),
        ({"surname": "Ámráni"}, {Agreement.SURNAME_SAME}),
        ({"birth_month": 4, "birth_day": 3}, {Agreement.DATE_SWAPPED}),
        ({"birth_month": 1, "birth_day": 1}, {Agreement.DATE_PLACEHOLDER}),
        ({"birth_month": None, "birth_day": None}, {Agreement.DATE_PARTIAL}),
        ({"birth_day": None}, {Agreement.DATE_PARTIAL}),
        ({"birth_year": 1999}, {Agreement.DATE_YEAR_OFF_BY_ONE}),
    ],
)
def test_each_variant_finds_the_person_with_the_right_reason(municipality, variant, expected):
    subject = person(municipality)
    candidate = only(find_candidates(query(**variant)), subject)
    assert expected <= agreements(candidate)
    assert candidate.strength == Strength.STRONG


def test_a_typo_in_the_first_letter_of_the_surname_is_found_through_the_given_name(
    municipality,
):
    subject = person(municipality, surname_prefix="", surname="Bakker", given_names="Pieternella")
    candidate = only(
        find_candidates(query(surname_prefix="", surname="Pakker", given_names="Pieternella")),
        subject,
    )
    assert Agreement.SURNAME_CLOSE in agreements(candidate)


def test_a_prefix_typed_into_the_surname_field_finds_the_person(municipality):
    subject = person(municipality, given_names="Jan", surname_prefix="van der", surname="Berg")
    candidate = only(
        find_candidates(query(given_names="jan", surname_prefix="", surname="Van der Berg")),
        subject,
    )
    assert Agreement.SURNAME_SAME in agreements(candidate)


def test_a_person_recorded_with_only_a_year_is_found_by_a_full_date(municipality):
    subject = person(municipality, birth_month=None, birth_day=None)
    candidate = only(find_candidates(query()), subject)
    assert Agreement.DATE_PARTIAL in agreements(candidate)


def test_a_person_without_a_date_is_a_possible_candidate(municipality):
    subject = person(municipality, birth_year=None, birth_month=None, birth_day=None)
    candidate = only(find_candidates(query()), subject)
    assert candidate.strength == Strength.POSSIBLE
    assert {r.field for r in candidate.reasons} == {"surname", "given_names"}


def test_a_query_without_a_date_reads_every_year(municipality):
    subject = person(municipality, birth_year=1960, birth_month=None, birth_day=None)
    query_without_date = query(birth_year=None, birth_month=None, birth_day=None)
    candidate = only(find_candidates(query_without_date), subject)
    assert candidate.strength == Strength.POSSIBLE


def test_the_same_bsn_finds_the_person_whatever_the_name(municipality):
    subject = person(municipality, bsn="111222333", bsn_legal_basis="Wet PGA")
    found = find_candidates(
        PersonQuery(surname="Jansen", given_names="Fatima", birth_year=1970, bsn="111222333")
    )
    candidate = only(found, subject)
    assert [r.agreement for r in candidate.reasons] == [Agreement.BSN_SAME]
    assert candidate.strength == Strength.STRONG


def test_a_different_bsn_rules_the_person_out(municipality):
    person(municipality, bsn="111222333", bsn_legal_basis="Wet PGA")
    assert find_candidates(query(bsn="123456782")) == []


def test_unrelated_people_are_not_returned(municipality):
    person(municipality, given_names="Fatima")  # sister: same surname, same year
    person(municipality, birth_year=1990, birth_month=None, birth_day=None)  # 8 years apart
    person(municipality, given_names="Youssef", surname="Bakkali")  # same birthday
    person(municipality, birth_year=1997, birth_month=5, birth_day=2)  # a year and a day off
    person(municipality, surname_prefix="", surname="Jansen", given_names="Mohammed Amin")
    assert find_candidates(query()) == []


def test_a_possible_candidate_with_only_the_year_in_common(municipality):
    subject = person(municipality, birth_month=11, birth_day=2)
    candidate = only(find_candidates(query()), subject)
    assert Agreement.DATE_YEAR_ONLY in agreements(candidate)
    assert candidate.strength == Strength.POSSIBLE


def test_strong_candidates_come_first_then_by_surname(municipality):
    possible = person(municipality, birth_month=11)
    strong_b = person(municipality, surname_prefix="", surname="Elamrani")
    strong_a = person(municipality)
    found = find_candidates(query())
    assert [c.subject_id for c in found] == [strong_a.pk, strong_b.pk, possible.pk]
    assert [c.strength for c in found] == [Strength.STRONG, Strength.STRONG, Strength.POSSIBLE]


def test_the_check_can_be_limited_to_one_municipality(municipality):
    elsewhere = MunicipalityFactory.create()
    here = person(municipality)
    person(elsewhere)
    assert [c.subject_id for c in find_candidates(query(), municipality=municipality)] == [here.pk]
    assert len(find_candidates(query())) == 2


def test_a_candidate_carries_no_number_but_the_subject_id():
    fields = {f.name: f.type for f in dataclasses.fields(Candidate)}
    assert fields == {
        "subject_id": "int",
        "reasons": "tuple[Reason, ...]",
        "strength": "Strength",
    }
    assert {f.name: f.type for f in dataclasses.fields(Reason)} == {
        "agreement": "Agreement",
        "name": "str",
    }


def test_keys_follow_a_correction_saved_with_update_fields(municipality):
    subject = person(municipality)
    subject.surname = "Bouzid"
    subject.surname_prefix = ""
    subject.save(update_fields=["surname", "surname_prefix"])
    subject.refresh_from_db()
    assert subject.match_surname == "bouzid"
    found = find_candidates(query(surname_prefix="", surname="Bouzid"))
    assert [c.subject_id for c in found] == [subject.pk]


def test_people_outside_the_block_are_not_read(municipality):
    inside = person(municipality)
    person(municipality, surname_prefix="", surname="Jansen", given_names="Jan")
    person(municipality, birth_year=1980, birth_month=None, birth_day=None)
    rows = list(block_rows(query()))
    assert [row[0] for row in rows] == [inside.pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.parametrize("within", [None, "municipality"])
def test_the_block_is_read_through_the_indexes(municipality, within):
    limit = municipality if within else None

    def plan(rows):
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return " ".join(str(step[-1]) for step in cursor.fetchall())

    full = plan(block_rows(query(bsn="111222333"), municipality=limit))
    assert "subject_match_surname" in full
    assert "subject_match_given" in full
    assert "subject_unique_bsn" in full
    without_year = plan(block_rows(query(birth_year=None), municipality=limit))
    assert "subject_match_surname" in without_year
    for steps in (full, without_year):
        assert "SCAN" not in steps
        assert "municipality" not in steps
