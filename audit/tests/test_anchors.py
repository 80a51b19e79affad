"""Anchors outside the database: `audit_anchor` and `audit_verify --anchors`."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from audit.keys import chain_key, current_key
from audit.models import ProcessingRecord
from audit.tests.forgery import delete_from, lifted_triggers, verify, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchors(tmp_path: Path, settings) -> Path:
    settings.AUDIT_ANCHOR_PATH = tmp_path / "anchors" / "audit-anchors.jsonl"
    return settings.AUDIT_ANCHOR_PATH


def _anchor() -> str:
    out = StringIO()
    call_command("audit_anchor", stdout=out)
    return out.getvalue()


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_an_anchor_is_a_signed_line_with_the_head(anchors: Path):
    write(3)
    head = ProcessingRecord.objects.get(sequence=3)
    assert "Anchored record #3" in _anchor()
    (line,) = _lines(anchors)
    assert line["sequence"] == 3
    assert line["record_hash"] == head.record_hash
    assert line["key_id"] == current_key().key_id
    assert len(str(line["signature"])) == 64
    write(1)
    _anchor()
    assert [line["sequence"] for line in _lines(anchors)] == [3, 4]


def test_anchors_of_an_untouched_chain_hold(anchors: Path):
    _anchor()  # an empty chain can be anchored too
    write(2)
    _anchor()
    write(2)
    output = verify("--anchors")
    assert "intact: 4 records" in output
    assert "Anchors hold: 2 checked" in output


def test_deleting_the_newest_records_fails_against_an_anchor(anchors: Path):
    write(8)
    _anchor()
    delete_from(6)
    assert "intact: 5 records" in verify()
    with pytest.raises(CommandError, match=r"the chain ends at record #5, but anchor line 1"):
        verify("--anchors", str(anchors))


def test_an_anchor_with_a_bad_signature_fails(anchors: Path):
    write(4)
    _anchor()
    (line,) = _lines(anchors)
    anchors.write_text(json.dumps({**line, "sequence": 2}) + "\n")
    with pytest.raises(CommandError, match=r"anchor line 1 has a bad signature"):
        verify("--anchors")


def test_an_anchor_signed_with_an_unknown_key_fails(anchors: Path, settings):
    write(2)
    settings.AUDIT_CHAIN_KEY = "a key that signed this anchor and is gone now 51d2"
    with lifted_triggers():
        ProcessingRecord.objects.all().delete()
    write(2)
    _anchor()
    settings.AUDIT_CHAIN_KEY = "development-audit-chain-key"
    with lifted_triggers():
        ProcessingRecord.objects.all().delete()
    write(2)
    with pytest.raises(CommandError, match=r"anchor line 1 is signed with chain key"):
        verify("--anchors")


def test_a_chain_replaced_by_another_fails_against_its_anchor(anchors: Path):
    write(3)
    _anchor()
    with lifted_triggers():
        ProcessingRecord.objects.all().delete()
    write(4)
    assert "intact: 4 records" in verify()
    with pytest.raises(CommandError, match=r"record #3 does not have the hash anchored on line 1"):
        verify("--anchors")


def test_a_missing_or_damaged_anchor_file_fails(anchors: Path):
    write(1)
    with pytest.raises(CommandError, match=r"the anchor file cannot be read"):
        verify("--anchors")
    _anchor()
    with anchors.open("a") as file:
        file.write("{not json\n")
    with pytest.raises(CommandError, match=r"anchor line 2 is not a valid anchor"):
        verify("--anchors")


def test_anchors_signed_before_a_rotation_still_hold(anchors: Path, settings):
    write(2)
    _anchor()
    old = settings.AUDIT_CHAIN_KEY
    settings.AUDIT_CHAIN_KEY = "the next chain key, random enough: 7d41be02c9"
    settings.AUDIT_CHAIN_KEY_RETIRED = [old]
    call_command("audit_rotate_chain_key", stdout=StringIO())
    write(1)
    _anchor()
    assert [line["key_id"] for line in _lines(anchors)] == [
        chain_key(old).key_id,
        current_key().key_id,
    ]
    assert "Anchors hold: 2 checked" in verify("--anchors")
