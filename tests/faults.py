"""Fault injection and log helpers shared by the tests (not collected: no test_ prefix)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from audit.models import ProcessingRecord

_SQLITE = [
    "CREATE TRIGGER test_refuse_insert BEFORE INSERT ON audit_processingrecord "
    "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
]
_SQLITE_DROP = ["DROP TRIGGER test_refuse_insert"]
_PG = [
    "CREATE FUNCTION test_refuse_insert() RETURNS trigger AS $$ BEGIN "
    "RAISE EXCEPTION 'injected failure'; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER test_refuse_insert BEFORE INSERT ON audit_processingrecord "
    "FOR EACH ROW EXECUTE FUNCTION test_refuse_insert()",
]
_PG_DROP = [
    "DROP TRIGGER test_refuse_insert ON audit_processingrecord",
    "DROP FUNCTION test_refuse_insert()",
]


@contextmanager
def broken_log() -> Iterator[None]:
    """The processing log refuses every insert, in the real database (nothing is mocked)."""
    create, drop = (_PG, _PG_DROP) if connection.vendor == "postgresql" else (_SQLITE, _SQLITE_DROP)
    with connection.cursor() as cursor:
        for statement in create:
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in drop:
                cursor.execute(statement)


def records(name: str) -> list[ProcessingRecord]:
    return list(ProcessingRecord.objects.filter(name=name).order_by("sequence"))
