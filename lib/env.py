"""Strict readers for environment variables.

Every configuration variable is read through these helpers so that a typo fails loudly at
start-up instead of silently falling back to an insecure default. Secrets may also be given
as ``NAME_FILE`` pointing at a file (Docker/Kubernetes secrets), never both.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigurationError(Exception):
    """A configuration variable has a value Schakel refuses to guess about."""


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if value is not None and file_name is not None:
        raise ConfigurationError(f"Set either {name} or {name}_FILE, not both.")
    if file_name is not None:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"{name}_FILE={file_name!r} cannot be read: {exc}") from exc
    return value


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value == "true":
        return True
    if value == "false":
        return False
    raise ConfigurationError(f"{name} must be 'true' or 'false', not {value!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from exc
    if minimum is not None and number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, not {value!r}.")
    return value


# A production secret must be long and varied enough to resist guessing: at least 32 characters
# with at least 16 different ones (a 32-byte random value in base64 or hex passes easily; a
# word, a date or "aaaa…" does not). Generate one with:
#     python -c "import secrets; print(secrets.token_urlsafe(48))"
SECRET_MIN_LENGTH = 32
SECRET_MIN_DISTINCT = 16


def require_strong_secret(name: str, value: str) -> None:
    """Stops the start when a production secret is too short or too uniform."""
    if len(value) < SECRET_MIN_LENGTH or len(set(value)) < SECRET_MIN_DISTINCT:
        raise ConfigurationError(
            f"{name} is too weak for production: use at least {SECRET_MIN_LENGTH} random "
            f'characters (for example python -c "import secrets; '
            f'print(secrets.token_urlsafe(48))").'
        )
