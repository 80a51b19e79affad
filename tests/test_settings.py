"""The settings refuse what they must refuse. Each case starts a fresh Python process,
because settings are read once at start-up."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lib.env import ConfigurationError, env_bool, env_int, env_str

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SCHAKEL_", "PYTEST"))}
    for name in (
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "AUDIT_PSEUDONYM_KEY",
        "AUDIT_CHAIN_KEY",
        "AUDIT_CHAIN_KEY_RETIRED",
        "AUDIT_ANCHOR_PATH",
        "DEBUG",
        "DATABASE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests; the deploy check refuses it
    ):
        clean.pop(name, None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "SCHAKEL_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "schakel.gemeente.example",
    "AUDIT_PSEUDONYM_KEY": secrets.token_urlsafe(32),
    "AUDIT_CHAIN_KEY": secrets.token_urlsafe(32),
}


def test_production_passes_the_deploy_check_without_warnings():
    result = _run("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "AUDIT_PSEUDONYM_KEY", "AUDIT_CHAIN_KEY"]
)
def test_production_refuses_to_start_without(missing: str):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _run("check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.parametrize("name", ["SECRET_KEY", "AUDIT_PSEUDONYM_KEY", "AUDIT_CHAIN_KEY"])
@pytest.mark.parametrize("weak", ["geheim", "a" * 64, "2026-12-07-gemeente-wijkstad-sleutel"[:31]])
def test_production_refuses_a_weak_secret(name: str, weak: str):
    result = _run("check", **{**PRODUCTION, name: weak})
    assert result.returncode != 0
    assert f"{name} is too weak for production" in result.stderr


def test_production_refuses_a_chain_key_that_is_another_secret():
    result = _run("check", **{**PRODUCTION, "AUDIT_CHAIN_KEY": PRODUCTION["SECRET_KEY"]})
    assert result.returncode != 0
    assert "AUDIT_CHAIN_KEY must be a key of its own" in result.stderr


def test_production_refuses_a_weak_retired_chain_key():
    retired = f"{secrets.token_urlsafe(32)},development-audit-chain-key"
    result = _run("check", **PRODUCTION, AUDIT_CHAIN_KEY_RETIRED=retired)
    assert result.returncode != 0
    assert "AUDIT_CHAIN_KEY_RETIRED is too weak for production" in result.stderr


def test_production_refuses_demo_mode():
    result = _run("check", **PRODUCTION, SCHAKEL_DEMO="true")
    assert result.returncode != 0
    assert "Demo mode" in result.stderr


def test_production_refuses_debug():
    result = _run("check", **PRODUCTION, DEBUG="true")
    assert result.returncode != 0


def test_a_boolean_that_is_not_true_or_false_stops_the_start():
    result = _run("check", SCHAKEL_DEMO="yes")
    assert result.returncode != 0
    assert "SCHAKEL_DEMO must be 'true' or 'false'" in result.stderr


def test_secret_can_come_from_a_file(tmp_path: Path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(PRODUCTION["SECRET_KEY"] + "\n")
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _run(
        "check", "--deploy", "--fail-level", "WARNING", SECRET_KEY_FILE=str(secret_file), **env
    )
    assert result.returncode == 0, result.stderr


@given(st.text(max_size=10).filter(lambda v: v not in {"true", "false"} and "\x00" not in v))
def test_env_bool_accepts_only_true_and_false(value: str):
    os.environ["SCHAKEL_TEST_BOOL"] = value
    try:
        with pytest.raises(ConfigurationError):
            env_bool("SCHAKEL_TEST_BOOL", False)
    finally:
        del os.environ["SCHAKEL_TEST_BOOL"]


def test_env_bool_reads_true_false_and_default(monkeypatch: pytest.MonkeyPatch):
    assert env_bool("SCHAKEL_TEST_UNSET", True) is True
    monkeypatch.setenv("SCHAKEL_TEST_BOOL", "false")
    assert env_bool("SCHAKEL_TEST_BOOL", True) is False
    monkeypatch.setenv("SCHAKEL_TEST_BOOL", "true")
    assert env_bool("SCHAKEL_TEST_BOOL", False) is True


def test_value_and_file_variant_together_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("SCHAKEL_TEST_SECRET", "a")
    monkeypatch.setenv("SCHAKEL_TEST_SECRET_FILE", str(tmp_path / "x"))
    with pytest.raises(ConfigurationError):
        env_str("SCHAKEL_TEST_SECRET")


def test_env_int_refuses_words_and_too_small(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SCHAKEL_TEST_INT", "vijftien")
    with pytest.raises(ConfigurationError):
        env_int("SCHAKEL_TEST_INT", 15)
    monkeypatch.setenv("SCHAKEL_TEST_INT", "0")
    with pytest.raises(ConfigurationError):
        env_int("SCHAKEL_TEST_INT", 15, minimum=1)


def test_sqlite_runs_in_wal_mode_with_full_sync(db: None):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_sqlite_file_database_uses_wal(tmp_path: Path):
    result = _run(
        "shell",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        DATA_DIR=str(tmp_path),
    )
    assert result.stdout.strip().splitlines()[-1] == "wal", result.stderr
