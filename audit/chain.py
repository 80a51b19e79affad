"""The hash chain over processing records: each record's hash covers its predecessor's."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from audit.models import ProcessingRecord

GENESIS_HASH = "0" * 64

HASHED_FIELDS = (
    "sequence",
    "trace_id",
    "span_id",
    "name",
    "operation",
    "result",
    "started_at",
    "ended_at",
    "activity_version_id",
    "subject_pseudonym",
    "actor_id",
    "organisation_id",
    "object_type",
    "object_id",
    "origin",
    "client_address",
    "previous_hash",
)


def _canonical(value: object) -> object:
    if isinstance(value, datetime):
        # Milliseconds in UTC, the precision the record is stored with on every database.
        return value.astimezone(UTC).isoformat(timespec="milliseconds")
    return value


def record_digest(record: ProcessingRecord) -> str:
    payload = {name: _canonical(getattr(record, name)) for name in HASHED_FIELDS}
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    kind: str  # "missing" | "altered" | "broken_link"

    def describe(self) -> str:
        messages = {
            "missing": "record #{n} is missing",
            "altered": "record #{n} was altered (its hash does not match its content)",
            "broken_link": "record #{n} does not link to the hash of record #{p}",
        }
        return messages[self.kind].format(n=self.sequence, p=self.sequence - 1)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_hash: str
    problem: ChainProblem | None


def _problem_in(record: ProcessingRecord, expected: int, previous: str) -> ChainProblem | None:
    if record.sequence != expected:
        return ChainProblem(expected, "missing")
    if record_digest(record) != record.record_hash:
        return ChainProblem(record.sequence, "altered")
    if record.previous_hash != previous:
        return ChainProblem(record.sequence, "broken_link")
    return None


def verify_records(records: Iterable[ProcessingRecord]) -> ChainReport:
    """Walks records in sequence order and reports the first one altered or missing."""
    previous = GENESIS_HASH
    expected = 1
    for record in records:
        problem = _problem_in(record, expected, previous)
        if problem is not None:
            return ChainReport(expected - 1, previous, problem)
        previous = record.record_hash
        expected += 1
    return ChainReport(expected - 1, previous, None)


def all_records_in_order() -> Iterator[ProcessingRecord]:
    return ProcessingRecord.objects.order_by("sequence").iterator(chunk_size=2000)
