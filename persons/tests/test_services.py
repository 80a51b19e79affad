"""Recording and correcting a person: validation, matching keys, stale edits and the log."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import Operation, ProcessingRecord
from audit.services import pseudonymise
from persons.matching import PersonQuery, find_candidates
from persons.models import Subject
from persons.services import StaleEdit, subject_create, subject_update


def create(world, **fields):
    values = {
        "actor": world.actor(world.lead),
        "municipality": world.wijkstad,
        "given_names": " Youssef ",
        "surname_prefix": "",
        "surname": "Van den Heuvel",
        "birth_year": 2007,
        "birth_month": 5,
    }
    values.update(fields)
    return subject_create(**values)


def update(world, subject, **fields):
    values = {
        "actor": world.actor(world.lead),
        "subject": subject,
        "expected_version": subject.version,
        "given_names": subject.given_names,
        "surname_prefix": subject.surname_prefix,
        "surname": subject.surname,
        "birth_year": subject.birth_year,
        "birth_month": subject.birth_month,
        "birth_day": subject.birth_day,
        "bsn": subject.bsn,
        "bsn_legal_basis": subject.bsn_legal_basis,
    }
    values.update(fields)
    return subject_update(**values)


def test_a_recorded_person_can_be_found_again_and_the_write_is_logged(world):
    subject = create(world)
    assert (subject.given_names, subject.match_surname, subject.match_given) == (
        "Youssef",
        "heuvel",
        "youssef",
    )
    assert subject.created_by_id == world.lead.user_id
    found = find_candidates(PersonQuery(given_names="Yusuf", surname="Heuvel", birth_year=2007))
    assert [c.subject_id for c in found] == [subject.pk]
    record = ProcessingRecord.objects.get(object_type="subject", object_id=str(subject.pk))
    assert record.operation == Operation.CREATE
    assert record.subject_pseudonym == pseudonymise(f"subject:{subject.pk}")


def test_a_bsn_that_fails_the_eleven_test_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        create(world, bsn="123456789", bsn_legal_basis="Wet PGA")
    assert "bsn" in error.value.message_dict
    assert not Subject.objects.exists()
    assert not ProcessingRecord.objects.filter(object_type="subject").exists()


def test_a_bsn_needs_its_legal_basis(world):
    with pytest.raises(ValidationError) as error:
        create(world, bsn="111222333")
    assert "bsn_legal_basis" in error.value.message_dict


def test_a_bsn_recorded_twice_gets_a_clear_sentence(world):
    create(world, bsn="111222333", bsn_legal_basis="Wet PGA")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        create(world, given_names="Omar", bsn="111222333", bsn_legal_basis="Wet PGA")
    assert error.value.messages == ["A person with this BSN is already registered."]


def test_a_day_without_a_month_is_refused(world):
    with pytest.raises(ValidationError) as error:
        create(world, birth_month=None, birth_day=12)
    assert "birth_month" in error.value.message_dict


def test_a_correction_refreshes_the_keys_raises_the_version_and_is_logged(world):
    subject = create(world)
    corrected = update(world, subject, surname_prefix="van den", surname="Heuvel", birth_day=9)
    assert corrected.version == subject.version + 1
    assert (corrected.surname_prefix, corrected.match_surname) == ("van den", "heuvel")
    assert ProcessingRecord.objects.filter(
        object_type="subject", object_id=str(subject.pk), operation=Operation.UPDATE
    ).exists()


def test_a_stale_correction_is_refused(world):
    subject = create(world)
    update(world, subject, given_names="Yusuf")
    with pytest.raises(StaleEdit):
        update(world, subject, given_names="Joessef")
    subject.refresh_from_db()
    assert subject.given_names == "Yusuf"
