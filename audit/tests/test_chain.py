"""The keyed hash chain and `manage.py audit_verify`, tested by really altering the table."""

from __future__ import annotations

import pytest
from django.core.management import CommandError

from audit.chain import SEAL_NAME
from audit.keys import chain_key, current_key
from audit.models import Operation, ProcessingRecord
from audit.services import AuditUnavailable, chain_seal_unkeyed, log_processing
from audit.tests.forgery import (
    append,
    delete_from,
    lifted_triggers,
    plain_sha256,
    rewrite_from,
    signed_with,
    verify,
    write,
)

pytestmark = pytest.mark.django_db

ATTACKER_KEY = chain_key("a key the attacker made up, long and random enough 8c1f")


def _set_actor(record: ProcessingRecord) -> None:
    record.actor_id = 999


def test_an_untouched_chain_verifies():
    write(5)
    output = verify()
    assert "intact: 5 records" in output
    assert f"new records are made with key {current_key().key_id}" in output


def test_records_link_to_their_predecessor_and_name_their_key():
    write(3)
    first, second, third = ProcessingRecord.objects.order_by("sequence")
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert second.previous_hash == first.record_hash
    assert third.previous_hash == second.record_hash
    assert {first.key_id, second.key_id, third.key_id} == {current_key().key_id}


def test_the_key_id_does_not_reveal_the_key(settings):
    key_id = current_key().key_id
    assert len(key_id) == 16
    assert key_id not in settings.AUDIT_CHAIN_KEY
    settings.AUDIT_CHAIN_KEY = "another key"
    assert current_key().key_id != key_id


def test_verify_reports_the_first_altered_record():
    write(5)
    with lifted_triggers():
        ProcessingRecord.objects.filter(sequence=3).update(name="forged")
    with pytest.raises(CommandError, match=r"record #3 was altered"):
        verify()


def test_a_record_rewritten_with_plain_sha256_and_all_later_hashes_recomputed_fails():
    write(6)
    rewrite_from(3, sign=plain_sha256, key_id="", change=_set_actor)
    with pytest.raises(CommandError, match=r"record #3 is unkeyed but follows keyed records"):
        verify()


def test_the_whole_chain_rewritten_in_the_unkeyed_format_fails():
    write(6)
    rewrite_from(1, sign=plain_sha256, key_id="", change=_set_actor)
    with pytest.raises(CommandError, match=r"the chain ends in unkeyed record #6"):
        verify()


def test_a_record_rewritten_with_a_guessed_key_under_the_real_key_id_fails():
    write(6)
    real_id = current_key().key_id
    rewrite_from(3, sign=signed_with(ATTACKER_KEY), key_id=real_id, change=_set_actor)
    with pytest.raises(CommandError, match=r"record #3 was altered"):
        verify()


def test_a_record_rewritten_under_an_own_key_fails():
    write(6)
    rewrite_from(3, sign=signed_with(ATTACKER_KEY), key_id=ATTACKER_KEY.key_id, change=_set_actor)
    with pytest.raises(CommandError, match=r"record #3 changes the chain key to"):
        verify()


def test_a_chain_made_entirely_under_an_own_key_fails():
    write(4)
    rewrite_from(1, sign=signed_with(ATTACKER_KEY), key_id=ATTACKER_KEY.key_id, change=_set_actor)
    with pytest.raises(CommandError, match=r"record #1 names chain key .* neither"):
        verify()


def test_verify_reports_a_missing_record():
    write(5)
    with lifted_triggers():
        ProcessingRecord.objects.filter(sequence=2).delete()
    with pytest.raises(CommandError, match=r"record #2 is missing"):
        verify()


def test_deleting_the_newest_records_still_verifies_without_anchors():
    """The reason anchors exist (test_anchors): a chain cut short is still consistent."""
    write(8)
    delete_from(6)
    assert "intact: 5 records" in verify()


def test_the_log_stores_no_subject_reference_in_clear():
    log_processing(
        activity="security", name="test", operation=Operation.READ, subjects=["subject:4711"]
    )
    record = ProcessingRecord.objects.get()
    assert "4711" not in record.subject_pseudonym
    assert len(record.subject_pseudonym) == 64


# --- Records from before the chain was keyed ---


def _legacy(count: int) -> None:
    for number in range(count):
        append(sign=plain_sha256, key_id="", name=f"legacy.{number}")


def test_unkeyed_records_sealed_by_a_keyed_record_verify():
    _legacy(3)
    seal = chain_seal_unkeyed()
    assert seal is not None
    assert seal.name == SEAL_NAME
    assert seal.key_id == current_key().key_id
    write(2)
    assert "intact: 6 records, 3 of them unkeyed" in verify()


def test_sealing_does_nothing_on_an_empty_or_keyed_chain():
    assert chain_seal_unkeyed() is None
    write(1)
    assert chain_seal_unkeyed() is None
    assert ProcessingRecord.objects.count() == 1


def test_a_chain_that_ends_unkeyed_fails_and_is_not_continued():
    _legacy(3)
    with pytest.raises(CommandError, match=r"the chain ends in unkeyed record #3"):
        verify()
    with pytest.raises(AuditUnavailable):
        write(1)
    assert ProcessingRecord.objects.count() == 3


def test_an_unkeyed_record_after_the_seal_fails():
    _legacy(2)
    chain_seal_unkeyed()
    append(sign=plain_sha256, key_id="")
    with pytest.raises(CommandError, match=r"record #4 is unkeyed but follows keyed records"):
        verify()
