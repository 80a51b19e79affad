"""The hash chain and `manage.py audit_verify`, tested by really altering the table."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit import triggers
from audit.models import Operation, ProcessingRecord
from audit.services import log_processing


def _write(count: int) -> None:
    for number in range(count):
        log_processing(
            activity="security",
            name=f"test.{number}",
            operation=Operation.READ,
            subjects=[f"user:{number}"],
        )


def _verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def _without_triggers(sql: str, params: list[str | int]) -> None:
    triggers.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        triggers.install(connection)


@pytest.mark.django_db
def test_an_untouched_chain_verifies():
    _write(5)
    output = _verify()
    assert "intact: 5 records" in output


@pytest.mark.django_db
def test_records_link_to_their_predecessor():
    _write(3)
    first, second, third = ProcessingRecord.objects.order_by("sequence")
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert second.previous_hash == first.record_hash
    assert third.previous_hash == second.record_hash


@pytest.mark.django_db
def test_verify_reports_the_first_altered_record():
    _write(5)
    _without_triggers(
        "UPDATE audit_processingrecord SET name = %s WHERE sequence = %s", ["forged", 3]
    )
    with pytest.raises(CommandError, match=r"record #3 was altered"):
        _verify()


@pytest.mark.django_db
def test_verify_reports_an_altered_record_even_when_its_hash_was_recomputed():
    _write(4)
    record = ProcessingRecord.objects.get(sequence=2)
    record.actor_id = 999
    from audit.chain import record_digest

    new_hash = record_digest(record)
    _without_triggers(
        "UPDATE audit_processingrecord SET actor_id = %s, record_hash = %s WHERE sequence = %s",
        [999, new_hash, 2],
    )
    with pytest.raises(CommandError, match=r"record #3 does not link"):
        _verify()


@pytest.mark.django_db
def test_verify_reports_a_missing_record():
    _write(5)
    _without_triggers("DELETE FROM audit_processingrecord WHERE sequence = %s", [2])
    with pytest.raises(CommandError, match=r"record #2 is missing"):
        _verify()


@pytest.mark.django_db
def test_the_log_stores_no_subject_reference_in_clear():
    log_processing(
        activity="security", name="test", operation=Operation.READ, subjects=["subject:4711"]
    )
    record = ProcessingRecord.objects.get()
    assert "4711" not in record.subject_pseudonym
    assert len(record.subject_pseudonym) == 64
