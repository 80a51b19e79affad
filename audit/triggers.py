"""Database triggers that make the processing log append-only, on SQLite and PostgreSQL.

Kept in one place because the migration installs them and the test support (which must
empty the log between transactional tests) removes and restores them.
"""

from __future__ import annotations

from typing import Any

TABLES = ("audit_processingrecord",)

_SQLITE_CREATE = """
CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, 'the processing log is append-only: UPDATE refused'); END;
CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, 'the processing log is append-only: DELETE refused'); END;
"""
_SQLITE_DROP = """
DROP TRIGGER IF EXISTS {table}_no_update;
DROP TRIGGER IF EXISTS {table}_no_delete;
"""

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION schakel_refuse_log_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the processing log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
_PG_CREATE = """
CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION schakel_refuse_log_change();
CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION schakel_refuse_log_change();
"""
_PG_DROP = """
DROP TRIGGER IF EXISTS {table}_no_change ON {table};
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
"""


def _statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        template = _SQLITE_CREATE if create else _SQLITE_DROP
        prefix: list[str] = []
    elif vendor == "postgresql":
        template = _PG_CREATE if create else _PG_DROP
        prefix = [_PG_FUNCTION] if create else []
    else:
        raise NotImplementedError(f"No append-only triggers for {vendor}.")
    sql = "".join(template.format(table=table) for table in TABLES)
    if vendor == "sqlite":
        # SQLite trigger bodies contain ';', so split on the statement boundaries we wrote.
        parts = [part.strip() for part in sql.split("END;")]
        statements = [f"{part} END;" if "BEGIN" in part else part for part in parts if part]
    else:
        statements = [sql]
    return prefix + statements


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=True):
            cursor.execute(statement)


def remove(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=False):
            for part in statement.split(";"):
                if part.strip():
                    cursor.execute(part)
