"""What an attacker with write access to the database (but not the chain key) can do to the
log, done for real on the test database. Not collected: no test_ prefix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from audit import triggers
from audit.chain import GENESIS_HASH, legacy_digest, record_digest
from audit.keys import ChainKey
from audit.models import Operation, ProcessingActivityVersion, ProcessingRecord
from audit.services import log_processing

Signer = Callable[[ProcessingRecord], str]


def write(count: int, *, prefix: str = "test") -> None:
    for number in range(count):
        log_processing(
            activity="security",
            name=f"{prefix}.{number}",
            operation=Operation.READ,
            subjects=[f"user:{number}"],
        )


def verify(*args: str) -> str:
    out = StringIO()
    call_command("audit_verify", *args, stdout=out)
    return out.getvalue()


@contextmanager
def lifted_triggers() -> Iterator[None]:
    triggers.remove(connection)
    try:
        yield
    finally:
        triggers.install(connection)


def plain_sha256(record: ProcessingRecord) -> str:
    """The old, unkeyed format: anyone can compute it."""
    return legacy_digest(record)


def signed_with(key: ChainKey) -> Signer:
    return lambda record: record_digest(record, key)


def _previous_hash(sequence: int) -> str:
    if sequence == 1:
        return GENESIS_HASH
    return ProcessingRecord.objects.get(sequence=sequence - 1).record_hash


def rewrite_from(
    sequence: int, *, sign: Signer, key_id: str, change: Callable[[ProcessingRecord], None]
) -> None:
    """Changes record ``sequence`` and recomputes its hash and every later one with ``sign``."""
    records = list(ProcessingRecord.objects.filter(sequence__gte=sequence).order_by("sequence"))
    change(records[0])
    previous = _previous_hash(sequence)
    for record in records:
        record.previous_hash = previous
        record.key_id = key_id
        record.record_hash = sign(record)
        previous = record.record_hash
    with lifted_triggers():
        for record in records:
            ProcessingRecord.objects.filter(pk=record.pk).update(
                actor_id=record.actor_id,
                object_id=record.object_id,
                previous_hash=record.previous_hash,
                key_id=record.key_id,
                record_hash=record.record_hash,
            )


def delete_from(sequence: int) -> None:
    with lifted_triggers():
        ProcessingRecord.objects.filter(sequence__gte=sequence).delete()


def append(
    *,
    sign: Signer,
    key_id: str,
    name: str = "forged.event",
    object_type: str = "",
    object_id: str = "",
) -> ProcessingRecord:
    """Inserts a record after the head (the triggers allow inserts), hashed with ``sign``."""
    head = ProcessingRecord.objects.order_by("-sequence").first()
    now = timezone.now().replace(microsecond=0)
    record = ProcessingRecord(
        sequence=head.sequence + 1 if head else 1,
        trace_id="1" * 32,
        span_id="2" * 16,
        name=name,
        operation=Operation.UPDATE,
        result="ok",
        started_at=now,
        ended_at=now,
        activity_version=ProcessingActivityVersion.objects.filter(activity__code="security")
        .order_by("-number")
        .first(),
        object_type=object_type,
        object_id=object_id,
        origin="system",
        previous_hash=head.record_hash if head else GENESIS_HASH,
        key_id=key_id,
    )
    record.record_hash = sign(record)
    record.save()
    return record
