"""Database settings from ``DATABASE_URL``; SQLite when it is unset."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from lib.env import ConfigurationError


def sqlite_settings(path: Path) -> dict[str, Any]:
    # WAL lets readers work while one writer commits; synchronous=FULL makes a commit durable
    # on power loss (the default NORMAL in WAL mode may lose the last transactions). IMMEDIATE
    # takes the write lock at BEGIN so two writers never deadlock on a lock upgrade.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            ),
        },
    }


def postgres_settings(url: str) -> dict[str, Any]:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ConfigurationError("DATABASE_URL must start with postgres:// or postgresql://.")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigurationError("DATABASE_URL must name a database, e.g. postgres:///schakel.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        # An empty host means the Unix socket (peer authentication).
        "HOST": unquote(parts.hostname or ""),
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


def database_from_url(url: str, *, sqlite_path: Path) -> dict[str, Any]:
    if not url:
        return sqlite_settings(sqlite_path)
    return postgres_settings(url)
