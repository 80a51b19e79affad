"""Migration audit 0007 keys a chain that already holds unkeyed records, for real."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from audit.chain import GENESIS_HASH, SEAL_NAME, legacy_digest
from audit.keys import current_key
from audit.models import ProcessingRecord
from audit.tests.forgery import verify, write

BEFORE = [("audit", "0006_register_cases")]
AFTER = [("audit", "0007_record_chain_key_id")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _write_unkeyed(executor: MigrationExecutor, count: int) -> None:
    apps = executor.loader.project_state(BEFORE).apps
    record_model = apps.get_model("audit", "ProcessingRecord")
    version = (
        apps.get_model("audit", "ProcessingActivityVersion")
        .objects.filter(activity__code="security")
        .first()
    )
    previous = GENESIS_HASH
    now = timezone.now().replace(microsecond=0)
    for sequence in range(1, count + 1):
        record = record_model(
            sequence=sequence,
            trace_id="a" * 32,
            span_id="b" * 16,
            name=f"before.{sequence}",
            operation="read",
            result="ok",
            started_at=now,
            ended_at=now,
            activity_version=version,
            origin="system",
            previous_hash=previous,
        )
        record.record_hash = legacy_digest(record)
        record.save()
        previous = record.record_hash


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_the_unkeyed_records_and_keeps_the_log_append_only():
    executor = _migrate(BEFORE)
    try:
        _write_unkeyed(executor, 3)
    finally:
        _migrate(AFTER)
    seal = ProcessingRecord.objects.get(sequence=4)
    assert (seal.name, seal.key_id) == (SEAL_NAME, current_key().key_id)
    write(1)
    assert "intact: 5 records, 3 of them unkeyed" in verify()
    with pytest.raises(DatabaseError), transaction.atomic():
        ProcessingRecord.objects.filter(sequence=2).update(name="changed")
