"""Writing the processing log: the one function every gate calls."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.chain import (
    GENESIS_HASH,
    ROTATION_NAME,
    ROTATION_OBJECT_TYPE,
    SEAL_NAME,
    next_key_id,
    record_digest,
)
from audit.keys import ChainKey, current_key, known_keys
from audit.models import (
    Operation,
    ProcessingActivity,
    ProcessingActivityVersion,
    ProcessingRecord,
    Result,
)
from audit.trace import current_trace, new_span_id

logger = logging.getLogger(__name__)

# A constant key for PostgreSQL's advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_311_990_001
# The register entry under which the chain's own events (key rotation) are recorded.
SECURITY_ACTIVITY = "security"


class AuditUnavailable(Exception):  # noqa: N818 - reads as the state it reports
    """The processing record could not be written; the action it describes must not happen."""


class ActsFor(Protocol):
    """Who acts: satisfied by ``access.facts.Actor``."""

    @property
    def user_id(self) -> int: ...

    @property
    def organisation_id(self) -> int: ...


def pseudonymise(reference: str) -> str:
    """Keyed HMAC of a subject reference such as ``"user:12"`` or ``"subject:40"``."""
    key = settings.AUDIT_PSEUDONYM_KEY.encode("utf-8")
    return hmac.new(key, reference.encode("utf-8"), hashlib.sha256).hexdigest()


def _milliseconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _current_version(activity_code: str) -> ProcessingActivityVersion:
    version = (
        ProcessingActivityVersion.objects.filter(activity__code=activity_code)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise AuditUnavailable(f"No processing activity {activity_code!r} in the register.")
    return version


class ChainKeyNotHandedOver(AuditUnavailable):
    """The chain cannot be continued with AUDIT_CHAIN_KEY: it was not handed over to that key
    (run the key rotation), or it ends in an unkeyed record (it was cut short or rewritten)."""


@dataclass(frozen=True)
class ChainHead:
    next_sequence: int
    previous_hash: str
    next_key_id: str  # the key the next record must be made with; empty: any (not keyed yet)


def _lock_chain() -> ChainHead:
    """Serialises appends and returns where the next record goes.

    On SQLite the IMMEDIATE transaction already holds the database's write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    last = (
        ProcessingRecord.objects.order_by("-sequence")
        .values("sequence", "record_hash", "key_id", "name", "object_type", "object_id")
        .first()
    )
    if last is None:
        return ChainHead(1, GENESIS_HASH, "")
    return ChainHead(
        last["sequence"] + 1,
        last["record_hash"],
        next_key_id(
            name=last["name"],
            object_type=last["object_type"],
            object_id=last["object_id"],
            key_id=last["key_id"],
        ),
    )


def _key_for(head: ChainHead, name: str) -> ChainKey:
    """AUDIT_CHAIN_KEY, if the chain has been handed over to it (or is not keyed yet).

    A changed key is never taken on silently: the handover is a rotation record that
    `manage.py audit_rotate_chain_key` writes, signed by the key the chain was under.
    """
    key = current_key()
    if not head.next_key_id and head.next_sequence > 1:
        # Unkeyed records only ever precede the keyed record migration 0007 wrote after them.
        logger.error(
            "Processing record %s refused: the chain ends in an unkeyed record, so it was "
            "cut short or rewritten. Run `manage.py audit_verify` (docs/audit.md).",
            name,
        )
        raise ChainKeyNotHandedOver(name)
    if head.next_key_id and head.next_key_id != key.key_id:
        logger.error(
            "Processing record %s refused: the chain continues under key %s, but "
            "AUDIT_CHAIN_KEY is key %s. Run `manage.py audit_rotate_chain_key` with the "
            "previous key in AUDIT_CHAIN_KEY_RETIRED (docs/audit.md).",
            name,
            head.next_key_id,
            key.key_id,
        )
        raise ChainKeyNotHandedOver(name)
    return key


def _link(records: Sequence[ProcessingRecord], head: ChainHead, key: ChainKey) -> None:
    """Numbers, links and signs new records after the head."""
    sequence, previous = head.next_sequence, head.previous_hash
    for record in records:
        record.sequence = sequence
        record.previous_hash = previous
        record.key_id = key.key_id
        record.record_hash = record_digest(record, key)
        sequence += 1
        previous = record.record_hash


def log_processing(
    *,
    activity: str,
    name: str,
    operation: Operation,
    actor: ActsFor | None = None,
    actor_user_id: int | None = None,
    subjects: Sequence[str] = (),
    result: Result = Result.OK,
    object_type: str = "",
    object_id: str | int = "",
    started_at: datetime | None = None,
) -> list[ProcessingRecord]:
    """Appends one record per data subject (or one without subject) to the log.

    ``subjects`` are references like ``"user:12"``; only their keyed HMAC is stored.
    Raises AuditUnavailable when the record cannot be written; callers let it propagate so
    that the action is refused (and, inside a transaction, rolled back).
    """
    if name == ROTATION_NAME:
        raise ValueError("Only chain_key_rotate() writes the key rotation record.")
    trace = current_trace()
    ended = _milliseconds(timezone.now())
    started = _milliseconds(started_at) if started_at else ended
    user_id = actor.user_id if actor is not None else actor_user_id
    organisation_id = actor.organisation_id if actor is not None else None
    pseudonyms = [pseudonymise(reference) for reference in subjects] or [""]
    try:
        with transaction.atomic():
            version = _current_version(activity)
            head = _lock_chain()
            key = _key_for(head, name)
            records = [
                ProcessingRecord(
                    trace_id=trace.trace_id,
                    span_id=new_span_id(),
                    name=name,
                    operation=operation,
                    result=result,
                    started_at=started,
                    ended_at=ended,
                    activity_version=version,
                    subject_pseudonym=pseudonym,
                    actor_id=user_id,
                    organisation_id=organisation_id,
                    object_type=object_type,
                    object_id=str(object_id),
                    origin=trace.origin,
                    client_address=trace.client_address,
                )
                for pseudonym in pseudonyms
            ]
            _link(records, head, key)
            # One INSERT for all subjects of this action (a list page shows many people).
            ProcessingRecord.objects.bulk_create(records)
            return records
    except DatabaseError as exc:
        logger.error("Processing record %s could not be written: %s", name, exc)
        raise AuditUnavailable(name) from exc


class ChainKeyUnknown(Exception):  # noqa: N818 - reads as the state it reports
    """The key the chain is under is not configured, so nobody can sign the handover."""


def chain_key_rotate() -> ProcessingRecord | None:
    """Hands the chain over to AUDIT_CHAIN_KEY with a rotation record.

    The rotation record is signed with the key the chain is under now (which must be in
    AUDIT_CHAIN_KEY_RETIRED) and names the new key's id; records after it are made with the
    new key. Returns None when there is nothing to hand over: the chain is already under
    AUDIT_CHAIN_KEY, or not keyed yet (its next record is simply made with the current key).
    """
    new_key = current_key()
    with transaction.atomic():
        version = _current_version(SECURITY_ACTIVITY)
        head = _lock_chain()
        if head.next_key_id in ("", new_key.key_id):
            return None
        old_key = known_keys().get(head.next_key_id)
        if old_key is None:
            raise ChainKeyUnknown(head.next_key_id)
        trace = current_trace()
        now = _milliseconds(timezone.now())
        record = ProcessingRecord(
            trace_id=trace.trace_id,
            span_id=new_span_id(),
            name=ROTATION_NAME,
            operation=Operation.UPDATE,
            result=Result.OK,
            started_at=now,
            ended_at=now,
            activity_version=version,
            object_type=ROTATION_OBJECT_TYPE,
            object_id=new_key.key_id,
            origin=trace.origin,
            client_address=trace.client_address,
        )
        _link([record], head, old_key)
        ProcessingRecord.objects.bulk_create([record])
        return record


def chain_seal_unkeyed(
    record_model: Any = ProcessingRecord, version_model: Any = ProcessingActivityVersion
) -> ProcessingRecord | None:
    """Closes the unkeyed start of the chain with a record made with AUDIT_CHAIN_KEY.

    Run once, by migration audit 0007 (with its historical models), when the chain was keyed.
    Does nothing on an empty chain or one whose newest record is keyed already.
    """
    last = record_model.objects.order_by("-sequence").first()
    if last is None or last.key_id:
        return None
    version = (
        version_model.objects.filter(activity__code=SECURITY_ACTIVITY).order_by("-number").first()
    )
    key = current_key()
    trace = current_trace()
    now = _milliseconds(timezone.now())
    seal = record_model(
        trace_id=trace.trace_id,
        span_id=new_span_id(),
        name=SEAL_NAME,
        operation=Operation.UPDATE.value,
        result=Result.OK.value,
        started_at=now,
        ended_at=now,
        activity_version=version,
        object_type=ROTATION_OBJECT_TYPE,
        object_id=key.key_id,
        origin=trace.origin,
        client_address=None,
    )
    _link([seal], ChainHead(last.sequence + 1, last.record_hash, ""), key)
    seal.save()
    return seal


def activity_revise(
    *,
    code: str,
    name: str,
    purpose: str,
    legal_basis: str,
    data_categories: str,
    retention: str,
    author: str,
) -> ProcessingActivityVersion:
    """Adds a new version of a register entry (creating the entry the first time)."""
    with transaction.atomic():
        activity, _ = ProcessingActivity.objects.get_or_create(code=code)
        latest = activity.versions.order_by("-number").first()
        version = ProcessingActivityVersion(
            activity=activity,
            number=(latest.number + 1) if latest else 1,
            name=name,
            purpose=purpose,
            legal_basis=legal_basis,
            data_categories=data_categories,
            retention=retention,
            created_by=author,
        )
        version.full_clean()
        version.save()
        return version


def activity_codes() -> list[str]:
    return list(ProcessingActivity.objects.values_list("code", flat=True))
