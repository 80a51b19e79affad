"""Writing the processing log: the one function every gate calls."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from audit.chain import GENESIS_HASH, record_digest
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


def _lock_chain() -> tuple[int, str]:
    """Serialises appends and returns the next sequence number and the previous hash.

    On SQLite the IMMEDIATE transaction already holds the database's write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    last = ProcessingRecord.objects.order_by("-sequence").values("sequence", "record_hash").first()
    if last is None:
        return 1, GENESIS_HASH
    return last["sequence"] + 1, last["record_hash"]


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
    trace = current_trace()
    ended = _milliseconds(timezone.now())
    started = _milliseconds(started_at) if started_at else ended
    user_id = actor.user_id if actor is not None else actor_user_id
    organisation_id = actor.organisation_id if actor is not None else None
    pseudonyms = [pseudonymise(reference) for reference in subjects] or [""]
    try:
        with transaction.atomic():
            version = _current_version(activity)
            sequence, previous = _lock_chain()
            records = []
            for pseudonym in pseudonyms:
                record = ProcessingRecord(
                    sequence=sequence,
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
                    previous_hash=previous,
                )
                record.record_hash = record_digest(record)
                records.append(record)
                sequence += 1
                previous = record.record_hash
            # One INSERT for all subjects of this action (a list page shows many people).
            ProcessingRecord.objects.bulk_create(records)
            return records
    except DatabaseError as exc:
        logger.error("Processing record %s could not be written: %s", name, exc)
        raise AuditUnavailable(name) from exc


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
