"""The keys of the hash chain: the current one (AUDIT_CHAIN_KEY) and retired ones.

A key is never stored in the database; each record stores only the key's public id, derived
from the key itself, so that the verifier knows which configured key to check it with.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

_KEY_ID_LABEL = b"schakel-audit-chain-key-id"


@dataclass(frozen=True)
class ChainKey:
    key_id: str
    secret: bytes = field(repr=False)  # never shown in a traceback or log line

    def sign(self, message: bytes) -> str:
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()


@lru_cache(maxsize=16)
def chain_key(secret: str) -> ChainKey:
    """The key with its public id: the first 16 hex digits of HMAC(key, a fixed label)."""
    encoded = secret.encode("utf-8")
    key_id = hmac.new(encoded, _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]
    return ChainKey(key_id=key_id, secret=encoded)


def current_key() -> ChainKey:
    """The key new records are written with."""
    return chain_key(settings.AUDIT_CHAIN_KEY)


def known_keys() -> dict[str, ChainKey]:
    """Every configured key by its id: retired ones (verification, rotation) and the current."""
    keys = [chain_key(secret) for secret in settings.AUDIT_CHAIN_KEY_RETIRED]
    keys.append(current_key())
    return {key.key_id: key for key in keys}
