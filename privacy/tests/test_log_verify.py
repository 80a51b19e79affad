"""Verifying the hash chain from the log page."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import connection

from audit import triggers
from audit.models import Operation, ProcessingRecord
from audit.services import log_processing
from tests.personas import World

URL = "/privacy/logboek/verifieren/"


def write(count: int) -> None:
    for number in range(count):
        log_processing(activity="security", name=f"test.{number}", operation=Operation.READ)


def test_an_untouched_chain_is_reported_intact(officer, world: World):
    write(3)
    response = officer.post(URL)
    assert response.status_code == 200
    chain = response.context["chain"]
    assert chain.intact
    # The check is logged before it runs, so it covers its own record too.
    head = ProcessingRecord.objects.order_by("-sequence").first()
    assert head is not None
    assert head.name == "privacy.log.verify"
    assert f" {head.sequence} " in chain.message
    assert head.record_hash in chain.message
    assert head.record_hash in response.content.decode()


def test_verifying_is_logged_as_a_read(officer, world: World):
    officer.post(URL)
    record = ProcessingRecord.objects.get(name="privacy.log.verify")
    assert record.operation == Operation.READ
    assert record.actor_id == world.privacy_officer.user_id
    assert record.activity_version.activity.code == "audit-oversight"


def test_an_altered_record_is_reported_as_the_first_problem(officer, world: World):
    write(3)
    triggers.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_processingrecord SET name = %s WHERE sequence = 2", ["x"])
    finally:
        triggers.install(connection)
    response = officer.post(URL)
    assert response.status_code == 200
    chain = response.context["chain"]
    assert not chain.intact
    assert "#2" in chain.message
    assert 'role="alert"' in response.content.decode()


def test_the_anchors_are_checked_once_there_is_an_anchor_file(
    officer, world: World, settings, tmp_path
):
    settings.LANGUAGE_CODE = "en"
    settings.AUDIT_ANCHOR_PATH = tmp_path / "audit-anchors.jsonl"
    chain = officer.post(URL).context["chain"]
    assert chain.intact
    assert chain.anchors == "Anchors were not checked: there is no anchor file."
    write(2)
    call_command("audit_anchor", stdout=StringIO())
    response = officer.post(URL)
    chain = response.context["chain"]
    assert chain.intact
    assert chain.anchors == "Anchors outside the database checked: 1; all hold."
    assert chain.anchors in response.content.decode()


def test_newest_records_removed_after_an_anchor_are_reported(
    officer, world: World, settings, tmp_path
):
    settings.LANGUAGE_CODE = "en"
    settings.AUDIT_ANCHOR_PATH = tmp_path / "audit-anchors.jsonl"
    write(4)
    call_command("audit_anchor", stdout=StringIO())
    head = ProcessingRecord.objects.order_by("-sequence").first()
    assert head is not None
    triggers.remove(connection)
    try:
        ProcessingRecord.objects.filter(sequence__gt=head.sequence - 3).delete()
    finally:
        triggers.install(connection)
    response = officer.post(URL)
    chain = response.context["chain"]
    assert not chain.intact
    assert f"recorded record #{head.sequence}: newer records were removed" in chain.anchors
    assert 'role="alert"' in response.content.decode()
