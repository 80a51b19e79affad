"""The keyed hash chain over processing records: each record's hash covers its predecessor's.

A record's hash is an HMAC-SHA256 with the chain key named by its ``key_id`` (``audit.keys``);
the key lives outside the database, so whoever can only change the database cannot recompute
the chain after altering a record. The rules the verifier holds (docs/audit.md):

- Records written before the chain was keyed have an empty ``key_id`` and a plain SHA-256
  hash ("legacy"). They may only form the start of the chain, and a keyed record must follow
  them: migration audit 0007 wrote one (``audit.chain.keyed``) when it introduced the key.
  An unkeyed record after a keyed one, or a chain that ends unkeyed, is a forgery: whoever
  rewrote the chain in the unkeyed format could not sign its continuation.
- The key changes only at a rotation record: a record named ``audit.chain.key_rotation``,
  hashed with the old key, whose object id is the new key's id. The record after it must be
  made with that new key; every other record must be made with its predecessor's key. So the
  handover to a new key is signed by the key that was trusted until then.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from audit.keys import ChainKey, known_keys
from audit.models import ProcessingRecord

GENESIS_HASH = "0" * 64
LEGACY_KEY_ID = ""
ROTATION_NAME = "audit.chain.key_rotation"
SEAL_NAME = "audit.chain.keyed"
ROTATION_OBJECT_TYPE = "audit.chain_key"

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


def _encoded(record: ProcessingRecord, fields: Iterable[str]) -> bytes:
    payload = {name: _canonical(getattr(record, name)) for name in fields}
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str).encode("utf-8")


def legacy_digest(record: ProcessingRecord) -> str:
    """The unkeyed SHA-256 of the records written before the chain was keyed."""
    return hashlib.sha256(_encoded(record, HASHED_FIELDS)).hexdigest()


def record_digest(record: ProcessingRecord, key: ChainKey) -> str:
    """HMAC-SHA256 of the record with ``key``; the key's id is covered too."""
    return key.sign(_encoded(record, (*HASHED_FIELDS, "key_id")))


def is_rotation(*, name: str, object_type: str, key_id: str) -> bool:
    return name == ROTATION_NAME and object_type == ROTATION_OBJECT_TYPE and bool(key_id)


def next_key_id(*, name: str, object_type: str, object_id: str, key_id: str) -> str:
    """The id of the key the record after this one must be made with.

    Empty after a legacy record (any configured key may start the keyed chain).
    """
    if is_rotation(name=name, object_type=object_type, key_id=key_id) and object_id:
        return object_id
    return key_id


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    # "missing" | "altered" | "broken_link" | "unknown_key" | "unkeyed" | "key_change" |
    # "unsealed"
    kind: str
    key_id: str = ""

    def describe(self) -> str:
        messages = {
            "missing": "record #{n} is missing",
            "altered": "record #{n} was altered (its hash does not match its content)",
            "broken_link": "record #{n} does not link to the hash of record #{p}",
            "unknown_key": (
                "record #{n} names chain key {k}, which is neither AUDIT_CHAIN_KEY nor in "
                "AUDIT_CHAIN_KEY_RETIRED"
            ),
            "unkeyed": "record #{n} is unkeyed but follows keyed records",
            "unsealed": (
                "the chain ends in unkeyed record #{n}: keyed records after it were removed, "
                "or the chain was rewritten"
            ),
            "key_change": (
                "record #{n} changes the chain key to {k} without a rotation record signed "
                "by the previous key"
            ),
        }
        return messages[self.kind].format(n=self.sequence, p=self.sequence - 1, k=self.key_id)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_hash: str
    problem: ChainProblem | None
    legacy: int = 0  # unkeyed records at the start of the chain
    continues_under: str = ""  # id of the key the next record must be made with


def _problem_in(
    record: ProcessingRecord,
    *,
    expected: int,
    previous: str,
    required_key_id: str,
    keys: Mapping[str, ChainKey],
) -> ChainProblem | None:
    if record.sequence != expected:
        return ChainProblem(expected, "missing")
    if record.key_id == LEGACY_KEY_ID:
        if required_key_id:
            return ChainProblem(record.sequence, "unkeyed")
        digest = legacy_digest(record)
    else:
        if required_key_id and record.key_id != required_key_id:
            return ChainProblem(record.sequence, "key_change", record.key_id)
        key = keys.get(record.key_id)
        if key is None:
            return ChainProblem(record.sequence, "unknown_key", record.key_id)
        digest = record_digest(record, key)
    if not hmac.compare_digest(digest, record.record_hash):
        return ChainProblem(record.sequence, "altered")
    if record.previous_hash != previous:
        return ChainProblem(record.sequence, "broken_link")
    return None


def verify_records(
    records: Iterable[ProcessingRecord], keys: Mapping[str, ChainKey] | None = None
) -> ChainReport:
    """Walks records in sequence order and reports the first one altered, missing or made
    with a key the chain was not handed over to. ``keys`` defaults to the configured ones."""
    keys = known_keys() if keys is None else keys
    previous = GENESIS_HASH
    expected = 1
    legacy = 0
    required_key_id = ""  # empty: the chain has not been keyed yet
    for record in records:
        problem = _problem_in(
            record,
            expected=expected,
            previous=previous,
            required_key_id=required_key_id,
            keys=keys,
        )
        if problem is not None:
            return ChainReport(expected - 1, previous, problem, legacy, required_key_id)
        if record.key_id == LEGACY_KEY_ID:
            legacy += 1
        else:
            required_key_id = next_key_id(
                name=record.name,
                object_type=record.object_type,
                object_id=record.object_id,
                key_id=record.key_id,
            )
        previous = record.record_hash
        expected += 1
    if legacy and not required_key_id:
        last = expected - 1
        return ChainReport(last - 1, previous, ChainProblem(last, "unsealed"), legacy)
    return ChainReport(expected - 1, previous, None, legacy, required_key_id)


def all_records_in_order() -> Iterator[ProcessingRecord]:
    return ProcessingRecord.objects.order_by("sequence").iterator(chunk_size=2000)
