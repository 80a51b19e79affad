"""Rotating the chain key: the handover is a record signed by the key trusted until then."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from audit.chain import ROTATION_NAME, ROTATION_OBJECT_TYPE
from audit.keys import chain_key
from audit.models import ProcessingRecord
from audit.services import AuditUnavailable
from audit.tests.forgery import append, lifted_triggers, signed_with, verify, write

pytestmark = pytest.mark.django_db

OLD = "the old chain key, random enough: 4f0c9a7e2b61d835"
NEW = "the new chain key, random enough: 93be07c1d4a5f268"
OLD_KEY, NEW_KEY = chain_key(OLD), chain_key(NEW)


@pytest.fixture
def old_key(settings):
    settings.AUDIT_CHAIN_KEY = OLD
    settings.AUDIT_CHAIN_KEY_RETIRED = []
    return settings


def _new_key_configured(settings) -> None:
    settings.AUDIT_CHAIN_KEY = NEW
    settings.AUDIT_CHAIN_KEY_RETIRED = [OLD]


def _rotate() -> str:
    out = StringIO()
    call_command("audit_rotate_chain_key", stdout=out)
    return out.getvalue()


def test_records_before_and_after_a_rotation_verify(old_key):
    write(3)
    _new_key_configured(old_key)
    output = _rotate()
    assert f"from key {OLD_KEY.key_id} to key {NEW_KEY.key_id} at record #4" in output
    write(2)
    keys = list(ProcessingRecord.objects.order_by("sequence").values_list("key_id", flat=True))
    assert keys == [OLD_KEY.key_id] * 4 + [NEW_KEY.key_id] * 2
    rotation = ProcessingRecord.objects.get(sequence=4)
    assert (rotation.name, rotation.object_type) == (ROTATION_NAME, ROTATION_OBJECT_TYPE)
    assert rotation.object_id == NEW_KEY.key_id
    assert rotation.activity_version.activity.code == "security"
    output = verify()
    assert "intact: 6 records" in output
    assert f"new records are made with key {NEW_KEY.key_id}" in output


def test_writing_under_a_key_the_chain_was_not_handed_over_to_is_refused(old_key):
    write(2)
    _new_key_configured(old_key)
    with pytest.raises(AuditUnavailable):
        write(1)
    assert ProcessingRecord.objects.count() == 2


def test_rotating_again_does_nothing(old_key):
    write(1)
    assert "Nothing to rotate" in _rotate()
    _new_key_configured(old_key)
    _rotate()
    assert f"made with key {NEW_KEY.key_id}" in verify()
    assert "Nothing to rotate" in _rotate()
    assert ProcessingRecord.objects.filter(name=ROTATION_NAME).count() == 1


def test_rotation_without_the_previous_key_is_refused(old_key):
    write(1)
    old_key.AUDIT_CHAIN_KEY = NEW
    with pytest.raises(CommandError, match=r"AUDIT_CHAIN_KEY_RETIRED"):
        _rotate()
    assert not ProcessingRecord.objects.filter(name=ROTATION_NAME).exists()


def test_verification_needs_the_retired_key(old_key):
    write(2)
    _new_key_configured(old_key)
    _rotate()
    write(1)
    old_key.AUDIT_CHAIN_KEY_RETIRED = []
    with pytest.raises(CommandError, match=r"record #1 names chain key .* neither"):
        verify()


def test_a_key_change_without_rotation_record_fails(old_key):
    write(3)
    _new_key_configured(old_key)
    append(sign=signed_with(NEW_KEY), key_id=NEW_KEY.key_id)
    with pytest.raises(CommandError, match=r"record #4 changes the chain key to"):
        verify()


def test_a_rotation_record_signed_with_the_new_key_fails(old_key):
    write(3)
    _new_key_configured(old_key)
    forged = {"name": ROTATION_NAME, "object_type": ROTATION_OBJECT_TYPE}
    append(sign=signed_with(NEW_KEY), key_id=NEW_KEY.key_id, object_id=NEW_KEY.key_id, **forged)
    with pytest.raises(CommandError, match=r"record #4 changes the chain key"):
        verify()


def test_a_rotation_record_signed_with_the_new_key_under_the_old_id_fails(old_key):
    write(3)
    _new_key_configured(old_key)
    forged = {"name": ROTATION_NAME, "object_type": ROTATION_OBJECT_TYPE}
    append(sign=signed_with(NEW_KEY), key_id=OLD_KEY.key_id, object_id=NEW_KEY.key_id, **forged)
    append(sign=signed_with(NEW_KEY), key_id=NEW_KEY.key_id)
    with pytest.raises(CommandError, match=r"record #4 was altered"):
        verify()


def test_a_rotation_record_redirected_to_another_key_fails(old_key):
    write(2)
    _new_key_configured(old_key)
    _rotate()
    with lifted_triggers():
        ProcessingRecord.objects.filter(name=ROTATION_NAME).update(object_id="0123456789abcdef")
    with pytest.raises(CommandError, match=r"record #3 was altered"):
        verify()
